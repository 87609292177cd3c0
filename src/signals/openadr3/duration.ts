// ISO 8601 durations as the OpenADR documents constrain them (components.schemas.duration), and the two instants the
// User Guide (§7.3) gives special meaning: start "0001-01-01" = now, duration "P9999Y" = infinity.

/** The schema's own pattern: years, months, days or weeks, then hours, minutes and (fractional) seconds. */
const DURATION_RE =
  /^(-?)P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface IsoDuration {
  readonly negative: boolean;
  readonly years: number;
  readonly months: number;
  /** Weeks are folded into days. */
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const MS_PER_S = 1000;
const MS_PER_MIN = 60 * MS_PER_S;
const MS_PER_H = 60 * MS_PER_MIN;
const MS_PER_DAY = 24 * MS_PER_H;

/** Years at or beyond this mean "infinity" (the guide spells it P9999Y). */
export const OPEN_ENDED_YEARS = 9999;

export function parseIsoDuration(text: string): IsoDuration | undefined {
  const m = DURATION_RE.exec(text);
  if (!m) return undefined;
  const n = (s: string | undefined): number => (s === undefined ? 0 : Number(s));
  const dayCount = n(m[4]) * (m[5] === "W" ? 7 : 1);
  return {
    negative: m[1] === "-",
    years: n(m[2]),
    months: n(m[3]),
    days: dayCount,
    hours: n(m[6]),
    minutes: n(m[7]),
    seconds: n(m[8]),
  };
}

export function isOpenEnded(d: IsoDuration): boolean {
  return !d.negative && d.years >= OPEN_ENDED_YEARS;
}

/** Length in ms when it does not depend on the calendar (no years or months), else undefined. */
export function fixedDurationMs(d: IsoDuration): number | undefined {
  if (d.years !== 0 || d.months !== 0) return undefined;
  const ms =
    d.days * MS_PER_DAY + d.hours * MS_PER_H + d.minutes * MS_PER_MIN + Math.round(d.seconds * MS_PER_S);
  return d.negative ? -ms : ms;
}

/**
 * startMs + d, with years and months added on the UTC calendar (day clamped to the month's end, so Jan 31 + P1M is
 * Feb 28/29) and the rest as fixed time. P9999Y and longer give +Infinity: an open-ended interval.
 */
export function addDuration(startMs: number, d: IsoDuration): number {
  if (!Number.isFinite(startMs)) return startMs;
  if (isOpenEnded(d)) return Number.POSITIVE_INFINITY;
  const sign = d.negative ? -1 : 1;
  let ms = startMs;
  if (d.years !== 0 || d.months !== 0) {
    const t = new Date(startMs);
    const totalMonths = t.getUTCMonth() + sign * (d.years * 12 + d.months);
    const year = t.getUTCFullYear() + Math.floor(totalMonths / 12);
    const month = ((totalMonths % 12) + 12) % 12;
    const lastDay = daysInMonth(year, month);
    const shifted = new Date(startMs);
    shifted.setUTCFullYear(year, month, Math.min(t.getUTCDate(), lastDay));
    ms = shifted.getTime();
  }
  const fixed =
    d.days * MS_PER_DAY + d.hours * MS_PER_H + d.minutes * MS_PER_MIN + Math.round(d.seconds * MS_PER_S);
  return ms + sign * fixed;
}

function daysInMonth(year: number, month: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month + 1, 0);
  return t.getUTCDate();
}

/** Formats a non-negative span as PT#H#M#S (PT0S for zero); reports use it for interval durations. */
export function formatIsoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0)
    throw new Error(`duration ${ms} ms: expected a finite, non-negative span`);
  if (ms === 0) return "PT0S";
  const h = Math.floor(ms / MS_PER_H);
  const min = Math.floor((ms % MS_PER_H) / MS_PER_MIN);
  const s = (ms % MS_PER_MIN) / MS_PER_S;
  return `PT${h > 0 ? `${h}H` : ""}${min > 0 ? `${min}M` : ""}${s > 0 ? `${s}S` : ""}`;
}

/** The User Guide's "beginning of time": a start on 0001-01-01 means "now" (or "after the previous interval"). */
export function isBeginningOfTime(start: string): boolean {
  return start.startsWith("0001-01-01");
}

/** Epoch ms of an RFC 3339 date-time, or undefined when it does not parse. */
export function parseDateTimeMs(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
