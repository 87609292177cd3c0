// Inputs for a Japanese backtest: JEPX day-ahead prices of one area, the surplus of a co-located plant from the
// Kyushu TSO's area actuals, and the daily hashprice in JPY from the bundled bitcoin history. The project ships the
// 2021–2023 files it demonstrates; `dataDir` points at a folder of files a user downloaded (same names, .csv or
// .csv.gz) instead.
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { loadKyushuAreaFiles } from "../../signals/curtailment/kyushu-area.js";
import {
  bundledKyushuAreaFiles,
  parseKyushuAreaFileName,
} from "../../signals/curtailment/kyushu-area-files.js";
import {
  type CoLocatedPlant,
  coLocatedSurplus,
  estimateAreaInstalledMw,
} from "../../signals/curtailment/site-surplus.js";
import { bundledJepxSpotFile } from "../../signals/prices/bundled-data.js";
import { type JepxArea, loadJepxSpotFiles } from "../../signals/prices/jepx-spot.js";
import { JST_OFFSET_MS } from "../../signals/prices/jst.js";
import { bundledHashprice } from "./bundled-hashprice.js";
import { BacktestInputError, buildSlotSeries } from "./slot-series.js";
import type { BacktestInputs, GapPolicy } from "./types.js";

export interface JepxInputOptions {
  readonly area: JepxArea;
  /** First JST day, inclusive, and last JST day, inclusive: YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  /** Folder with spot_summary_YYYY.csv[.gz] and area_jyukyu_jisseki_*.csv[.gz]; default: the bundled copies. */
  readonly dataDir?: string;
  /** The co-located plant whose would-be-curtailed output is the site's surplus; capacity 0 = no surplus. */
  readonly plant: CoLocatedPlant;
  readonly feesBtcPerBlock: number;
  readonly gapPolicy: GapPolicy;
}

/** 00:00 JST of a YYYY-MM-DD day, as epoch ms. */
export function jstDayMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m === null ? Number.NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new BacktestInputError(`not a date (YYYY-MM-DD): "${date}"`);
  }
  return ms - JST_OFFSET_MS;
}

function yearsOf(fromMs: number, toMs: number): number[] {
  const first = new Date(fromMs + JST_OFFSET_MS).getUTCFullYear();
  const last = new Date(toMs - 1 + JST_OFFSET_MS).getUTCFullYear();
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function jepxFiles(dataDir: string | undefined, years: readonly number[]): string[] {
  return years.map((year) => {
    if (dataDir === undefined) {
      const path = bundledJepxSpotFile(year);
      if (!existsSync(path))
        throw new BacktestInputError(`no bundled JEPX file for ${year}; use --data <dir>`);
      return path;
    }
    for (const name of [`spot_summary_${year}.csv`, `spot_summary_${year}.csv.gz`]) {
      if (existsSync(join(dataDir, name))) return join(dataDir, name);
    }
    throw new BacktestInputError(`${dataDir}: no spot_summary_${year}.csv (or .csv.gz) for ${year}`);
  });
}

function kyushuFiles(dataDir: string | undefined, years: readonly number[]): string[] {
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  if (dataDir === undefined) return bundledKyushuAreaFiles(first, last);
  return readdirSync(dataDir)
    .map((name) => ({ name, f: parseKyushuAreaFileName(name) }))
    .filter(({ f }) => f !== undefined && f.fromYear >= first && f.fromYear <= last)
    .sort(
      (a, b) => (a.f?.fromYear ?? 0) - (b.f?.fromYear ?? 0) || (a.f?.fromMonth ?? 0) - (b.f?.fromMonth ?? 0),
    )
    .map(({ name }) => join(dataDir, name));
}

export async function loadJepxInputs(o: JepxInputOptions): Promise<BacktestInputs> {
  const fromMs = jstDayMs(o.from);
  const toMs = jstDayMs(o.to) + 86_400_000;
  if (!(toMs > fromMs)) throw new BacktestInputError(`--to ${o.to} is before --from ${o.from}`);
  const years = yearsOf(fromMs, toMs);
  const priceFiles = jepxFiles(o.dataDir, years);
  const prices = await loadJepxSpotFiles(priceFiles, { area: o.area });
  const notes: string[] = [];
  const sources = priceFiles.map((f) => basename(f));
  let surplus: ReturnType<typeof coLocatedSurplus> | undefined;
  if (o.plant.capacityMw > 0) {
    const areaFiles = kyushuFiles(o.dataDir, years);
    if (areaFiles.length === 0) {
      const where = o.dataDir === undefined ? " (the bundled ones end 2023-12-31)" : ` in ${o.dataDir}`;
      throw new BacktestInputError(
        `no Kyushu area supply-demand files for ${years.join(", ")}${where}: ` +
          "give --data <dir> with them, or --plant-mw 0 to run without surplus",
      );
    }
    const { hours } = await loadKyushuAreaFiles(areaFiles);
    const inPeriod = hours.filter((h) => h.startMs >= fromMs && h.startMs < toMs);
    const technology = o.plant.technology ?? "solar+wind";
    const areaInstalledMw = o.plant.areaInstalledMw ?? estimateAreaInstalledMw(inPeriod, technology);
    surplus = coLocatedSurplus(inPeriod, { ...o.plant, technology, areaInstalledMw });
    sources.push(...areaFiles.map((f) => basename(f)));
    notes.push(
      `surplus: a ${o.plant.capacityMw} MW ${technology} plant next to the site takes its pro-rata share ` +
        `${o.plant.capacityMw} / ${Math.round(areaInstalledMw).toLocaleString("en-US")} MW of the Kyushu area's ` +
        `curtailed output${o.plant.areaInstalledMw === undefined ? " (area capacity estimated as the period's peak hourly output)" : ""}` +
        `${o.plant.exportLimitMw === undefined ? "" : `, plus its output above a ${o.plant.exportLimitMw} MW export limit`}`,
    );
  } else {
    notes.push("surplus: none (no co-located plant)");
  }
  const hash = await bundledHashprice({ currency: "JPY", fromMs, toMs, feesBtcPerBlock: o.feesBtcPerBlock });
  notes.push(...hash.notes);
  const series = buildSlotSeries({
    prices: prices.intervals.map((p) => ({
      startMs: p.startMs,
      durationMs: p.durationMs,
      pricePerKwh: p.priceJpyPerKwh,
    })),
    priceGaps: prices.gaps,
    priceSource: `JEPX ${o.area} prices (${sources[0] ?? ""}…)`,
    ...(surplus === undefined ? {} : { surplus }),
    hashprice: (day) => hash.byDay.get(day),
    hashpriceSource: hash.source,
    fromMs,
    toMs,
    gapPolicy: o.gapPolicy,
  });
  return {
    market: `JEPX day-ahead, ${o.area} area`,
    currency: "JPY",
    slots: series.slots,
    gapPolicy: o.gapPolicy,
    gaps: series.gaps,
    sources,
    notes,
    dayOffsetMs: JST_OFFSET_MS,
  };
}
