import { describe, expect, it } from "vitest";
import { runBacktest } from "./run-backtest.js";
import { hourlyInputs, INSTANT_PHYSICS, NO_ADDERS, TOY_SITE } from "./testing/toy-site.js";
import type { StrategyTotals } from "./types.js";

// Two 1 kW, 100 TH/s units; hashprice 7.2 JPY/TH/s/day, so a unit earns 100 × 7.2 / 24 = 30 JPY an hour and breaks
// even at 30 JPY/kWh. Three hours: 5 JPY/kWh with no surplus, 35 JPY/kWh with 1 kW of surplus, 50 JPY/kWh.
const inputs = hourlyInputs({
  prices: [5, 35, 50],
  surplusW: [0, 1000, 0],
  hashpricePerThsDay: 7.2,
  btcPerThsDay: 1e-6,
});

function expectTotals(t: StrategyTotals | undefined, e: Omit<StrategyTotals, "profit">): void {
  expect(t).toBeDefined();
  if (t === undefined) return;
  expect(t.energyMwh).toBeCloseTo(e.energyMwh, 12);
  expect(t.surplusAbsorbedMwh).toBeCloseTo(e.surplusAbsorbedMwh, 12);
  expect(t.btc).toBeCloseTo(e.btc as number, 15);
  expect(t.revenue).toBeCloseTo(e.revenue, 9);
  expect(t.energyCost).toBeCloseTo(e.energyCost, 9);
  expect(t.profit).toBeCloseTo(e.revenue - e.energyCost, 9);
}

describe("runBacktest on a series computed by hand", () => {
  const r = runBacktest(inputs, {
    site: TOY_SITE,
    terms: NO_ADDERS,
    physics: INSTANT_PHYSICS,
    verifyEvery: 1,
  });

  it("always on: both units all three hours", () => {
    // 6 kWh; 1 kWh of it inside the hour-2 surplus (free); cost 2·5 + 1·35 + 2·50 = 145; 200 TH/s · 3 h = 25 TH/s·day.
    expectTotals(r.totals.alwaysOn, {
      energyMwh: 0.006,
      surplusAbsorbedMwh: 0.001,
      btc: 25e-6,
      revenue: 180,
      energyCost: 145,
    });
  });

  it("threshold: both units only while the price is below 30 JPY/kWh", () => {
    expectTotals(r.totals.threshold, {
      energyMwh: 0.002,
      surplusAbsorbedMwh: 0,
      btc: (200 / 24) * 1e-6,
      revenue: 60,
      energyCost: 10,
    });
  });

  it("green only: one unit on the 1 kW of surplus", () => {
    expectTotals(r.totals.green, {
      energyMwh: 0.001,
      surplusAbsorbedMwh: 0.001,
      btc: (100 / 24) * 1e-6,
      revenue: 30,
      energyCost: 0,
    });
  });

  it("hindsight: both units in hour 1, one on the surplus in hour 2, none in hour 3", () => {
    // Hour 2: one unit on free surplus earns 30; a second would pay 35 for 30 of revenue.
    expectTotals(r.totals.hindsight, {
      energyMwh: 0.003,
      surplusAbsorbedMwh: 0.001,
      btc: (300 / 24) * 1e-6,
      revenue: 90,
      energyCost: 10,
    });
  });

  it("gridminer's policy finds the same schedule here, so its regret is 0 %", () => {
    expectTotals(r.totals.gridminer, {
      energyMwh: 0.003,
      surplusAbsorbedMwh: 0.001,
      btc: (300 / 24) * 1e-6,
      revenue: 90,
      energyCost: 10,
    });
    expect(r.regretPct).toBeCloseTo(0, 9);
    expect(r.simulation.gridminer?.decideCalls).toBeGreaterThan(0);
  });

  it("with boot physics a woken unit draws and earns less in its first slot", () => {
    const real = runBacktest(inputs, { site: TOY_SITE, terms: NO_ADDERS, strategies: ["alwaysOn"] });
    const first = real.ledgers.alwaysOn?.energyKwh[0] as number;
    // Boot 60 s at standby + 10 % of the mode's power, calibration ramp over 240 s, then full power (per unit):
    // (60·50 + 240·550 + 3300·1000) / 3600 = 954.17 Wh.
    expect(first).toBeCloseTo((2 * (60 * 50 + 240 * 550 + 3300 * 1000)) / 3600 / 1000, 9);
  });
});
