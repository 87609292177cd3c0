import { describe, expect, it } from "vitest";
import { coolingCapacityW } from "./cooling.js";
import { MissingPriceError, planningHorizon, slotsFromSeries } from "./horizon.js";

const jst = (d: number, h: number, m = 0): number => Date.UTC(2026, 10, d, h - 9, m);

describe("planningHorizon", () => {
  it("runs from the slot containing now to the end of tomorrow, JST", () => {
    const h = planningHorizon(jst(26, 13, 47));
    expect(h).toEqual({ startMs: jst(26, 13, 30), endMs: jst(28, 0), slotMs: 1_800_000 });
    expect((h.endMs - h.startMs) / h.slotMs).toBe(69);
  });

  it("is 48 hours long at midnight JST (15:00 UTC the day before)", () => {
    const h = planningHorizon(jst(26, 0));
    expect((h.endMs - h.startMs) / 3_600_000).toBe(48);
  });
});

describe("slotsFromSeries", () => {
  const h = { startMs: jst(26, 10), endMs: jst(26, 11, 30), slotMs: 1_800_000 };
  const spot = [0, 1, 2].map((i) => ({
    startMs: h.startMs + i * 1_800_000,
    durationMs: 1_800_000,
    priceJpyPerKwh: 10 + i,
  }));
  // Hourly surplus, as the TSO's area data come.
  const surplus = [{ startMs: h.startMs, durationMs: 3_600_000, powerW: 2_000_000 }];

  it("reads each slot's price, surplus and ambient at its start", () => {
    const slots = slotsFromSeries(h, {
      spot,
      surplus,
      hashpriceJpyPerThsDay: 7,
      importLimitW: 4_500_000,
      ambientC: [{ startMs: h.startMs, durationMs: 5_400_000, ambientC: 31 }],
    });
    expect(slots.map((s) => [s.spotPriceJpyPerKwh, s.surplusW, s.ambientC])).toEqual([
      [10, 2_000_000, 31],
      [11, 2_000_000, 31],
      [12, 0, 31],
    ]);
    expect(slots[0]).toMatchObject({
      hashpriceJpyPerThsDay: 7,
      importLimitW: 4_500_000,
      durationMs: 1_800_000,
    });
  });

  it("refuses to plan a slot without a price", () => {
    expect(() =>
      slotsFromSeries(h, { spot: spot.slice(0, 2), surplus, hashpriceJpyPerThsDay: 7, importLimitW: 1 }),
    ).toThrow(MissingPriceError);
  });
});

describe("coolingCapacityW", () => {
  const curve = [
    { ambientC: 35, capacityW: 3_900_000 },
    { ambientC: 25, capacityW: 4_700_000 },
  ];
  it("interpolates between points, flat beyond the ends, unlimited without curve or forecast", () => {
    expect(coolingCapacityW(curve, 30)).toBe(4_300_000);
    expect(coolingCapacityW(curve, 10)).toBe(4_700_000);
    expect(coolingCapacityW(curve, 45)).toBe(3_900_000);
    expect(coolingCapacityW([], 30)).toBe(Number.POSITIVE_INFINITY);
    expect(coolingCapacityW(curve, undefined)).toBe(Number.POSITIVE_INFINITY);
  });
});
