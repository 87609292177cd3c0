// The operator's main page: where the site is against its target and limits, what energy costs against what mining
// earns, the whole fleet at a glance, the overrides, and why the dispatcher chose this target.
import { api } from "../api.js";
import type { View } from "../app.js";
import { fleetPanel } from "../components/fleet-panel.js";
import { kpi } from "../components/kpi.js";
import { overridePanel } from "../components/override-panel.js";
import { reasonsPanel } from "../components/reasons-panel.js";
import { timeChart } from "../components/time-chart.js";
import { h } from "../dom.js";
import { breakEvenJpyPerKwh, mostEfficientMode } from "../economics.js";
import { fixed, hashrate, jpyPerKwh, jpyPerThDay, power, powerParts, powerTicks } from "../format.js";
import { t, tMaybe } from "../i18n/index.js";
import { importLimitAt } from "../limits.js";
import type { GridEvent, ReadingView, Signals, SiteState } from "../types.js";

const HOUR_MS = 3_600_000;

function ageText(r: ReadingView | null): string {
  if (!r) return t("kpi.noValue");
  return r.ok ? t("kpi.age", { s: Math.round(r.ageS) }) : (r.error ?? t("kpi.noValue"));
}

export const overviewView: View = (app, _params, d) => {
  const tiles = {
    power: kpi(t("kpi.sitePower"), "kpi-power"),
    surplus: kpi(t("kpi.surplus"), "kpi-surplus"),
    limit: kpi(t("kpi.importLimit"), "kpi-import-limit"),
    price: kpi(t("kpi.price"), "kpi-price"),
    hashprice: kpi(t("kpi.hashprice"), "kpi-hashprice"),
    breakEven: kpi(t("kpi.breakEven"), "kpi-break-even"),
    hashrate: kpi(t("kpi.hashrate"), "kpi-hashrate"),
    units: kpi(t("kpi.units"), "kpi-units"),
  };
  const powerChart = timeChart({
    testId: "chart-power",
    height: 260,
    yMin: 0,
    yTicks: powerTicks,
    series: [
      { label: t("chart.power"), color: "#38bdf8", width: 2, fill: "rgba(56,189,248,0.10)", format: power },
      { label: t("chart.target"), color: "#f5f7fa", dash: [6, 4], stepped: true, format: power },
      { label: t("chart.surplus"), color: "#2fbf71", stepped: true, format: power },
      { label: t("chart.importLimit"), color: "#ef4444", dash: [3, 3], stepped: true, format: power },
    ],
  });
  const priceChart = timeChart({
    testId: "chart-price",
    height: 180,
    yMin: 0,
    yTicks: (splits) => splits.map((v) => fixed(v, 0)),
    spanMs: 24 * HOUR_MS,
    series: [
      { label: t("chart.price"), color: "#fbbf24", width: 2, stepped: true, format: jpyPerKwh },
      { label: t("chart.breakEven"), color: "#a78bfa", dash: [6, 4], format: jpyPerKwh },
    ],
  });
  d.add(() => powerChart.destroy());
  d.add(() => priceChart.destroy());

  const el = h(
    "div",
    { class: "page overview" },
    h("div", { class: "kpis" }, ...Object.values(tiles).map((k) => k.el)),
    h(
      "div",
      { class: "grid two" },
      h("section", { class: "panel" }, h("h2", { text: t("chart.powerTitle") }), powerChart.el),
      overridePanel(app, d),
    ),
    h("div", { class: "grid two" }, fleetPanel(app, d, { cellPx: 16, compact: true }), reasonsPanel(app, d)),
    h("section", { class: "panel" }, h("h2", { text: t("chart.priceTitle") }), priceChart.el),
  );

  // Power chart: the last hour from the store, then one point per tick from the stream.
  const xs: number[] = [];
  const cols: (number | null)[][] = [[], [], [], []];
  let events: readonly GridEvent[] = [];
  let signals: Signals | undefined;
  const limitAt = (atMs: number) => importLimitAt(app.config, signals, events, atMs).w;
  const push = (atMs: number, powerW: number | null, targetW: number | null, surplusW: number | null) => {
    if (xs.length > 0 && atMs <= (xs[xs.length - 1] as number)) return;
    xs.push(atMs);
    for (const [i, v] of [powerW, targetW, surplusW, limitAt(atMs)].entries()) cols[i]?.push(v);
    while (xs.length > 0 && (xs[0] as number) < atMs - HOUR_MS) {
      xs.shift();
      for (const c of cols) c.shift();
    }
    powerChart.setData(xs, cols);
  };

  // Price chart: 24 h of stored prices against today's break-even.
  const px: number[] = [];
  const prices: (number | null)[] = [];
  let breakEven: number | null = null;
  // Break-even spans the whole window (it is today's figure), and the last price holds until now.
  const drawPrices = () => {
    const nowMs = Date.now();
    const xs = [nowMs - 24 * HOUR_MS, ...px, nowMs];
    priceChart.setData(xs, [[null, ...prices, prices[prices.length - 1] ?? null], xs.map(() => breakEven)]);
  };

  const sinceMs = Date.now() - HOUR_MS;
  void Promise.all([
    api.siteHistory(sinceMs, "raw").catch(() => ({ points: [] })),
    api.events(sinceMs).catch(() => ({ current: [], history: [] })),
  ]).then(([history, ev]) => {
    events = [...ev.current, ...ev.history.map((x) => x.event)];
    const live = xs.splice(0);
    const liveCols = cols.map((c) => c.splice(0));
    for (const p of history.points)
      push(p.atMs, p.measuredPowerW ?? p.reportedPowerW, p.targetPowerW, p.surplusW);
    live.forEach((x, i) => {
      push(x, liveCols[0]?.[i] ?? null, liveCols[1]?.[i] ?? null, liveCols[2]?.[i] ?? null);
    });
  });
  void api
    .siteHistoryRecent(Date.now() - 24 * HOUR_MS)
    .then((points) => {
      // Ticks may have arrived first: the stored history goes before them.
      const firstLive = px[0] ?? Number.POSITIVE_INFINITY;
      const older = points.filter((p) => p.atMs < firstLive);
      px.unshift(...older.map((p) => p.atMs));
      prices.unshift(...older.map((p) => p.priceJpyPerKwh));
      drawPrices();
    })
    .catch(() => {});

  let last: SiteState | undefined;
  const onSite = (s: SiteState) => {
    last = s;
    const powerW = s.measuredPowerW ?? s.reportedPowerW;
    const p = powerParts(powerW);
    const allowed =
      s.windowMinW === null ? "" : t("kpi.window", { min: power(s.windowMinW), max: power(s.windowMaxW) });
    tiles.power.set(
      p.value,
      p.unit,
      `${t("kpi.target", { value: power(s.targetPowerW) })} · ${s.measuredPowerW === null ? t("kpi.reported") : t("kpi.metered")}\n${allowed}`,
    );
    const sp = powerParts(s.surplusW);
    tiles.surplus.set(sp.value, sp.unit, ageText(signals?.surplusW ?? null), s.surplusW ? "good" : "neutral");
    const hr = hashrate(s.hashrateThs).split(" ");
    const eff = s.hashrateThs > 0 && powerW ? `${fixed(powerW / s.hashrateThs, 1)} J/TH` : "";
    tiles.hashrate.set(hr[0] ?? "", hr[1] ?? "", eff);
    const hashing = s.units.byState.hashing ?? 0;
    const others = Object.entries(s.units.byState)
      .filter(([k, n]) => k !== "hashing" && n > 0)
      .map(([k, n]) => `${tMaybe("state", k)} ${n}`)
      .join(" · ");
    tiles.units.set(String(hashing), `/ ${s.units.total}`, others);
    paintPrice();
    if (s.atMs !== null) {
      push(s.atMs, powerW, s.targetPowerW, s.surplusW);
      if (
        s.priceJpyPerKwh !== null &&
        (px.length === 0 || s.atMs - (px[px.length - 1] as number) >= 60_000)
      ) {
        px.push(s.atMs);
        prices.push(s.priceJpyPerKwh);
        drawPrices();
      }
    }
  };

  const paintPrice = () => {
    const price = last?.priceJpyPerKwh ?? signals?.energyPriceJpyPerKwh?.value ?? null;
    const pp = jpyPerKwh(price).split(" ");
    tiles.price.set(pp[0] ?? "", pp.slice(1).join(" "), ageText(signals?.energyPriceJpyPerKwh ?? null));
    const hp = signals?.hashpriceJpyPerThsDay?.value ?? null;
    const hpText = jpyPerThDay(hp).split(" ");
    tiles.hashprice.set(
      hpText[0] ?? "",
      hpText.slice(1).join(" "),
      ageText(signals?.hashpriceJpyPerThsDay ?? null),
    );
    const mode = mostEfficientMode(app.modes);
    const margin = app.config.control?.marginJpyPerKwh ?? 0.5;
    breakEven = hp !== null && mode ? breakEvenJpyPerKwh(hp, mode, margin) : null;
    const be = jpyPerKwh(breakEven).split(" ");
    const pays = breakEven !== null && price !== null ? price < breakEven : null;
    tiles.breakEven.set(
      be[0] ?? "",
      be.slice(1).join(" "),
      mode
        ? `${t("kpi.breakEvenNote", { mode: tMaybe("mode", String(mode.mode)), margin: fixed(margin, 2) })}${pays === null ? "" : `\n${t(pays ? "kpi.pays" : "kpi.doesNotPay")}`}`
        : "",
      pays === null ? "neutral" : pays ? "good" : "warn",
    );
  };

  const onSignals = (sig: Signals) => {
    signals = sig;
    events = [...events.filter((e) => !sig.events.some((x) => x.id === e.id)), ...sig.events];
    const limit = importLimitAt(app.config, sig, sig.events, Date.now());
    const lp = powerParts(limit.w);
    const src =
      limit.source === "contract"
        ? t("kpi.importLimitContract")
        : limit.source === "grid"
          ? "grid"
          : t("kpi.importLimitEvent", { id: limit.source });
    tiles.limit.set(lp.value, lp.unit, src, limit.source === "contract" ? "neutral" : "warn");
    paintPrice();
    drawPrices();
    if (last) onSite(last);
  };

  d.add(app.live.site.site.on(onSite));
  d.add(app.live.signals.on(onSignals));
  return el;
};
