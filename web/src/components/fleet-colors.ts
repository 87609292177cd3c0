// Colours of the fleet map and its legend. States use hues that stay apart for the common colour-vision
// deficiencies (green/blue/purple/red differ in lightness too); scales run dark to bright.
import { h, setText } from "../dom.js";
import { t, tMaybe } from "../i18n/index.js";
import type { MinerState, UnitSummary } from "../types.js";
import type { ColorBy } from "./fleet-map.js";

export const STATES: readonly MinerState[] = [
  "hashing",
  "starting",
  "calibrating",
  "sleeping",
  "fault",
  "unreachable",
];

export const STATE_COLORS: Readonly<Record<string, string>> = {
  hashing: "#2fbf71",
  starting: "#3fa7d6",
  calibrating: "#a37ee8",
  sleeping: "#334155",
  fault: "#e5484d",
  unreachable: "#5b6472",
};

type Rgb = readonly [number, number, number];

function mix(stops: readonly Rgb[], f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = stops[i] as Rgb;
  const b = stops[i + 1] as Rgb;
  const k = x - i;
  const c = (j: 0 | 1 | 2) => Math.round(a[j] + (b[j] - a[j]) * k);
  return `rgb(${c(0)},${c(1)},${c(2)})`;
}

const POWER_STOPS: readonly Rgb[] = [
  [30, 41, 59],
  [14, 116, 144],
  [34, 197, 94],
  [250, 204, 21],
];
const COOLANT_STOPS: readonly Rgb[] = [
  [37, 99, 235],
  [20, 184, 166],
  [234, 179, 8],
  [239, 68, 68],
];

/** Coolant outlet scale: 20 °C (cold loop) to 65 °C (past the default 60 °C limit). */
export const COOLANT_MIN_C = 20;
export const COOLANT_MAX_C = 65;

export function powerColor(share: number): string {
  return mix(POWER_STOPS, share);
}

export function coolantColor(c: number | null): string {
  if (c === null) return "#5b6472";
  return mix(COOLANT_STOPS, (c - COOLANT_MIN_C) / (COOLANT_MAX_C - COOLANT_MIN_C));
}

function gradient(stops: readonly Rgb[]): string {
  return `linear-gradient(90deg, ${stops.map((s) => `rgb(${s.join(",")})`).join(", ")})`;
}

export interface FleetLegend {
  el: HTMLElement;
  update(units: readonly UnitSummary[]): void;
  show(by: ColorBy): void;
}

/** State swatches with live counts, or the colour scale of power or coolant temperature. */
export function fleetLegend(maxUnitPowerW: () => number): FleetLegend {
  const counts = new Map<MinerState, HTMLElement>();
  const states = h("div", { class: "legend-states" });
  for (const s of STATES) {
    const count = h("b", { "data-testid": `fleet-count-${s}`, text: "0" });
    const swatch = h("i", { class: "swatch" });
    swatch.style.background = STATE_COLORS[s] ?? "";
    counts.set(s, count);
    states.appendChild(h("span", { class: "legend-item" }, swatch, tMaybe("state", s), " ", count));
  }
  const bar = h("i", { class: "legend-bar" });
  const lo = h("span");
  const hi = h("span");
  const scale = h("div", { class: "legend-scale", hidden: true }, lo, bar, hi);
  const el = h("div", { class: "fleet-legend" }, states, scale);
  return {
    el,
    update(units) {
      const n = new Map<string, number>();
      for (const u of units) n.set(u.state, (n.get(u.state) ?? 0) + 1);
      for (const [s, node] of counts) {
        setText(node, String(n.get(s) ?? 0));
        node.parentElement?.classList.toggle("zero", !n.get(s));
      }
    },
    show(by) {
      states.hidden = by !== "state";
      scale.hidden = by === "state";
      if (by === "power") {
        bar.style.background = gradient(POWER_STOPS);
        setText(lo, `0 kW ${t("fleet.off")}`);
        setText(hi, `${(maxUnitPowerW() / 1000).toFixed(1)} kW ${t("fleet.full")}`);
      } else if (by === "coolant") {
        bar.style.background = gradient(COOLANT_STOPS);
        setText(lo, `${COOLANT_MIN_C} °C`);
        setText(hi, `${COOLANT_MAX_C} °C`);
      }
    },
  };
}
