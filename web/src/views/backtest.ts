// Backtest reports: the summary.json of `gridminer backtest`, read in the browser (nothing is uploaded), with the
// strategies side by side; and this site's own energy accounting for the last 24 hours from the store.
import { api } from "../api.js";
import type { View } from "../app.js";
import { clear, h, note } from "../dom.js";
import { fixed, jpy, percent } from "../format.js";
import { t, tMaybe } from "../i18n/index.js";

interface Totals {
  energyMwh: number;
  surplusAbsorbedMwh: number;
  btc: number | null;
  revenue: number;
  energyCost: number;
  profit: number;
}

interface Summary {
  market: string;
  currency: string;
  firstDay: string;
  lastDay: string;
  slots: number;
  slotMinutes: number;
  site: { name: string; model: string; units: number; policyMode: string };
  surplusAvailableMwh: number;
  strategies: Record<string, Totals>;
  regretPct: number | null;
  plannedRegretPct?: number | null;
  notes?: string[];
}

const ORDER = ["alwaysOn", "threshold", "green", "gridminer", "planned", "hindsight"];

export function parseSummary(text: string): Summary | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const s = data as Partial<Summary>;
  if (typeof s.currency !== "string" || typeof s.strategies !== "object" || s.strategies === null)
    return undefined;
  if (typeof s.site !== "object" || s.site === null) return undefined;
  const ok = Object.values(s.strategies).every(
    (x) => typeof x === "object" && x !== null && typeof (x as Totals).profit === "number",
  );
  return ok ? (s as Summary) : undefined;
}

function money(v: number, currency: string): string {
  return currency === "JPY" ? jpy(v) : `${fixed(v, 0)} ${currency}`;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${fixed(v, 2)} %`);

function render(s: Summary): HTMLElement {
  const names = Object.keys(s.strategies).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const maxAbs = Math.max(1, ...names.map((n) => Math.abs(s.strategies[n]?.profit ?? 0)));
  const cols = ["strategy", "energy", "surplus", "btc", "revenue", "cost", "profit"] as const;
  const rows = names.map((n) => {
    const x = s.strategies[n] as Totals;
    const bar = h("i", { class: `bar ${x.profit < 0 ? "neg" : "pos"}` });
    bar.style.width = `${(Math.abs(x.profit) / maxAbs) * 100}%`;
    return h(
      "tr",
      { class: n === "gridminer" ? "highlight" : "", "data-testid": `backtest-${n}` },
      h("td", { text: tMaybe("strategy", n) }),
      h("td", { class: "num", text: fixed(x.energyMwh, 1) }),
      h("td", { class: "num", text: fixed(x.surplusAbsorbedMwh, 1) }),
      h("td", { class: "num", text: x.btc === null ? "—" : fixed(x.btc, 4) }),
      h("td", { class: "num", text: money(x.revenue, s.currency) }),
      h("td", { class: "num", text: money(x.energyCost, s.currency) }),
      h("td", { class: "num profit" }, h("span", { class: "bar-track" }, bar), money(x.profit, s.currency)),
    );
  });
  return h(
    "div",
    { "data-testid": "backtest-report" },
    h(
      "dl",
      { class: "facts wide" },
      h("dt", { text: t("backtest.period") }),
      h("dd", { text: `${s.firstDay} – ${s.lastDay} · ${s.market} · ${s.slots} × ${s.slotMinutes} min` }),
      h("dt", { text: t("backtest.site") }),
      h("dd", { text: `${s.site.name} · ${s.site.units} × ${s.site.model} · ${s.site.policyMode}` }),
      h("dt", { text: t("backtest.surplusAvailable") }),
      h("dd", { text: `${fixed(s.surplusAvailableMwh, 1)} MWh` }),
      h("dt", { text: t("backtest.regret") }),
      h("dd", { text: pct(s.regretPct) }),
      ...(s.plannedRegretPct === undefined
        ? []
        : [h("dt", { text: t("backtest.plannedRegret") }), h("dd", { text: pct(s.plannedRegretPct) })]),
    ),
    h(
      "table",
      { class: "table" },
      h("thead", {}, h("tr", {}, ...cols.map((c) => h("th", { text: t(`backtest.col.${c}`) })))),
      h("tbody", {}, ...rows),
    ),
    s.notes?.length
      ? h(
          "div",
          {},
          h("h3", { text: t("backtest.notes") }),
          h("ul", { class: "notes" }, ...s.notes.map((n) => h("li", { text: n }))),
        )
      : null,
  );
}

function liveReport(box: HTMLElement): void {
  api.energyReport(Date.now() - 86_400_000, "raw").then(
    (r) => {
      clear(box);
      box.appendChild(
        h(
          "dl",
          { class: "facts wide", "data-testid": "energy-report" },
          h("dt", { text: t("report.energy") }),
          h("dd", { text: `${fixed(r.energyKwh / 1000, 2)} MWh` }),
          h("dt", { text: t("report.green") }),
          h("dd", { text: percent(r.greenShare) }),
          h("dt", { text: t("report.cost") }),
          h("dd", { text: jpy(r.gridCostJpy) }),
          h("dt", { text: t("report.commands") }),
          h("dd", { text: String(r.commands) }),
        ),
      );
    },
    (e: unknown) => {
      clear(box);
      box.appendChild(note(t("common.error", { msg: String(e) }), "error"));
    },
  );
}

export const backtestView: View = () => {
  const out = h("div", {}, note(t("backtest.hint")));
  const input = h("input", {
    type: "file",
    accept: "application/json,.json",
    "data-testid": "backtest-file",
  });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      clear(out);
      const s = parseSummary(text);
      out.appendChild(s ? render(s) : note(t("backtest.invalid"), "error"));
    });
  });
  const live = h("div", {}, note(t("common.loading")));
  liveReport(live);
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", { text: t("backtest.title") })),
    h("section", { class: "panel" }, h("label", { class: "btn file" }, t("backtest.open"), input), out),
    h("section", { class: "panel" }, h("h2", { text: t("backtest.live") }), live),
  );
};
