import { describe, expect, it } from "vitest";
import {
  addDuration,
  fixedDurationMs,
  formatIsoDuration,
  type IsoDuration,
  isBeginningOfTime,
  isOpenEnded,
  parseIsoDuration,
} from "./duration.js";

const T0 = Date.parse("2025-01-31T00:00:00Z");

function dur(text: string): IsoDuration {
  const d = parseIsoDuration(text);
  if (!d) throw new Error(`${text} did not parse`);
  return d;
}

describe("ISO 8601 durations", () => {
  it("reads the forms the schema pattern allows", () => {
    expect(parseIsoDuration("PT1H30M")).toMatchObject({ hours: 1, minutes: 30 });
    expect(parseIsoDuration("P2W")).toMatchObject({ days: 14 });
    expect(parseIsoDuration("PT0.5S")).toMatchObject({ seconds: 0.5 });
    expect(parseIsoDuration("-PT5M")).toMatchObject({ negative: true, minutes: 5 });
    expect(parseIsoDuration("P")).toBeUndefined();
    expect(parseIsoDuration("1H")).toBeUndefined();
  });

  it("gives fixed lengths only without years or months", () => {
    expect(fixedDurationMs(dur("P1DT2H"))).toBe(26 * 3_600_000);
    expect(fixedDurationMs(dur("P1M"))).toBeUndefined();
  });

  it("adds months on the calendar, clamped to the month's end", () => {
    expect(new Date(addDuration(T0, dur("P1M"))).toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(new Date(addDuration(T0, dur("P1Y1M1DT1H"))).toISOString()).toBe("2026-03-01T01:00:00.000Z");
  });

  it("reads P9999Y as open-ended", () => {
    const d = dur("P9999Y");
    expect(isOpenEnded(d)).toBe(true);
    expect(addDuration(T0, d)).toBe(Number.POSITIVE_INFINITY);
  });

  it("formats spans for reports", () => {
    expect(formatIsoDuration(0)).toBe("PT0S");
    expect(formatIsoDuration(5_400_000)).toBe("PT1H30M");
    expect(formatIsoDuration(90_500)).toBe("PT1M30.5S");
  });

  it("knows the beginning of time in both spellings", () => {
    expect(isBeginningOfTime("0001-01-01T00:00:00Z")).toBe(true);
    expect(isBeginningOfTime("0001-01-01")).toBe(true);
    expect(isBeginningOfTime("2001-01-01T00:00:00Z")).toBe(false);
  });
});
