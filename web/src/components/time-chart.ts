// A time-series chart on uPlot (canvas; thousands of points redraw in a millisecond). Times are shown in the site's
// zone; the chart follows its container's width.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "../dom.js";
import { clock, dateTime, hourMinute, siteTimeZone } from "../format.js";

export interface SeriesSpec {
  label: string;
  color: string;
  /** Dashed for limits and targets, solid for measurements. */
  dash?: number[];
  width?: number;
  fill?: string;
  /** A stepped line for values that hold until the next change (targets, limits, prices per slot). */
  stepped?: boolean;
  format: (v: number | null) => string;
}

export interface TimeChart {
  el: HTMLElement;
  /** x in ms since the epoch; one array per series, null where there is no value. */
  setData(xMs: readonly number[], ys: readonly (readonly (number | null)[])[]): void;
  destroy(): void;
}

const AXIS_STROKE = "#8b98a9";
const GRID_STROKE = "rgba(139, 152, 169, 0.14)";

export function timeChart(o: {
  series: readonly SeriesSpec[];
  height: number;
  /** Labels for the y-axis ticks, all at once so they can share a unit. */
  yTicks: (splits: readonly number[]) => string[];
  testId: string;
  yMin?: number;
  /** A fixed time window ending now (ms), so a chart with little data still shows its whole span. */
  spanMs?: number;
}): TimeChart {
  const el = h("div", { class: "chart", "data-testid": o.testId });
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  const opts: uPlot.Options = {
    width: 600,
    height: o.height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), siteTimeZone()),
    cursor: { drag: { x: false, y: false } },
    // Labels only: values on hover would show dashes most of the time, which reads as missing data.
    legend: { live: false },
    scales: {
      x: o.spanMs
        ? {
            time: true,
            // Not the data's own extent: a single point would otherwise stretch the axis over days.
            range: (u) => {
              const xs = u.data[0] ?? [];
              const end = Math.max(Date.now() / 1000, (xs[xs.length - 1] as number | undefined) ?? 0);
              return [end - (o.spanMs ?? 0) / 1000, end];
            },
          }
        : { time: true },
      y: { range: (_u, min, max) => [Math.min(o.yMin ?? min, min), max <= min ? min + 1 : max * 1.05] },
    },
    axes: [
      {
        stroke: AXIS_STROKE,
        grid: { stroke: GRID_STROKE, width: 1 },
        ticks: { stroke: GRID_STROKE, width: 1 },
        // Times in the site's zone; the date only when the axis spans more than a day.
        values: (u, splits) => {
          const spanS = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
          const label = spanS > 86_400 ? dateTime : spanS > 900 ? hourMinute : clock;
          return splits.map((sec) => label(sec * 1000));
        },
      },
      {
        stroke: AXIS_STROKE,
        grid: { stroke: GRID_STROKE, width: 1 },
        ticks: { stroke: GRID_STROKE, width: 1 },
        size: 64,
        values: (_u, splits) => o.yTicks(splits),
      },
    ],
    series: [
      {},
      ...o.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.fill ? { fill: s.fill } : {}),
          ...(s.stepped && stepped ? { paths: stepped } : {}),
          points: { show: false },
          spanGaps: false,
          value: (_u, v) => s.format(v),
        }),
      ),
    ],
  };
  const plot = new uPlot(opts, [[], ...o.series.map(() => [])], el);
  const resize = new ResizeObserver(() => {
    const width = Math.floor(el.clientWidth);
    if (width > 0 && width !== plot.width) plot.setSize({ width, height: o.height });
  });
  resize.observe(el);
  return {
    el,
    setData(xMs, ys) {
      const x = xMs.map((ms) => ms / 1000);
      plot.setData([x, ...ys.map((y) => [...y])] as uPlot.AlignedData);
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
