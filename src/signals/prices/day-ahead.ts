// What a day-ahead price series lets the planner know at a given moment, so that backtests never peek at prices
// that had not been published yet.
//
// Assumption: JEPX clears the spot auction for delivery day D on D−1 and the results are available from 10:00 JST
// on D−1 (the auction closes at 10:00; results normally follow within minutes). Before 10:00 JST only today's prices
// are known; from 10:00 JST on, tomorrow's too. The publish time and the market's UTC offset are options so that a
// later publication or another market can be modelled; the offset is fixed (no daylight saving), as in Japan.

import type { TimeInterval } from "../../domain/series.js";
import { sliceByStart } from "../../domain/series.js";
import { DAY_MS, HOUR_MS, JST_OFFSET_MS } from "./jst.js";

export interface DayAheadOptions {
  /** Time after local midnight of D−1 from which day D's prices are known. Default 10:00. */
  publishTimeOfDayMs?: number;
  /** Fixed offset of the market's local time from UTC. Default JST, +9 h. */
  utcOffsetMs?: number;
}

export const JEPX_PUBLISH_TIME_OF_DAY_MS = 10 * HOUR_MS;

/** Start of the local delivery day containing nowMs. */
function localDayStartMs(nowMs: number, utcOffsetMs: number): number {
  return Math.floor((nowMs + utcOffsetMs) / DAY_MS) * DAY_MS - utcOffsetMs;
}

/** End (exclusive) of the last delivery day whose prices are published at nowMs. */
export function dayAheadVisibleUntilMs(nowMs: number, opts: DayAheadOptions = {}): number {
  const utcOffsetMs = opts.utcOffsetMs ?? JST_OFFSET_MS;
  const publishMs = opts.publishTimeOfDayMs ?? JEPX_PUBLISH_TIME_OF_DAY_MS;
  const todayStartMs = localDayStartMs(nowMs, utcOffsetMs);
  const tomorrowKnown = nowMs >= todayStartMs + publishMs;
  return todayStartMs + (tomorrowKnown ? 2 : 1) * DAY_MS;
}

/**
 * The intervals of today (local delivery day containing nowMs) and, once published, tomorrow.
 * Today's earlier intervals are included: they are known, and a planner may want the whole day.
 * Precondition: `series` sorted by startMs (as every loader returns it).
 */
export function dayAheadForecast<T extends TimeInterval>(
  series: readonly T[],
  nowMs: number,
  opts: DayAheadOptions = {},
): T[] {
  const todayStartMs = localDayStartMs(nowMs, opts.utcOffsetMs ?? JST_OFFSET_MS);
  return sliceByStart(series, todayStartMs, dayAheadVisibleUntilMs(nowMs, opts));
}
