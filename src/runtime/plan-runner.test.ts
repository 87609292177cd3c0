import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../core/default-policy.js";
import { referenceSnapshot } from "../core/testing/reference-site.js";
import type { PowerInterval, PriceInterval } from "../domain/series.js";
import { PlanRunner } from "./plan-runner.js";
import { PlannerWorker } from "./planner-worker/planner-worker.js";

// 2023-04-09 11:00 JST: after the auction, so the prices of the 10th are known and the horizon runs to its end.
const NOW = Date.parse("2023-04-09T11:00:00+09:00");
const DAY0 = Date.parse("2023-04-09T00:00:00+09:00");
const SLOT = 1_800_000;

// Cheap from 10:00 to 16:00 JST, dear otherwise; surplus of 2 MW from 10:00 to 14:00 on the 9th.
const spot: PriceInterval[] = Array.from({ length: 96 }, (_, i) => {
  const hour = (i % 48) / 2;
  return { startMs: DAY0 + i * SLOT, durationMs: SLOT, priceJpyPerKwh: hour >= 10 && hour < 16 ? 0.01 : 40 };
});
const surplus: PowerInterval[] = Array.from({ length: 8 }, (_, i) => ({
  startMs: DAY0 + (20 + i) * SLOT,
  durationMs: SLOT,
  powerW: 2_000_000,
}));

const worker = new PlannerWorker({ timeLimitS: 10 });
afterAll(() => worker.close());

describe("PlanRunner", () => {
  it("builds the horizon from the known day-ahead prices and the fleet, and rule 5 reads the kept plan", async () => {
    const clock = { nowMs: () => NOW };
    const policy = { ...DEFAULT_POLICY, importLimitW: 4_500_000, coolingCapacity: [] };
    const plans: number[] = [];
    const runner = new PlanRunner({
      worker,
      clock,
      policy,
      forecasts: { spot, surplus, hashpriceJpyPerThsDay: 10.5 },
      pricing: { networkChargeJpyPerKwh: 5, taxJpyPerKwh: 0, surplusPriceJpyPerKwh: 0 },
      replanIntervalMs: 1_800_000,
      toleranceW: 8_870,
      onPlan: (p) => plans.push(p.slots.length),
    });
    const snapshot = referenceSnapshot({ nowMs: NOW });
    const input = runner.input(snapshot, [], NOW);
    // 11:00 on the 9th to 24:00 on the 10th: 26 + 48 slots.
    expect(input.slots).toHaveLength(74);
    expect(input.slots[0]?.surplusW).toBe(2_000_000);
    expect(input.slots[6]?.surplusW).toBe(0);
    expect(input.groups.map((g) => g.count)).toEqual([558]);

    runner.maybeReplan(snapshot, []);
    const deadline = Date.now() + 30_000;
    while (plans.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(plans).toEqual([74]);
    const slot = runner.target(NOW);
    expect(slot?.startMs).toBe(NOW);
    // Break-even at 10.5 JPY/TH/day is ~26 JPY/kWh: the whole site runs in the 0.01 JPY/kWh hours.
    expect(slot?.targetW).toBeGreaterThan(4_400_000);
    expect(slot?.targetW).toBeLessThanOrEqual(4_500_000);
    const evening = runner.target(Date.parse("2023-04-09T19:00:00+09:00"));
    // Evening at 45 JPY/kWh: every unit asleep (558 × 120 W standby) plus the 100 kW auxiliary load.
    expect(evening?.targetW).toBe(558 * 120 + 100_000);
  }, 60_000);

  it("turns a grid event into a commitment and does not re-plan while nothing changed", () => {
    const clock = { nowMs: () => NOW };
    const runner = new PlanRunner({
      worker,
      clock,
      policy: { ...DEFAULT_POLICY, coolingCapacity: [] },
      forecasts: { spot, surplus, hashpriceJpyPerThsDay: 10.5 },
      pricing: { networkChargeJpyPerKwh: 5, taxJpyPerKwh: 0, surplusPriceJpyPerKwh: 0 },
      replanIntervalMs: 1_800_000,
      toleranceW: 8_870,
    });
    const input = runner.input(
      referenceSnapshot({ nowMs: NOW }),
      [{ id: "dr-1", kind: "import-limit", limitW: 1_000_000, startMs: NOW + SLOT, endMs: NOW + 3 * SLOT }],
      NOW,
    );
    expect(input.commitments).toEqual([
      { id: "dr-1", kind: "max-power", maxPowerW: 1_000_000, startMs: NOW + SLOT, endMs: NOW + 3 * SLOT },
    ]);
  });

  it("before the 10:00 auction only today is planned", () => {
    const early = Date.parse("2023-04-09T09:00:00+09:00");
    const runner = new PlanRunner({
      worker,
      clock: { nowMs: () => early },
      policy: { ...DEFAULT_POLICY, coolingCapacity: [] },
      forecasts: { spot, surplus, hashpriceJpyPerThsDay: 10.5 },
      pricing: { networkChargeJpyPerKwh: 5, taxJpyPerKwh: 0, surplusPriceJpyPerKwh: 0 },
      replanIntervalMs: 1_800_000,
      toleranceW: 8_870,
    });
    expect(runner.input(referenceSnapshot({ nowMs: early }), [], early).slots).toHaveLength(30);
  });

  it("counts on the surplus that curtailment notices announce, once they are issued", () => {
    const notice = {
      startMs: Date.parse("2023-04-10T10:00:00+09:00"),
      endMs: Date.parse("2023-04-10T14:00:00+09:00"),
      expectedCurtailedMw: 3_000,
      issuedMs: Date.parse("2023-04-09T17:00:00+09:00"),
    };
    const make = (nowMs: number) =>
      new PlanRunner({
        worker,
        clock: { nowMs: () => nowMs },
        policy: { ...DEFAULT_POLICY, coolingCapacity: [] },
        forecasts: {
          spot,
          surplus,
          hashpriceJpyPerThsDay: 10.5,
          notices: { notices: [notice], plantShare: 0.001, capacityW: 10_000_000 },
        },
        pricing: { networkChargeJpyPerKwh: 5, taxJpyPerKwh: 0, surplusPriceJpyPerKwh: 0 },
        replanIntervalMs: 1_800_000,
        toleranceW: 8_870,
      });
    const slotAt = (input: ReturnType<PlanRunner["input"]>, iso: string) =>
      input.slots.find((x) => x.startMs === Date.parse(iso));
    // At 11:00 the notice for tomorrow is not out yet, and the recorded surplus is not used either.
    const before = make(NOW).input(referenceSnapshot({ nowMs: NOW }), [], NOW);
    expect(slotAt(before, "2023-04-10T11:00:00+09:00")?.surplusW).toBe(0);
    expect(before.slots[0]?.surplusW).toBe(0);
    // After 17:00 it is: 0.1 % of 3,000 MW = 3 MW over 10:00-14:00 on the 10th.
    const later = Date.parse("2023-04-09T18:00:00+09:00");
    const after = make(later).input(referenceSnapshot({ nowMs: later }), [], later);
    expect(slotAt(after, "2023-04-10T11:00:00+09:00")?.surplusW).toBe(3_000_000);
    expect(slotAt(after, "2023-04-10T14:00:00+09:00")?.surplusW).toBe(0);
  });

  it("re-plans when a unit faults, and not otherwise before the interval", async () => {
    let solves = 0;
    const counting = {
      solve: (...args: Parameters<PlannerWorker["solve"]>) => {
        solves++;
        return worker.solve(...args);
      },
    } as unknown as PlannerWorker;
    const runner = new PlanRunner({
      worker: counting,
      clock: { nowMs: () => NOW },
      policy: { ...DEFAULT_POLICY, coolingCapacity: [] },
      forecasts: { spot, surplus, hashpriceJpyPerThsDay: 10.5 },
      pricing: { networkChargeJpyPerKwh: 5, taxJpyPerKwh: 0, surplusPriceJpyPerKwh: 0 },
      replanIntervalMs: 1_800_000,
      toleranceW: 8_870,
    });
    const healthy = referenceSnapshot({ nowMs: NOW, units: 20 });
    const settle = async () => {
      const deadline = Date.now() + 20_000;
      while (runner.keeper.status(NOW).plan === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 100));
    };
    runner.maybeReplan(healthy, []);
    await settle();
    runner.maybeReplan(healthy, []);
    expect(solves).toBe(1);
    const faulted = referenceSnapshot({
      nowMs: NOW,
      units: 20,
      each: (i) => (i === 3 ? { state: "fault" } : {}),
    });
    runner.maybeReplan(faulted, []);
    expect(solves).toBe(2);
  }, 60_000);
});
