// The curtailment notices the planned strategy may count on in a JEPX Kyushu backtest: rebuilt from the Kyushu TSO's
// area actuals as issued at 17:00 JST the day before (deriveNoticesFromActuals), with the co-located plant's share
// of the area computed exactly as the backtest's surplus (same files, same period, same capacity estimate).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadKyushuAreaFiles } from "../../signals/curtailment/kyushu-area.js";
import {
  bundledKyushuAreaFiles,
  parseKyushuAreaFileName,
} from "../../signals/curtailment/kyushu-area-files.js";
import { deriveNoticesFromActuals } from "../../signals/curtailment/notice-derivation.js";
import { type CoLocatedPlant, estimateAreaInstalledMw } from "../../signals/curtailment/site-surplus.js";
import { JST_OFFSET_MS } from "../../signals/prices/jst.js";
import { jstDayMs } from "./jepx-inputs.js";
import type { PlannedNotices } from "./planned-strategy.js";

function areaFiles(dataDir: string | undefined, first: number, last: number): string[] {
  if (dataDir === undefined) return bundledKyushuAreaFiles(first, last);
  return readdirSync(dataDir)
    .map((name) => ({ name, f: parseKyushuAreaFileName(name) }))
    .filter(({ f }) => f !== undefined && f.fromYear >= first && f.fromYear <= last)
    .sort(
      (a, b) => (a.f?.fromYear ?? 0) - (b.f?.fromYear ?? 0) || (a.f?.fromMonth ?? 0) - (b.f?.fromMonth ?? 0),
    )
    .map(({ name }) => join(dataDir, name));
}

/** Notices for JST days `from`..`to` (inclusive, YYYY-MM-DD); none when the plant has no capacity. */
export async function loadPlannedNotices(o: {
  readonly from: string;
  readonly to: string;
  readonly dataDir?: string;
  readonly plant: CoLocatedPlant;
}): Promise<PlannedNotices> {
  const capacityW = o.plant.capacityMw * 1e6;
  if (!(o.plant.capacityMw > 0)) return { notices: [], plantShare: 0, capacityW: 0 };
  const fromMs = jstDayMs(o.from);
  const toMs = jstDayMs(o.to) + 86_400_000;
  const first = new Date(fromMs + JST_OFFSET_MS).getUTCFullYear();
  const last = new Date(toMs - 1 + JST_OFFSET_MS).getUTCFullYear();
  const files = areaFiles(o.dataDir, first, last);
  if (files.length === 0) return { notices: [], plantShare: 0, capacityW };
  const { hours } = await loadKyushuAreaFiles(files);
  const inPeriod = hours.filter((h) => h.startMs >= fromMs && h.startMs < toMs);
  const technology = o.plant.technology ?? "solar+wind";
  const areaInstalledMw = o.plant.areaInstalledMw ?? estimateAreaInstalledMw(inPeriod, technology);
  return {
    notices: deriveNoticesFromActuals(inPeriod, { technology }),
    plantShare: Math.min(1, o.plant.capacityMw / areaInstalledMw),
    capacityW,
  };
}
