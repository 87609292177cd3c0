// Small plans whose optimum can be worked out by hand. Hashprice 48 JPY/TH/day: 1 TH/s earns 1 JPY per slot;
// a 1 kW unit uses 0.5 kWh per slot. Prices are spot prices with no network charge, tax or surplus price.
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import type { PlanInput } from "./input.js";
import type { Plan, PlanOutcome } from "./plan.js";
import { type PlanRequestOptions, planWithSolver } from "./solve-plan.js";
import { hardInstance } from "./testing/hard.js";
import { DAY0_MS, group, input, mode, SLOT_MS, slots, twoGroupsFourSlots } from "./testing/inputs.js";
import { testSolver } from "./testing/solver.js";

async function solve(inp: PlanInput, opts: Partial<PlanRequestOptions> = {}): Promise<PlanOutcome> {
  return planWithSolver(inp, await testSolver(), { nowMs: DAY0_MS, mipRelGap: 0, ...opts });
}

async function plan(inp: PlanInput, opts: Partial<PlanRequestOptions> = {}): Promise<Plan> {
  const out = await solve(inp, opts);
  if (!out.ok) throw new Error(out.failure.message);
  expect(checkPlan(inp, out.plan)).toEqual([]);
  return out.plan;
}

/** Running units per slot of group g. */
const running = (p: Plan, g = 0): number[] => p.slots.map((s) => s.groups[g]?.runningUnits ?? -1);

describe("planWithSolver: hand-checked optima", () => {
  it("runs in cheap slots and sleeps in expensive ones (2 groups × 4 slots)", async () => {
    const p = await plan(twoGroupsFourSlots());
    expect(p.status).toBe("optimal");
    expect(running(p, 0)).toEqual([3, 3, 3, 0]);
    expect(running(p, 1)).toEqual([2, 0, 2, 0]);
    expect(p.slots.map((s) => s.profitJpy)).toEqual([565, 45, 565, 0]);
    expect(p.totals.profitJpy).toBe(1175);
    expect(p.objectiveJpy).toBeCloseTo(1175, 6);
    expect(p.slots[0]).toMatchObject({
      sitePowerW: 7_000,
      hashrateThs: 600,
      revenueJpy: 600,
      energyCostJpy: 35,
    });
    expect(p.slots[1]?.groups[1]).toMatchObject({ starts: 0, stops: 2 });
    expect(p.slots[2]?.groups[1]).toMatchObject({ starts: 2, stops: 0 });
  });

  it("gives the same optimum without the MIP start", async () => {
    const p = await plan(twoGroupsFourSlots(), { warmStart: false });
    expect(p.totals.profitJpy).toBe(1175);
  });

  it("picks modes under a binding import limit: 5 Eco + 5 Standard", async () => {
    // 10 units; Eco 800 W/90 TH/s nets 86, Standard 1,000 W/100 TH/s nets 95, Super 1,200 W/105 TH/s nets 99 JPY.
    // Under 9 kW, Eco earns most per watt and Eco→Standard is the best upgrade (9 JPY per 200 W).
    const inp = input(slots([10], { importLimitW: 9_000 }), [
      group("a", 10, [mode(0, 800, 90), mode(1, 1000, 100), mode(2, 1200, 105)]),
    ]);
    const p = await plan(inp);
    expect(p.slots[0]?.groups[0]?.unitsByMode).toEqual([
      { mode: 0, units: 5 },
      { mode: 1, units: 5 },
      { mode: 2, units: 0 },
    ]);
    expect(p.slots[0]?.sitePowerW).toBe(9_000);
    expect(p.totals.profitJpy).toBe(905);
  });

  it("runs all units in Super when nothing binds", async () => {
    const inp = input(slots([10]), [
      group("a", 10, [mode(0, 800, 90), mode(1, 1000, 100), mode(2, 1200, 105)]),
    ]);
    const p = await plan(inp);
    expect(p.slots[0]?.groups[0]?.unitsByMode.map((m) => m.units)).toEqual([0, 0, 10]);
  });

  it("absorbs free surplus where grid energy does not pay", async () => {
    // 1,000 JPY/kWh grid: only surplus-fed units run; a sixth unit would pay 500 W × 0.5 h × 1,000 = 250 JPY.
    const inp = input(slots([1000], { surplusW: 5_500 }), [group("a", 10, [mode(1, 1000, 100)])]);
    const p = await plan(inp);
    expect(running(p)).toEqual([5]);
    expect(p.slots[0]).toMatchObject({
      surplusUsedW: 5_000,
      gridImportW: 0,
      energyCostJpy: 0,
      profitJpy: 500,
    });
    expect(p.totals.surplusUsedKwh).toBe(2.5);
  });

  it("keeps demand-response caps: a maximum power and a committed reduction below a baseline", async () => {
    const inp = input(slots([10, 10, 10]), [group("a", 10, [mode(1, 1000, 100)], { standbyW: 100 })], {
      commitments: [
        {
          kind: "max-power",
          id: "cap",
          startMs: DAY0_MS + SLOT_MS,
          endMs: DAY0_MS + 2 * SLOT_MS,
          maxPowerW: 5_000,
        },
        {
          kind: "reduction",
          id: "erab",
          startMs: DAY0_MS + 2 * SLOT_MS,
          endMs: DAY0_MS + 3 * SLOT_MS,
          baselineW: 10_000,
          reductionW: 3_000,
        },
      ],
    });
    const p = await plan(inp);
    // Slot 1: 5,000 W = n · 1,000 + (10 − n) · 100 → n = 4 (4,600 W); slot 2: ≤ 7,000 W → n = 6 (6,400 W).
    expect(running(p)).toEqual([10, 4, 6]);
    expect(p.slots.map((s) => s.sitePowerW)).toEqual([10_000, 4_600, 6_400]);
  });

  it("limits miner heat to the cooling capacity at the forecast ambient", async () => {
    const s = slots([10, 10]).map((slot, t) => ({ ...slot, ambientC: t === 0 ? 20 : 40 }));
    const inp = input(s, [group("a", 10, [mode(1, 1000, 100)])], {
      auxiliaryW: 500,
      coolingCurve: [
        { ambientC: 25, capacityW: 20_000 },
        { ambientC: 40, capacityW: 6_500 },
      ],
    });
    const p = await plan(inp);
    expect(running(p)).toEqual([10, 6]);
    expect(p.slots[1]).toMatchObject({ minerPowerW: 6_000, sitePowerW: 6_500 });
  });

  it("pays boot energy: a unit keeps running through one dear slot rather than waking twice", async () => {
    // Prices 10, 210, 10 with 1 kWh per wake at the grid price: cycling saves 5 JPY in slot 1 but costs 10 at the
    // second wake. Running through: 95 − 5 + 95 − 10 = 175 JPY.
    const inp = input(slots([10, 210, 10]), [group("a", 1, [mode(1, 1000, 100)], { bootEnergyKwh: 1 })]);
    const p = await plan(inp);
    expect(running(p)).toEqual([1, 1, 1]);
    expect(p.totals.starts).toBe(1);
    expect(p.totals.profitJpy).toBe(175);
    const free = await plan(input(slots([10, 210, 10]), [group("a", 1, [mode(1, 1000, 100)])]));
    expect(running(free)).toEqual([1, 0, 1]);
  });
});

describe("planWithSolver: minimum up and down times", () => {
  const unit = (o: Parameters<typeof group>[3]) => group("a", 2, [mode(1, 1000, 100)], o);

  it("min-up: does not wake units that would have to run through a dear slot", async () => {
    // A unit woken in slot 0 must run slots 0–2, and slot 2 loses 400 JPY: it is better to wake in slot 3.
    const inp = input(slots([10, 10, 1000, 10, 10, 10]), [unit({ minUpSlots: 3 })]);
    const p = await plan(inp);
    expect(running(p)).toEqual([0, 0, 0, 2, 2, 2]);
    expect(p.totals.profitJpy).toBe(570);
    const free = await plan(input(slots([10, 10, 1000, 10, 10, 10]), [unit({ minUpSlots: 1 })]));
    expect(running(free)).toEqual([2, 2, 0, 2, 2, 2]);
  });

  it("min-down: does not put units to sleep when they could not wake again in time", async () => {
    // Sleeping in slot 1 would keep a unit asleep through slot 3; waking in slot 2 is worth more.
    const inp = input(slots([10, 1000, 10, 10]), [unit({ minDownSlots: 3 })]);
    const p = await plan(inp);
    expect(running(p)).toEqual([0, 0, 2, 2]);
    expect(p.totals.profitJpy).toBe(380);
  });

  it("holds units that started before the horizon until their minimum up time has run", async () => {
    // Both units woke 30 minutes ago with a 2-hour minimum: they run slots 0–2 whatever the price.
    const inp = input(slots([10, 1000, 1000, 1000]), [
      unit({ minUpSlots: 4, initial: { running: [{ mode: 1, count: 2, onForMs: SLOT_MS }] } }),
    ]);
    const p = await plan(inp);
    expect(running(p)).toEqual([2, 2, 2, 0]);
  });

  it("keeps recently slept units asleep, and wakes no more per slot than the ramp allows", async () => {
    const inp = input(slots([10, 10, 10, 10]), [
      group("a", 6, [mode(1, 1000, 100)], {
        minDownSlots: 3,
        maxStartsPerSlot: 2,
        initial: { running: [], sleeping: [{ count: 2, offForMs: 0 }] },
      }),
    ]);
    const p = await plan(inp);
    // 4 units may wake, 2 per slot; the 2 recent sleepers become free in slot 3.
    expect(running(p)).toEqual([2, 4, 4, 6]);
  });
});

describe("planWithSolver: failures and limits", () => {
  it("rejects invalid input before building a model", async () => {
    const inp = input(slots([Number.NaN]), [
      group("a", 2, [mode(1, 1000, 100)], { initial: { running: [{ mode: 1, count: 3, onForMs: 0 }] } }),
    ]);
    const out = await solve(inp);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.failure.kind).toBe("invalid-input");
    expect(out.failure.message).toContain("slot 0 spotPriceJpyPerKwh is NaN");
    expect(out.failure.message).toContain("initial state lists 3 units but the group has 2");
  });

  it("returns the incumbent with its gap when the time limit stops the search", async () => {
    // Proving this one optimal takes HiGHS about 15 s here.
    const inp = hardInstance(48, 16, { minUpSlots: 1, minDownSlots: 1 });
    const out = await solve(inp, { timeLimitS: 2, mipRelGap: 0 });
    if (!out.ok) throw new Error(out.failure.message);
    expect(out.plan.status).toBe("time-limit");
    // A gap, or NaN when the limit came before the root bound.
    expect(out.plan.mipGapPct > 0 || Number.isNaN(out.plan.mipGapPct)).toBe(true);
    expect(checkPlan(inp, out.plan)).toEqual([]);
    // At least as good as holding the initial state (everything asleep, paying standby).
    expect(out.plan.totals.profitJpy).toBeGreaterThan(0);
  }, 60_000);
});
