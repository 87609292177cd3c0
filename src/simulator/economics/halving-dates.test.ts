import { describe, expect, it } from "vitest";
import {
  blockSubsidyBtcAtTime,
  halvingTimeMs,
  meanBlockSubsidyBtcForUtcDay,
  utcDayStartMs,
} from "./halving-dates.js";

describe("subsidy by UTC day when heights are unknown", () => {
  it("uses the epoch value away from halvings", () => {
    expect(meanBlockSubsidyBtcForUtcDay("2009-01-03")).toBe(50);
    expect(meanBlockSubsidyBtcForUtcDay("2022-01-01")).toBe(6.25);
    expect(meanBlockSubsidyBtcForUtcDay("2024-04-19")).toBe(6.25);
    expect(meanBlockSubsidyBtcForUtcDay("2024-04-21")).toBe(3.125);
  });

  it("splits the halving day at block 840 000's timestamp, 00:09:27 UTC", () => {
    // 567 s of 86 400 at 6.25, the rest at 3.125.
    expect(meanBlockSubsidyBtcForUtcDay("2024-04-20")).toBe(3.1455078125);
    expect(blockSubsidyBtcAtTime(Date.UTC(2024, 3, 20, 0, 9, 26))).toBe(6.25);
    expect(blockSubsidyBtcAtTime(Date.UTC(2024, 3, 20, 0, 9, 27))).toBe(3.125);
  });

  it("splits 2020-05-11 at 19:23:43 UTC", () => {
    const before = (19 * 3600 + 23 * 60 + 43) / 86_400;
    expect(meanBlockSubsidyBtcForUtcDay("2020-05-11")).toBeCloseTo(before * 12.5 + (1 - before) * 6.25, 12);
    expect(meanBlockSubsidyBtcForUtcDay("2020-05-11")).toBeCloseTo(11.300853587962964, 12);
  });

  it("projects later halvings at 600 s per block", () => {
    // 840 000's time + 210 000 × 600 s = 2028-04-17 08:09:27 UTC (an estimate; real blocks come faster).
    expect(new Date(halvingTimeMs(1_050_000)).toISOString()).toBe("2028-04-17T08:09:27.000Z");
    expect(meanBlockSubsidyBtcForUtcDay("2030-01-01")).toBe(1.5625);
    expect(() => halvingTimeMs(1_000_000)).toThrow(RangeError);
  });

  it("rejects non-dates", () => {
    expect(() => utcDayStartMs("2024-02-30")).toThrow(RangeError);
    expect(() => utcDayStartMs("2024-4-20")).toThrow(RangeError);
    expect(utcDayStartMs("2024-04-20")).toBe(Date.UTC(2024, 3, 20));
  });
});
