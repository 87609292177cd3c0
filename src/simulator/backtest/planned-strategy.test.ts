import { beforeAll, describe, expect, it } from "vitest";
import type { MipSolver } from "../../planner/solver.js";
import { testSolver } from "../../planner/testing/solver.js";
import { nextPlanTimeMs, type PlannedNotices, pricesKnownUntilMs } from "./planned-strategy.js";
import { runBacktest } from "./run-backtest.js";
import { hourlyInputs, INSTANT_PHYSICS, NO_ADDERS, TOY_SITE } from "./testing/toy-site.js";
import type { BacktestResult, StrategyTotals } from "./types.js";

const H = 3_600_000;
const JST = 9 * H;
const T0 = Date.UTC(2023, 3, 1); // toy inputs: hourly slots from 2023-04-01 00:00 UTC, days in UTC

describe("what the planner knows when", () => {
  it("sees tomorrow's prices from 10:00 local on, and plans daily at 17:00 local", () => {
    const day = Date.UTC(2023, 3, 1) - JST; // 2023-04-01 00:00 JST
    expect(pricesKnownUntilMs(day + 9 * H, JST)).toBe(day + 24 * H);
    expect(pricesKnownUntilMs(day + 10 * H, JST)).toBe(day + 48 * H);
    expect(nextPlanTimeMs(day, JST)).toBe(day + 17 * H);
    expect(nextPlanTimeMs(day + 17 * H, JST)).toBe(day + 41 * H);
  });
});

// Two 1 kW, 100 TH/s units earning 30 JPY an hour each (break-even 30 JPY/kWh), instant physics, no adders; the
// planner prices a wake at 0.5 kWh of grid energy. Two days of hourly slots at 10 JPY/kWh except:
//   hours 12–13 of day 1 at 50: everyone sleeps (a wake costs 5 JPY, running 40 JPY);
//   hours 10–11 of day 2 at 35 with 1 kW of real surplus: one unit runs on it, but only if a notice said so;
//   hour 20 of day 2 at 31: running loses 1 JPY per unit, waking again costs 5, so the plan keeps both running
//   where the hindsight optimum (which pays no wake) sleeps.
const prices = Array.from({ length: 48 }, () => 10);
const surplusW = Array.from({ length: 48 }, () => 0);
prices[12] = prices[13] = 50;
prices[34] = prices[35] = 35;
surplusW[34] = surplusW[35] = 1000;
prices[44] = 31;
const inputs = hourlyInputs({ prices, surplusW, hashpricePerThsDay: 7.2, btcPerThsDay: 1e-6 });

const notice = (issuedMs: number): PlannedNotices => ({
  notices: [{ startMs: T0 + 34 * H, endMs: T0 + 36 * H, expectedCurtailedMw: 0.001, issuedMs }],
  plantShare: 1,
  capacityW: 1000,
});

function expectTotals(t: StrategyTotals | undefined, e: Omit<StrategyTotals, "profit" | "btc">): void {
  expect(t).toBeDefined();
  if (t === undefined) return;
  expect(t.energyMwh).toBeCloseTo(e.energyMwh, 12);
  expect(t.surplusAbsorbedMwh).toBeCloseTo(e.surplusAbsorbedMwh, 12);
  expect(t.btc).toBeCloseTo((e.revenue / 30 / 24) * 100 * 1e-6, 15);
  expect(t.revenue).toBeCloseTo(e.revenue, 9);
  expect(t.energyCost).toBeCloseTo(e.energyCost, 9);
  expect(t.profit).toBeCloseTo(e.revenue - e.energyCost, 9);
}

describe("the planned strategy on two days computed by hand", () => {
  let solver: MipSolver;
  const run = (notices?: PlannedNotices): BacktestResult =>
    runBacktest(inputs, {
      site: TOY_SITE,
      terms: NO_ADDERS,
      physics: INSTANT_PHYSICS,
      strategies: ["planned", "hindsight"],
      planner: { solver, mipRelGap: 0, ...(notices === undefined ? {} : { notices }) },
    });
  beforeAll(async () => {
    solver = await testSolver();
  });

  it("hindsight: 88 unit-hours, 2 of them on the surplus", () => {
    const r = run();
    // Day 1: 22 h × 2 units at 10; day 2: 21 h × 2 at 10 and one unit on free surplus for 2 h.
    expectTotals(r.totals.hindsight, {
      energyMwh: 0.088,
      surplusAbsorbedMwh: 0.002,
      revenue: 2640,
      energyCost: 860,
    });
  });

  it("with the day-2 notice issued 17:00 the day before: the surplus is used, hour 20 is run through", () => {
    const r = run(notice(T0 + 17 * H));
    expectTotals(r.totals.planned, {
      energyMwh: 0.09,
      surplusAbsorbedMwh: 0.002,
      revenue: 2700,
      energyCost: 922,
    });
    // 1,780 − 1,778 = 2 JPY: the hour at 31 JPY/kWh, two units losing 1 JPY each.
    expect(r.plannedRegretPct).toBeCloseTo((2 / 1780) * 100, 9);
    expect(r.regretPct).toBeNull();
    // Plans at the first slot (day 1 only: day 2's prices are not out yet) and at 17:00 on both days.
    expect(r.simulation.planned?.plans).toBe(3);
  });

  it("without a notice, or with one issued too late, the surplus hours are slept through", () => {
    for (const r of [run(), run(notice(T0 + 33 * H))]) {
      // 88 unit-hours: day 1 as hindsight (440 JPY), day 2 all but hours 10–11: 21 h × 2 at 10 and 2 at 31.
      expectTotals(r.totals.planned, {
        energyMwh: 0.088,
        surplusAbsorbedMwh: 0,
        revenue: 2640,
        energyCost: 922,
      });
      // 1,780 − 1,718: the surplus hours' 60 JPY and hour 20's 2 JPY.
      expect(r.plannedRegretPct).toBeCloseTo((62 / 1780) * 100, 9);
    }
  });

  it("is left out of a default run without a planner, and refused when asked for without one", () => {
    const r = runBacktest(inputs, { site: TOY_SITE, terms: NO_ADDERS, physics: INSTANT_PHYSICS });
    expect(r.totals.planned).toBeUndefined();
    expect(r.plannedRegretPct).toBeNull();
    expect(() => runBacktest(inputs, { site: TOY_SITE, terms: NO_ADDERS, strategies: ["planned"] })).toThrow(
      /planned strategy needs a planner/,
    );
  });
});
