// Civil time in Europe/Berlin to UTC without a time-zone database. Since 1996 EU summer time runs from 01:00 UTC on
// the last Sunday of March to 01:00 UTC on the last Sunday of October: CET (UTC+1) outside, CEST (UTC+2) inside.

const HOUR_MS = 3_600_000;
/** The EU rule above holds from this year on; earlier years ended summer time in September. */
export const FIRST_EU_RULE_YEAR = 1996;

function lastSundayUtcMs(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** True when the instant falls in Central European Summer Time. */
export function isBerlinSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayUtcMs(year, 2) && utcMs < lastSundayUtcMs(year, 9);
}

export interface CivilTime {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export type BerlinConversion =
  | { readonly ok: true; readonly utcMs: number }
  | { readonly ok: false; readonly error: string };

/**
 * UTC milliseconds of a Berlin wall-clock time. In the repeated hour of late October both readings exist; the
 * earlier is taken unless it lies before `notBeforeUtcMs`, which lets a chronological file pass through the change.
 * The skipped hour of late March does not exist and is an error.
 */
export function berlinToUtcMs(t: CivilTime, notBeforeUtcMs = Number.NEGATIVE_INFINITY): BerlinConversion {
  if (t.year < FIRST_EU_RULE_YEAR) {
    return { ok: false, error: `year ${t.year} predates the EU summer-time rule (${FIRST_EU_RULE_YEAR})` };
  }
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== t.year ||
    check.getUTCMonth() !== t.month - 1 ||
    check.getUTCDate() !== t.day ||
    check.getUTCHours() !== t.hour ||
    check.getUTCMinutes() !== t.minute ||
    check.getUTCSeconds() !== t.second
  ) {
    return { ok: false, error: "not a valid calendar date and time" };
  }
  const summer = asUtc - 2 * HOUR_MS;
  const winter = asUtc - HOUR_MS;
  const candidates = [summer, winter].filter((utc, i) => isBerlinSummerTime(utc) === (i === 0));
  if (candidates.length === 0) {
    return {
      ok: false,
      error: "falls in the hour skipped when summer time starts; it does not exist in Berlin",
    };
  }
  const pick = candidates.find((utc) => utc >= notBeforeUtcMs) ?? candidates[0];
  return pick === undefined ? { ok: false, error: "no UTC instant" } : { ok: true, utcMs: pick };
}
