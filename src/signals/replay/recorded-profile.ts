import type { Reading } from "../../domain/reading.js";
import type { PowerInterval, PriceInterval } from "../../domain/series.js";
import { valueAt } from "../../domain/series.js";
import { type CurtailmentNotice, noticesKnownAt } from "../curtailment/curtailment-notice.js";
import { loadKyushuAreaFiles } from "../curtailment/kyushu-area.js";
import { bundledKyushuAreaFiles } from "../curtailment/kyushu-area-files.js";
import { deriveNoticesFromActuals } from "../curtailment/notice-derivation.js";
import { coLocatedSurplus, estimateAreaInstalledMw } from "../curtailment/site-surplus.js";
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

/** The plant's surplus together with the notices Kyushu would have issued for those days, and the plant's share. */
export async function kyushuPlantProfile(opts: {
  capacityMw: number;
  fromMs: number;
  days?: number;
}): Promise<{
  surplus: PowerInterval[];
  notices: CurtailmentNotice[];
  plantShare: number;
}> {
  const years = yearsCovering(opts.fromMs, opts.days ?? 3);
  const files = bundledKyushuAreaFiles(years[0], years[years.length - 1]);
  if (files.length === 0) throw new Error(`no bundled Kyushu supply-demand data for ${years.join(", ")}`);
  const { hours } = await loadKyushuAreaFiles(files);
  const installedMw = estimateAreaInstalledMw(hours);
  return {
    surplus: coLocatedSurplus(hours, { capacityMw: opts.capacityMw, areaInstalledMw: installedMw }),
    notices: deriveNoticesFromActuals(hours),
    plantShare: Math.min(1, opts.capacityMw / installedMw),
  };
}

/**
 * The surplus a planner may count on: for each notice known at `nowMs`, the plant's share of the expected
 * curtailment over the notice's window, capped at the plant's capacity.
 */
export function surplusFromNotices(
  notices: readonly CurtailmentNotice[],
  nowMs: number,
  plantShare: number,
  capacityW: number,
): PowerInterval[] {
  return noticesKnownAt(notices, nowMs)
    .map((n) => ({
      startMs: n.startMs,
      durationMs: n.endMs - n.startMs,
      powerW: Math.round(Math.min(capacityW, n.expectedCurtailedMw * 1e6 * plantShare)),
    }))
    .sort((a, b) => a.startMs - b.startMs);
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
