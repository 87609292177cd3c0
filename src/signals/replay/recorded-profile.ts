import type { Reading } from "../../domain/reading.js";
import type { PowerInterval, PriceInterval } from "../../domain/series.js";
import { valueAt } from "../../domain/series.js";
import { loadKyushuAreaFiles } from "../curtailment/kyushu-area.js";
import { bundledKyushuAreaFiles } from "../curtailment/kyushu-area-files.js";
import { coLocatedSurplus } from "../curtailment/site-surplus.js";
import { bundledJepxSpotFile } from "../prices/bundled-data.js";
import { type JepxArea, loadJepxSpotFile } from "../prices/jepx-spot.js";

/**
 * Maps the live clock onto recorded time: the recorded instant `recordedStartMs` corresponds to `liveStartMs`, and
 * both advance together. With no replay start the recorded series is read at the live time itself.
 */
export interface TimeMapping {
  liveStartMs: number;
  recordedStartMs: number;
}

export function recordedTime(map: TimeMapping | undefined, liveMs: number): number {
  return map === undefined ? liveMs : map.recordedStartMs + (liveMs - map.liveStartMs);
}

/** A reading function over a recorded series: fresh while the series covers the mapped time, an error past its end. */
export function seriesReader<T extends PowerInterval | PriceInterval>(
  name: string,
  series: readonly T[],
  pick: (i: T) => number,
  map: TimeMapping | undefined,
): (liveMs: number) => Reading<number> {
  return (liveMs) => {
    const t = recordedTime(map, liveMs);
    const v = valueAt(series, t, pick);
    if (v === undefined)
      return { ok: false, error: `${name}: no recorded value at ${new Date(t).toISOString()}`, atMs: liveMs };
    return { ok: true, value: v, atMs: liveMs };
  };
}

function yearsCovering(fromMs: number, days: number): number[] {
  const first = new Date(fromMs).getUTCFullYear();
  const last = new Date(fromMs + days * 86_400_000).getUTCFullYear();
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/** Surplus of a co-located plant, from the bundled Kyushu TSO actuals for the years around `fromMs`. */
export async function kyushuPlantSurplus(opts: {
  capacityMw: number;
  fromMs: number;
  days?: number;
}): Promise<PowerInterval[]> {
  const years = yearsCovering(opts.fromMs, opts.days ?? 3);
  const files = bundledKyushuAreaFiles(years[0], years[years.length - 1]);
  if (files.length === 0) throw new Error(`no bundled Kyushu supply-demand data for ${years.join(", ")}`);
  const { hours } = await loadKyushuAreaFiles(files);
  return coLocatedSurplus(hours, { capacityMw: opts.capacityMw });
}

/** JEPX day-ahead prices of one area from the bundled yearly files around `fromMs`. */
export async function jepxPrices(opts: {
  area: JepxArea;
  fromMs: number;
  days?: number;
}): Promise<PriceInterval[]> {
  const out: PriceInterval[] = [];
  for (const year of yearsCovering(opts.fromMs, opts.days ?? 3)) {
    const loaded = await loadJepxSpotFile(bundledJepxSpotFile(year), { area: opts.area });
    out.push(...loaded.intervals);
  }
  return out;
}
