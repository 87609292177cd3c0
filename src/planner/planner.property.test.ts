// Random small sites: every plan the planner returns keeps the import limit and every commitment (the checker
// finds nothing), a failure is always a diagnosed infeasibility, and on tiny sites the plan is the optimum that
// brute force over all schedules finds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import { commitmentCapW, type DemandResponseCommitment, type PlanInput, type UnitGroup } from "./input.js";
import { planWithSolver } from "./solve-plan.js";
import { DAY0_MS, FREE_PRICING, mode, planFromCounts, SLOT_MS, slots } from "./testing/inputs.js";
import { testSolver } from "./testing/solver.js";

const arbGroup = (id: string, maxCount: number): fc.Arbitrary<UnitGroup> =>
  fc
    .record({
      count: fc.integer({ min: 0, max: maxCount }),
      modes: fc.uniqueArray(
        fc.record({
          powerW: fc.integer({ min: 200, max: 3_000 }),
          hashrateThs: fc.integer({ min: 5, max: 200 }),
        }),
        { minLength: 1, maxLength: 2, selector: (m) => m.powerW },
      ),
      standbyW: fc.integer({ min: 0, max: 150 }),
      bootEnergyKwh: fc.constantFrom(0, 0.1, 0.5),
      minUpSlots: fc.integer({ min: 1, max: 3 }),
      minDownSlots: fc.integer({ min: 1, max: 3 }),
      maxStarts: fc.integer({ min: 0, max: 3 }),
      running: fc.integer({ min: 0, max: 3 }),
      onForSlots: fc.integer({ min: 0, max: 3 }),
      sleeping: fc.integer({ min: 0, max: 2 }),
      offForSlots: fc.integer({ min: 0, max: 3 }),
    })
    .map((g) => {
      const running = Math.min(g.running, g.count);
      const sleeping = Math.min(g.sleeping, g.count - running);
      return {
        id,
        count: g.count,
        modes: g.modes.map((m, k) => mode(k, Math.max(m.powerW, g.standbyW), m.hashrateThs)),
        standbyW: g.standbyW,
        bootEnergyKwh: g.bootEnergyKwh,
        minUpSlots: g.minUpSlots,
        minDownSlots: g.minDownSlots,
        maxStartsPerSlot: Math.min(g.maxStarts, g.count),
        initial: {
          running: running > 0 ? [{ mode: 0, count: running, onForMs: g.onForSlots * SLOT_MS }] : [],
          sleeping: sleeping > 0 ? [{ count: sleeping, offForMs: g.offForSlots * SLOT_MS }] : [],
        },
      };
    });

const arbCommitment = (slotCount: number, i: number): fc.Arbitrary<DemandResponseCommitment> =>
  fc
    .record({
      from: fc.nat(slotCount - 1),
      len: fc.integer({ min: 1, max: 2 }),
      capW: fc.integer({ min: 500, max: 12_000 }),
    })
    .map(({ from, len, capW }) => ({
      kind: "max-power",
      id: `dr-${i}`,
      startMs: DAY0_MS + from * SLOT_MS,
      endMs: DAY0_MS + (from + len) * SLOT_MS,
      maxPowerW: capW,
    }));

const arbInput = (o: { maxGroups: number; maxCount: number; maxSlots: number }): fc.Arbitrary<PlanInput> =>
  fc.integer({ min: 1, max: o.maxSlots }).chain((slotCount) =>
    fc
      .record({
        prices: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: slotCount, maxLength: slotCount }),
        surplus: fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: slotCount, maxLength: slotCount }),
        limits: fc.array(fc.integer({ min: 1_000, max: 15_000 }), {
          minLength: slotCount,
          maxLength: slotCount,
        }),
        ambient: fc.array(fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined }), {
          minLength: slotCount,
          maxLength: slotCount,
        }),
        groups: fc
          .integer({ min: 1, max: o.maxGroups })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, g) => arbGroup(`g${g}`, o.maxCount)))),
        commitments: fc
          .integer({ min: 0, max: 2 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbCommitment(slotCount, i)))),
        hashprice: fc.integer({ min: 10, max: 100 }),
        auxiliaryW: fc.integer({ min: 0, max: 500 }),
      })
      .map((r) => ({
        slots: slots(r.prices, { hashpriceJpyPerThsDay: r.hashprice }).map((s, t) => ({
          ...s,
          surplusW: r.surplus[t] ?? 0,
          importLimitW: r.limits[t] ?? 0,
          ...(r.ambient[t] === undefined ? {} : { ambientC: r.ambient[t] }),
        })),
        groups: r.groups,
        commitments: r.commitments,
        pricing: { networkChargeJpyPerKwh: 3, taxJpyPerKwh: 1, surplusPriceJpyPerKwh: 0 },
        coolingCurve: [
          { ambientC: 20, capacityW: 12_000 },
          { ambientC: 40, capacityW: 3_000 },
        ],
        auxiliaryW: r.auxiliaryW,
      })),
  );

describe("planner properties", () => {
  it("never returns a plan that breaks the import limit or a commitment; failures are diagnosed infeasibilities", async () => {
    const solver = await testSolver();
    fc.assert(
      fc.property(arbInput({ maxGroups: 2, maxCount: 4, maxSlots: 6 }), (inp) => {
        const out = planWithSolver(inp, solver, { nowMs: DAY0_MS, timeLimitS: 10, mipRelGap: 0.001 });
        if (!out.ok) {
          expect(out.failure.kind).toBe("infeasible");
          expect(out.failure.findings?.length ?? 0).toBeGreaterThan(0);
          return;
        }
        expect(checkPlan(inp, out.plan)).toEqual([]);
        out.plan.slots.forEach((s, t) => {
          const slot = inp.slots[t];
          expect(s.sitePowerW).toBeLessThanOrEqual((slot?.importLimitW ?? 0) + 1e-6);
          for (const c of inp.commitments) {
            if (c.startMs < s.startMs + s.durationMs && s.startMs < c.endMs) {
              expect(s.sitePowerW).toBeLessThanOrEqual(commitmentCapW(c) + 1e-6);
            }
          }
        });
      }),
      { numRuns: 60, seed: 20261126 },
    );
  }, 120_000);

  it("finds the optimum brute force finds, and calls infeasible exactly what brute force cannot schedule", async () => {
    const solver = await testSolver();
    fc.assert(
      fc.property(arbInput({ maxGroups: 1, maxCount: 3, maxSlots: 4 }), (raw) => {
        // Surplus priced at 0 and grid prices ≥ 0: the model prices energy exactly, so objectives compare.
        const inp: PlanInput = { ...raw, pricing: FREE_PRICING };
        const best = bruteForce(inp);
        const out = planWithSolver(inp, solver, { nowMs: DAY0_MS, timeLimitS: 10, mipRelGap: 0 });
        if (best === undefined) {
          expect(out.ok).toBe(false);
          return;
        }
        if (!out.ok) throw new Error(`solver failed where brute force found ${best}: ${out.failure.message}`);
        expect(out.plan.totals.profitJpy).toBeCloseTo(best, 4);
      }),
      { numRuns: 40, seed: 7 },
    );
  }, 120_000);
});

/** Best profit over every schedule of a single group that passes the checker; undefined when none does. */
function bruteForce(inp: PlanInput): number | undefined {
  const g = inp.groups[0];
  if (g === undefined) return undefined;
  const states: number[][] = [];
  const fill = (k: number, left: number, acc: number[]): void => {
    if (k === g.modes.length) {
      states.push([...acc]);
      return;
    }
    for (let u = 0; u <= left; u++) fill(k + 1, left - u, [...acc, u]);
  };
  fill(0, g.count, []);
  let best: number | undefined;
  const schedule: number[][][] = [];
  const walk = (t: number): void => {
    if (t === inp.slots.length) {
      const p = planFromCounts(inp, schedule);
      if (
        checkPlan(inp, p, { toleranceW: 1e-6 }).length === 0 &&
        (best === undefined || p.totals.profitJpy > best)
      )
        best = p.totals.profitJpy;
      return;
    }
    for (const s of states) {
      schedule.push([s]);
      walk(t + 1);
      schedule.pop();
    }
  };
  walk(0);
  return best;
}
