import { describe, expect, it } from "vitest";
import { berlinToUtcMs, type CivilTime, isBerlinSummerTime } from "./berlin-time.js";

/** Berlin wall-clock time of an instant, from the platform's time-zone database: the reference to agree with. */
const berlin = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Berlin",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
function civil(utcMs: number): CivilTime {
  const parts = Object.fromEntries(berlin.formatToParts(utcMs).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

describe("berlinToUtcMs", () => {
  it("agrees with the time-zone database hourly over 2024 and minute by minute around both changes", () => {
    const instants: number[] = [];
    for (let t = Date.UTC(2023, 11, 31, 22); t < Date.UTC(2025, 0, 1); t += 3_600_000) instants.push(t);
    for (const change of [Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1)]) {
      for (let t = change - 7_200_000; t < change + 7_200_000; t += 60_000) instants.push(t);
    }
    instants.sort((a, b) => a - b);
    const mismatches: string[] = [];
    let previous = Number.NEGATIVE_INFINITY;
    for (const t of instants) {
      const r = berlinToUtcMs(civil(t), previous);
      if (!r.ok || r.utcMs !== t) mismatches.push(`${new Date(t).toISOString()}: ${JSON.stringify(r)}`);
      previous = t;
    }
    expect(mismatches).toEqual([]);
  });

  it("switches on the last Sundays of March and October at 01:00 UTC", () => {
    expect(isBerlinSummerTime(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe(false);
    expect(isBerlinSummerTime(Date.UTC(2024, 2, 31, 1))).toBe(true);
    expect(isBerlinSummerTime(Date.UTC(2024, 9, 27, 0, 59, 59))).toBe(true);
    expect(isBerlinSummerTime(Date.UTC(2024, 9, 27, 1))).toBe(false);
  });

  it("refuses the skipped spring hour and resolves the repeated autumn hour by order", () => {
    const spring = berlinToUtcMs({ year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 0 });
    expect(spring).toEqual({ ok: false, error: expect.stringContaining("does not exist in Berlin") });
    const autumn: CivilTime = { year: 2024, month: 10, day: 27, hour: 2, minute: 30, second: 0 };
    expect(berlinToUtcMs(autumn)).toEqual({ ok: true, utcMs: Date.UTC(2024, 9, 27, 0, 30) });
    expect(berlinToUtcMs(autumn, Date.UTC(2024, 9, 27, 0, 59, 59))).toEqual({
      ok: true,
      utcMs: Date.UTC(2024, 9, 27, 1, 30),
    });
  });

  it("refuses impossible dates and years before the EU rule", () => {
    expect(berlinToUtcMs({ year: 2024, month: 2, day: 30, hour: 0, minute: 0, second: 0 }).ok).toBe(false);
    expect(berlinToUtcMs({ year: 2024, month: 1, day: 1, hour: 24, minute: 0, second: 0 }).ok).toBe(false);
    expect(berlinToUtcMs({ year: 1995, month: 1, day: 1, hour: 0, minute: 0, second: 0 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("predates"),
    });
  });
});
