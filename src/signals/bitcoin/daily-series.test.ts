import { describe, expect, it } from "vitest";
import { assembleDailyMiningEconomics, carryForwardLookup, type DailySourceSeries } from "./daily-series.js";

const SERIES: DailySourceSeries = {
  difficulty: new Map([
    ["2024-04-19", 86388558925171.3],
    ["2024-04-20", 86388558925171.2],
    ["2024-04-21", 86388558925171.3],
    ["2024-04-22", 86388558925171.3],
  ]),
  blocks: new Map([
    ["2024-04-19", { blocksPerDay: 151, blockHeight: 839_999 }],
    ["2024-04-20", { blocksPerDay: 130, blockHeight: 840_134 }],
    ["2024-04-21", { blocksPerDay: 140 }],
  ]),
  feesBtcPerDay: new Map([
    ["2024-04-19", 116.94264961000003],
    ["2024-04-20", 1257.7154452499992],
  ]),
  btcUsd: new Map([
    ["2024-04-19", 63843.5703125],
    ["2024-04-20", 64994.44140625],
    ["2024-04-21", 64926.64453125],
    ["2024-04-22", 66837.6796875],
  ]),
  // FX has no weekend quote: Friday's rate carries over Saturday 20 and Sunday 21 April.
  usdJpy: new Map([
    ["2024-04-19", 154.55],
    ["2024-04-22", 154.81],
  ]),
};

describe("joining daily series", () => {
  it("divides daily fees by the block count and carries FX over the weekend", () => {
    const rows = assembleDailyMiningEconomics(SERIES);
    expect(rows.map((r) => r.dateUtc)).toEqual(["2024-04-19", "2024-04-20"]);
    expect(rows[1]).toEqual({
      dateUtc: "2024-04-20",
      difficulty: 86388558925171.2,
      blockHeight: 840_134,
      blocksPerDay: 130,
      feesBtcPerBlock: 1257.7154452499992 / 130,
      feesSource: "observed",
      btcUsd: 64994.44140625,
      usdJpy: 154.55,
    });
  });

  it("fills missing fees with an assumption, marked as such", () => {
    const rows = assembleDailyMiningEconomics(SERIES, { missingFees: { feesBtcPerBlock: 0.05 } });
    expect(rows.map((r) => [r.dateUtc, r.feesBtcPerBlock, r.feesSource])).toEqual([
      ["2024-04-19", 116.94264961000003 / 151, "observed"],
      ["2024-04-20", 1257.7154452499992 / 130, "observed"],
      ["2024-04-21", 0.05, "assumed"],
      ["2024-04-22", 0.05, "assumed"],
    ]);
    expect(rows[2]).not.toHaveProperty("blockHeight");
    expect(rows[3]).not.toHaveProperty("blocksPerDay");
  });

  it("limits carry-forward and the date range", () => {
    const rows = assembleDailyMiningEconomics(SERIES, {
      missingFees: { feesBtcPerBlock: 0 },
      maxCarryForwardDays: 1,
      fromDateUtc: "2024-04-20",
    });
    // 21 April is two days after the last FX quote: left out.
    expect(rows.map((r) => r.dateUtc)).toEqual(["2024-04-20", "2024-04-22"]);
    expect(() => assembleDailyMiningEconomics(SERIES, { toDateUtc: "20-04-2024" })).toThrow(RangeError);
  });

  it("never looks ahead", () => {
    const at = carryForwardLookup(SERIES.usdJpy, 4);
    expect(at("2024-04-18")).toBeUndefined();
    expect(at("2024-04-21")).toBe(154.55);
    expect(at("2024-04-26")).toBe(154.81);
    expect(at("2024-04-27")).toBeUndefined();
  });
});
