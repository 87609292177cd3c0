// One demand-response event slot by slot: the baseline before and after the same-day adjustment, what the site drew
// and the event's cap. Every figure is a slot mean, so the lines are steps over the whole event window.
import { power, powerTicks } from "../format.js";
import { t } from "../i18n/index.js";
import type { EventPerformance } from "../types.js";
import { type TimeChart, timeChart } from "./time-chart.js";

export const DR_COLORS = {
  baseline: "#38bdf8",
  unadjusted: "#94a3b8",
  actual: "#2fbf71",
  cap: "#f5a524",
} as const;

export interface DrSeries {
  xMs: number[];
  baseline: (number | null)[];
  unadjusted: (number | null)[];
  actual: (number | null)[];
  cap: (number | null)[];
}

/**
 * The baseline covers the whole event, the measurements only what has been evaluated (an event in progress stops
 * at the server's now). A stepped line needs the end of the last slot as a point of its own.
 */
export function drSeries(p: EventPerformance): DrSeries {
  const slots = p.baseline.slots;
  const last = slots[slots.length - 1];
  if (!last) return { xMs: [], baseline: [], unadjusted: [], actual: [], cap: [] };
  const actualAt = new Map(p.slots.map((s) => [s.startMs, s.actualW]));
  const withEnd = <T>(xs: T[]): T[] => [...xs, xs[xs.length - 1] as T];
  return {
    xMs: [...slots.map((s) => s.startMs), last.endMs],
    baseline: withEnd(slots.map((s) => s.baselineW)),
    unadjusted: withEnd(slots.map((s) => s.unadjustedW)),
    actual: withEnd(slots.map((s) => actualAt.get(s.startMs) ?? null)),
    cap: withEnd(slots.map(() => p.capW)),
  };
}

export function drChart(p: EventPerformance): TimeChart {
  const chart = timeChart({
    testId: "dr-chart",
    height: 260,
    yMin: 0,
    yTicks: powerTicks,
    series: [
      {
        label: t("dr.chart.baseline"),
        color: DR_COLORS.baseline,
        width: 2,
        stepped: true,
        fill: "rgba(56,189,248,0.10)",
        format: power,
      },
      {
        label: t("dr.chart.unadjusted"),
        color: DR_COLORS.unadjusted,
        dash: [6, 4],
        stepped: true,
        format: power,
      },
      { label: t("dr.chart.actual"), color: DR_COLORS.actual, width: 2, stepped: true, format: power },
      {
        label: t("dr.chart.cap"),
        color: DR_COLORS.cap,
        dash: [3, 3],
        width: 2,
        stepped: true,
        format: power,
      },
    ],
  });
  const s = drSeries(p);
  chart.setData(s.xMs, [s.baseline, s.unadjusted, s.actual, s.cap]);
  return chart;
}
