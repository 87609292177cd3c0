// Lanes of time spans (grid events, overrides, curtailment windows, plan) on one axis with "now" marked. SVG in
// percentages of the width, so it needs no re-layout when the window resizes.
import { h } from "../dom.js";
import { clock, dateTime } from "../format.js";
import { t } from "../i18n/index.js";

export interface Bar {
  startMs: number;
  endMs: number;
  label: string;
  /** CSS class for the colour: kind-shed, kind-import-limit, … */
  cls: string;
  title: string;
}

export interface Lane {
  label: string;
  bars: readonly Bar[];
}

const SVG = "http://www.w3.org/2000/svg";
const LANE_PX = 34;
const AXIS_PX = 24;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function timeline(o: {
  fromMs: number;
  toMs: number;
  nowMs: number;
  lanes: readonly Lane[];
}): HTMLElement {
  const span = o.toMs - o.fromMs;
  // The lane labels take the left 16 %; time runs over the remaining 84 %.
  const pct = (ms: number) => 16 + (84 * (Math.min(o.toMs, Math.max(o.fromMs, ms)) - o.fromMs)) / span;
  const height = AXIS_PX + o.lanes.length * LANE_PX;
  const root = svg("svg", { class: "timeline", width: "100%", height, role: "img" });

  const stepMs = 6 * 3_600_000;
  for (let ms = Math.ceil(o.fromMs / stepMs) * stepMs; ms <= o.toMs; ms += stepMs) {
    const x = `${pct(ms)}%`;
    root.appendChild(svg("line", { x1: x, x2: x, y1: AXIS_PX - 4, y2: height, class: "tl-grid" }));
    root.appendChild(svg("text", { x, y: 14, class: "tl-axis", "text-anchor": "middle" }, dateTime(ms)));
  }
  o.lanes.forEach((lane, i) => {
    const y = AXIS_PX + i * LANE_PX;
    root.appendChild(
      svg("rect", { x: 0, y, width: "100%", height: LANE_PX, class: i % 2 ? "tl-lane odd" : "tl-lane" }),
    );
    root.appendChild(svg("text", { x: 8, y: y + LANE_PX / 2 + 4, class: "tl-label" }, lane.label));
    for (const b of lane.bars) {
      if (b.endMs <= o.fromMs || b.startMs >= o.toMs) continue;
      const x0 = pct(b.startMs);
      const w = Math.max(0.3, pct(b.endMs) - x0);
      const g = svg("g", { class: `tl-bar ${b.cls}` });
      g.appendChild(svg("title", {}, b.title));
      g.appendChild(svg("rect", { x: `${x0}%`, y: y + 6, width: `${w}%`, height: LANE_PX - 12, rx: 3 }));
      if (w > 6)
        g.appendChild(svg("text", { x: `${x0 + 0.4}%`, y: y + LANE_PX / 2 + 4, class: "tl-text" }, b.label));
      root.appendChild(g);
    }
  });
  const nowX = `${pct(o.nowMs)}%`;
  root.appendChild(svg("line", { x1: nowX, x2: nowX, y1: AXIS_PX - 6, y2: height, class: "tl-now" }));
  root.appendChild(
    svg(
      "text",
      { x: nowX, y: height - 4, class: "tl-now-label", "text-anchor": "middle" },
      `${t("events.now")} ${clock(o.nowMs)}`,
    ),
  );
  return h("div", { class: "timeline-box", "data-testid": "timeline" }, root);
}

/** Merges consecutive samples where `on` holds into spans (a sample stands for the time to the next one). */
export function spansOf<T extends { atMs: number }>(
  points: readonly T[],
  on: (p: T) => boolean,
  lastEndMs: number,
): { startMs: number; endMs: number; first: T }[] {
  const out: { startMs: number; endMs: number; first: T }[] = [];
  let open: { startMs: number; first: T } | undefined;
  points.forEach((p, i) => {
    const endMs = points[i + 1]?.atMs ?? lastEndMs;
    if (on(p)) {
      open ??= { startMs: p.atMs, first: p };
      const cur = out[out.length - 1];
      if (cur && cur.first === open.first) cur.endMs = endMs;
      else out.push({ startMs: open.startMs, endMs, first: open.first });
    } else open = undefined;
  });
  return out;
}
