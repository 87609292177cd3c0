// Energy over a period from the stored site telemetry: what was drawn, how much of it was renewable surplus, what
// the rest cost at the recorded price, and how much work the controller did.
import { z } from "zod";
import type { Resolution, SitePoint, Store } from "../store/store.js";

export const energyReportView = z.object({
  sinceMs: z.number(),
  untilMs: z.number(),
  resolution: z.enum(["raw", "1m", "15m"]),
  samples: z.number(),
  coveredS: z.number().describe("Time covered by telemetry; less than the period when the site was down"),
  energyKwh: z.number(),
  surplusKwh: z.number().describe("Energy drawn within the renewable surplus"),
  gridKwh: z.number().describe("Energy beyond the surplus"),
  greenShare: z.number().nullable(),
  gridCostJpy: z.number().describe("Grid energy at the recorded price; periods without a price count as 0"),
  meanHashrateThs: z.number(),
  decisions: z.number(),
  commands: z.number(),
});
export type EnergyReport = z.infer<typeof energyReportView>;

const BUCKET_MS: Record<Resolution, number> = { raw: 0, "1m": 60_000, "15m": 900_000 };
/** A raw sample stands for the time until the next one, but never longer than this (a gap is a gap). */
const MAX_RAW_GAP_MS = 60_000;

export function resolutionFor(spanMs: number): Resolution {
  if (spanMs <= 6 * 3_600_000) return "raw";
  if (spanMs <= 14 * 86_400_000) return "1m";
  return "15m";
}

function durations(points: readonly SitePoint[], resolution: Resolution, untilMs: number): number[] {
  return points.map((p, i) => {
    const end =
      resolution === "raw"
        ? Math.min(points[i + 1]?.atMs ?? untilMs, p.atMs + MAX_RAW_GAP_MS)
        : p.atMs + BUCKET_MS[resolution];
    return Math.max(0, Math.min(end, untilMs) - p.atMs);
  });
}

export async function energyReport(
  store: Store,
  sinceMs: number,
  untilMs: number,
  resolution?: Resolution,
): Promise<EnergyReport> {
  const res = resolution ?? resolutionFor(untilMs - sinceMs);
  const points = await store.telemetry.site({ resolution: res, sinceMs, untilMs, limit: 100_000 });
  const dts = durations(points, res, untilMs);
  let energyWs = 0;
  let surplusWs = 0;
  let costJpy = 0;
  let hashTs = 0;
  let covered = 0;
  points.forEach((p, i) => {
    const dtS = (dts[i] ?? 0) / 1000;
    const powerW = p.measuredPowerW ?? p.reportedPowerW;
    const green = p.surplusW === null ? 0 : Math.min(powerW, Math.max(0, p.surplusW));
    energyWs += powerW * dtS;
    surplusWs += green * dtS;
    if (p.priceJpyPerKwh !== null) costJpy += (((powerW - green) * dtS) / 3.6e6) * p.priceJpyPerKwh;
    hashTs += p.hashrateThs * dtS;
    covered += dtS;
  });
  const decisions = await store.listDecisions({ sinceMs, untilMs, limit: 100_000 });
  const energyKwh = energyWs / 3.6e6;
  const surplusKwh = surplusWs / 3.6e6;
  return {
    sinceMs,
    untilMs,
    resolution: res,
    samples: points.length,
    coveredS: covered,
    energyKwh,
    surplusKwh,
    gridKwh: energyKwh - surplusKwh,
    greenShare: energyKwh > 0 ? surplusKwh / energyKwh : null,
    gridCostJpy: costJpy,
    meanHashrateThs: covered > 0 ? hashTs / covered : 0,
    decisions: decisions.length,
    commands: decisions.reduce((s, d) => s + d.commands.length, 0),
  };
}
