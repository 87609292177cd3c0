import { describe, expect, it } from "vitest";
import { A1566HA } from "../../drivers/miners/avalon/models.js";
import {
  bestSlotConfiguration,
  configurationOf,
  maxHashrateWithin,
  type SlotFleet,
  slotValuePerHour,
} from "./slot-optimum.js";

// Three A1566HA (Eco 6,451 W / 413 TH/s, Standard 8,064 / 480, Super 8,870 / 509, standby 120 W), no auxiliaries,
// a 20 kW import limit; hashprice 10 JPY/TH/day, i.e. 10/24 JPY per TH/s-hour.
const fleet: SlotFleet = {
  units: 3,
  standbyPowerW: 120,
  modes: A1566HA.modes.map((m) => ({ mode: m.mode, powerW: m.powerW, hashrateThs: m.hashrateThs })),
  auxiliaryW: 0,
  importLimitW: 20_000,
};
const revenuePerThsHour = 10 / 24;

/** Every configuration, for comparison. */
function enumerate(f: SlotFleet, prices: Parameters<typeof bestSlotConfiguration>[1]): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let a = 0; a <= f.units; a++)
    for (let b = 0; a + b <= f.units; b++)
      for (let c = 0; a + b + c <= f.units; c++) {
        const { powerW, hashrateThs } = configurationOf(f, [a, b, c]);
        if (powerW > f.importLimitW && a + b + c > 0) continue;
        best = Math.max(best, slotValuePerHour(powerW, hashrateThs, prices));
      }
  return best;
}

describe("the hindsight optimum of one slot", () => {
  it("at 20 JPY/kWh runs all three in Eco, the mode that earns most per unit", () => {
    // Per unit and hour above standby: Eco 172.08 − 20 · 6.331 = 45.46; Standard 200 − 158.88 = 41.12; Super 37.08.
    const prices = { revenuePerThsHour, gridPricePerKwh: 20, ppaPricePerKwh: 0, surplusW: 0 };
    const c = bestSlotConfiguration(fleet, prices);
    expect(c.counts).toEqual([3, 0, 0]);
    expect(c.powerW).toBe(360 + 3 * 6331);
    expect(c.hashrateThs).toBe(1239);
    expect(c.valuePerHour).toBeCloseTo((1239 * 10) / 24 - 20 * 19.353, 9);
    expect(c.valuePerHour).toBeCloseTo(enumerate(fleet, prices), 9);
  });

  it("at 10 JPY/kWh still runs three in Eco: Super earns more per unit but only two fit under 20 kW", () => {
    // Super 124.58 a unit, Eco 108.77; 2 Super (17.5 kW above standby) make 249.17, 3 Eco (18.99 kW) 326.31.
    const prices = { revenuePerThsHour, gridPricePerKwh: 10, ppaPricePerKwh: 0, surplusW: 0 };
    const c = bestSlotConfiguration(fleet, prices);
    expect(c.counts).toEqual([3, 0, 0]);
    expect(c.valuePerHour).toBeCloseTo(3 * (413 * (10 / 24) - 6.331 * 10) - 0.36 * 10, 9);
    const roomy = bestSlotConfiguration({ ...fleet, importLimitW: 30_000 }, prices);
    expect(roomy.counts).toEqual([0, 0, 3]);
  });

  it("at 40 JPY/kWh runs two Eco: the second one's power is mostly free surplus", () => {
    // 10 kW surplus. One unit alone: Super, 509 · 10/24 = 212.08 JPY/h, all inside the surplus. Two Eco draw
    // 360 + 2 · 6,331 = 13,022 W: 826 TH/s earn 344.17, the 3.022 kW beyond the surplus cost 40 · 3.022 = 120.88.
    const prices = { revenuePerThsHour, gridPricePerKwh: 40, ppaPricePerKwh: 0, surplusW: 10_000 };
    const c = bestSlotConfiguration(fleet, prices);
    expect(c.counts).toEqual([2, 0, 0]);
    expect(c.powerW).toBe(13_022);
    expect(c.valuePerHour).toBeCloseTo((826 * 10) / 24 - 40 * 3.022, 9);
    expect(c.valuePerHour).toBeCloseTo(enumerate(fleet, prices), 9);
  });

  it("spills over the surplus onto grid energy while that still pays, within the import limit", () => {
    // 15 kW surplus, grid 25 JPY/kWh. Three Eco (19,353 W): 516.25 − 25 · 4.353 = 407.43 JPY/h. One Eco and two
    // Super would earn more but draw 24,191 W, over the 20 kW limit.
    const prices = { revenuePerThsHour, gridPricePerKwh: 25, ppaPricePerKwh: 0, surplusW: 15_000 };
    const c = bestSlotConfiguration(fleet, prices);
    expect(c.counts).toEqual([3, 0, 0]);
    expect(c.valuePerHour).toBeCloseTo(516.25 - 25 * 4.353, 9);
    expect(c.valuePerHour).toBeCloseTo(enumerate(fleet, prices), 9);
  });

  it("keeps everything asleep when auxiliaries alone exceed the import limit", () => {
    const prices = { revenuePerThsHour, gridPricePerKwh: 1, ppaPricePerKwh: 0, surplusW: 0 };
    const c = bestSlotConfiguration({ ...fleet, auxiliaryW: 25_000 }, prices);
    expect(c.counts).toEqual([0, 0, 0]);
    expect(c.powerW).toBe(25_360);
  });

  it("green only takes the most hashrate the surplus can power", () => {
    expect(maxHashrateWithin(fleet, 10_000).counts).toEqual([0, 0, 1]);
    expect(maxHashrateWithin(fleet, 13_100).counts).toEqual([2, 0, 0]);
    expect(maxHashrateWithin(fleet, 300).counts).toEqual([0, 0, 0]);
  });

  it("matches enumeration on many price and surplus combinations", () => {
    for (const grid of [0.01, 5, 12, 18, 22, 25, 27, 30, 45])
      for (const surplusW of [0, 3_000, 7_000, 9_500, 13_000, 17_500, 26_000])
        for (const ppa of [0, 8]) {
          const prices = { revenuePerThsHour, gridPricePerKwh: grid, ppaPricePerKwh: ppa, surplusW };
          expect(bestSlotConfiguration(fleet, prices).valuePerHour).toBeCloseTo(enumerate(fleet, prices), 9);
        }
  });
});
