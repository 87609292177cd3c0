// Vocabulary for interval time series: prices, power, energy. Every interval covers [startMs, startMs + durationMs)
// in epoch milliseconds; the unit is in the value's name. Loaders map file formats onto these types.

/** A span of time; half-open so that consecutive intervals never share an instant. */
export interface TimeInterval {
  startMs: number;
  durationMs: number;
}

/** A price in JPY per kWh over an interval (JEPX area and system prices are quoted this way). */
export interface PriceInterval extends TimeInterval {
  priceJpyPerKwh: number;
}

/** Units a price series may carry. Currency stays explicit: converting between currencies needs an FX rate. */
export type PriceUnit = "JPY/kWh" | "JPY/MWh" | "USD/MWh" | "EUR/MWh";

export const PRICE_UNITS: readonly PriceUnit[] = ["JPY/kWh", "JPY/MWh", "USD/MWh", "EUR/MWh"];

/** A price in a stated unit, for markets and tariffs that are not quoted in JPY/kWh. */
export interface QuotedPriceInterval extends TimeInterval {
  price: number;
  unit: PriceUnit;
}

/** Average power over an interval, e.g. surplus available to the site or a utility setpoint. */
export interface PowerInterval extends TimeInterval {
  powerW: number;
}

/** Average power in kW, for sources that report kW. */
export interface PowerKwInterval extends TimeInterval {
  powerKw: number;
}

/** Energy delivered or consumed within an interval. */
export interface EnergyWhInterval extends TimeInterval {
  energyWh: number;
}

/** Energy in kWh within an interval (JEPX volumes are kWh per 30-minute slot). */
export interface EnergyKwhInterval extends TimeInterval {
  energyKwh: number;
}

/** A stretch not covered by any interval: from the end of one interval to the start of the next. */
export interface SeriesGap {
  /** Index of the interval before the gap. */
  afterIndex: number;
  fromMs: number;
  toMs: number;
}

export function intervalEndMs(i: TimeInterval): number {
  return i.startMs + i.durationMs;
}

/**
 * Index of the interval containing tMs, or -1.
 * Precondition: `series` is sorted by startMs and its intervals do not overlap (every loader returns such series).
 * Binary search because backtests look up prices hundreds of thousands of times over multi-year series.
 */
export function seriesIndexAt(series: readonly TimeInterval[], tMs: number): number {
  let lo = 0;
  let hi = series.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = series[mid];
    if (s === undefined) break;
    if (s.startMs <= tMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return -1;
  const hit = series[found];
  return hit !== undefined && tMs < intervalEndMs(hit) ? found : -1;
}

/** The interval containing tMs, or undefined. Same precondition as `seriesIndexAt`: sorted, non-overlapping. */
export function intervalAt<T extends TimeInterval>(series: readonly T[], tMs: number): T | undefined {
  const i = seriesIndexAt(series, tMs);
  return i < 0 ? undefined : series[i];
}

/**
 * The value at tMs, read by `pick` from the interval containing tMs; undefined in gaps and outside the series.
 * Same precondition as `seriesIndexAt`: sorted by startMs, non-overlapping.
 */
export function valueAt<T extends TimeInterval, V>(
  series: readonly T[],
  tMs: number,
  pick: (interval: T) => V,
): V | undefined {
  const hit = intervalAt(series, tMs);
  return hit === undefined ? undefined : pick(hit);
}

/** True when intervals are sorted by start and none overlaps the next: the precondition of the lookups. */
export function isSortedSeries(series: readonly TimeInterval[]): boolean {
  for (let i = 1; i < series.length; i++) {
    const prev = series[i - 1];
    const cur = series[i];
    if (prev === undefined || cur === undefined) return false;
    if (cur.startMs < intervalEndMs(prev)) return false;
  }
  return true;
}

/** Stretches between consecutive intervals that no interval covers. Precondition: sorted, non-overlapping. */
export function findGaps(series: readonly TimeInterval[]): SeriesGap[] {
  const gaps: SeriesGap[] = [];
  for (let i = 1; i < series.length; i++) {
    const prev = series[i - 1];
    const cur = series[i];
    if (prev === undefined || cur === undefined) continue;
    const prevEndMs = intervalEndMs(prev);
    if (cur.startMs > prevEndMs) gaps.push({ afterIndex: i - 1, fromMs: prevEndMs, toMs: cur.startMs });
  }
  return gaps;
}

/** Intervals that start within [fromMs, toMs). Precondition: sorted by startMs. */
export function sliceByStart<T extends TimeInterval>(
  series: readonly T[],
  fromMs: number,
  toMs: number,
): T[] {
  const first = lowerBound(series, fromMs);
  const last = lowerBound(series, toMs);
  return series.slice(first, last);
}

/** First index whose startMs is ≥ tMs. */
function lowerBound(series: readonly TimeInterval[], tMs: number): number {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = series[mid];
    if (s !== undefined && s.startMs < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
