import { describe, expect, it } from "vitest";
import { blockSubsidyBtc, blockSubsidySats, halvingsAtHeight, meanBlockSubsidyBtc } from "./subsidy.js";

describe("block subsidy (Bitcoin Core GetBlockSubsidy)", () => {
  it.each([
    [0, 5_000_000_000],
    [209_999, 5_000_000_000],
    [210_000, 2_500_000_000],
    [839_999, 625_000_000],
    [840_000, 312_500_000],
    [1_050_000, 156_250_000],
    [6_720_000, 1], // 32 halvings: 5e9 >> 32 = 1 sat, the last one
    [6_930_000, 0], // 33 halvings: 5e9 >> 33 = 0
    [13_440_000, 0], // 64 halvings: Core's explicit cut-off
  ])("height %i pays %i sat", (height, sats) => {
    expect(blockSubsidySats(height)).toBe(sats);
  });

  it("gives BTC: 50 at genesis, 3.125 from the fourth halving", () => {
    expect(blockSubsidyBtc(0)).toBe(50);
    expect(blockSubsidyBtc(209_999)).toBe(50);
    expect(blockSubsidyBtc(210_000)).toBe(25);
    expect(blockSubsidyBtc(840_000)).toBe(3.125);
    expect(blockSubsidyBtc(6_930_000)).toBe(0);
  });

  it("shifts integers: 1.5625 BTC at the fifth halving, no float rounding", () => {
    expect(blockSubsidySats(1_050_000)).toBe(156_250_000);
    expect(blockSubsidySats(1_260_000)).toBe(78_125_000);
    // 5e9 / 2^10 = 4 882 812.5: the shift floors it, as Core's int64 does.
    expect(blockSubsidySats(10 * 210_000)).toBe(4_882_812);
  });

  it("counts halvings by integer division", () => {
    expect(halvingsAtHeight(839_999)).toBe(3);
    expect(halvingsAtHeight(840_000)).toBe(4);
  });

  it("rejects heights that are not non-negative integers", () => {
    expect(() => blockSubsidySats(-1)).toThrow(RangeError);
    expect(() => blockSubsidySats(1.5)).toThrow(RangeError);
    expect(() => blockSubsidySats(Number.NaN)).toThrow(RangeError);
  });

  it("averages a block range across a halving", () => {
    // 10 blocks at 6.25 and 10 at 3.125.
    expect(meanBlockSubsidyBtc(839_990, 840_009)).toBe(4.6875);
    expect(meanBlockSubsidyBtc(840_000, 840_134)).toBe(3.125);
    expect(meanBlockSubsidyBtc(0, 419_999)).toBe(37.5);
    expect(() => meanBlockSubsidyBtc(10, 9)).toThrow(RangeError);
  });
});
