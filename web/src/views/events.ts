// Demand-response events, operator overrides, curtailment windows (hours with renewable surplus) and the plan on
// one timeline from 24 hours back to 24 hours ahead, every grid event in a table, then how the site performed in
// each event (dr-performance.ts).
import { api } from "../api.js";
import type { View } from "../app.js";
import { kindLabel } from "../components/override-panel.js";
import { type Bar, type Lane, spansOf, timeline } from "../components/timeline.js";
import { clear, h, note } from "../dom.js";
import { dateTime, power } from "../format.js";
import { type MessageKey, t } from "../i18n/index.js";
import type { GridEvent, Override } from "../types.js";
import { drPerformancePanel } from "./dr-performance.js";

const DAY_MS = 86_400_000;

export function eventValue(e: GridEvent): string {
  if (e.kind === "import-limit") return power(e.limitW);
  if (e.kind === "setpoint") return power(e.powerW);
  if (e.kind === "shed-level") return t("events.level", { n: e.level });
  return "—";
}

const eventKind = (e: GridEvent) => t(`event.kind.${e.kind}` as MessageKey);

function status(e: GridEvent, nowMs: number): "active" | "upcoming" | "ended" {
  if (e.endMs <= nowMs) return "ended";
  return e.startMs <= nowMs ? "active" : "upcoming";
}

function eventTable(events: readonly GridEvent[], nowMs: number): HTMLElement {
  if (events.length === 0) return note(t("events.none"));
  const head = ["kind", "value", "start", "end", "source", "status"].map((c) =>
    h("th", { text: t(`events.col.${c}` as MessageKey) }),
  );
  const rows = [...events]
    .sort((a, b) => b.startMs - a.startMs)
    .map((e) => {
      const s = status(e, nowMs);
      return h(
        "tr",
        { "data-testid": "event-row" },
        h("td", {}, h("span", { class: `badge kind-${e.kind}`, text: eventKind(e) })),
        h("td", { class: "num", text: eventValue(e) }),
        h("td", { text: dateTime(e.startMs) }),
        h("td", { text: dateTime(e.endMs) }),
        h("td", { text: e.source ?? "—" }),
        h("td", {}, h("span", { class: `status status-${s}`, text: t(`events.status.${s}`) })),
      );
    });
  return h("table", { class: "table" }, h("thead", {}, h("tr", {}, ...head)), h("tbody", {}, ...rows));
}

export const eventsView: View = (app, _params, d) => {
  const box = h("div", {}, note(t("common.loading")));
  const list = h("div");
  const dr = drPerformancePanel(d);
  const render = async () => {
    const nowMs = Date.now();
    const fromMs = nowMs - DAY_MS;
    const [ev, ov, hist, plan] = await Promise.all([
      api.events(fromMs),
      api.overrides(fromMs),
      api.siteHistoryRecent(fromMs),
      api.plan(nowMs, nowMs + DAY_MS).catch(() => ({ current: null, slots: [], planner: false })),
    ]);
    const byId = new Map<string, GridEvent>();
    for (const x of ev.history) byId.set(x.event.id, x.event);
    for (const e of ev.current) byId.set(e.id, e);
    const events = [...byId.values()];
    const overrides = new Map<string, Override>();
    for (const x of ov.history)
      overrides.set(x.override.id, { ...x.override, expiresAtMs: x.liftedAtMs ?? x.override.expiresAtMs });
    for (const o of ov.active) overrides.set(o.id, o);
    const lanes: Lane[] = [
      {
        label: t("events.lane.events"),
        bars: events.map(
          (e): Bar => ({
            startMs: e.startMs,
            endMs: e.endMs,
            label: `${eventKind(e)} ${eventValue(e)}`,
            cls: `kind-${e.kind}`,
            title: `${eventKind(e)} ${eventValue(e)} · ${dateTime(e.startMs)} – ${dateTime(e.endMs)} · ${e.source ?? e.id}`,
          }),
        ),
      },
      {
        label: t("events.lane.overrides"),
        bars: [...overrides.values()]
          .filter((o) => o.kind !== "release")
          .map(
            (o): Bar => ({
              startMs: o.issuedAtMs,
              endMs: o.expiresAtMs,
              label: kindLabel(o.kind),
              cls: `kind-${o.kind}`,
              title: `${kindLabel(o.kind)} · ${o.by} · ${dateTime(o.issuedAtMs)} – ${dateTime(o.expiresAtMs)}${o.note ? ` · ${o.note}` : ""}`,
            }),
          ),
      },
      {
        label: t("events.lane.surplus"),
        bars: spansOf(hist, (p) => (p.surplusW ?? 0) > 0, nowMs).map(
          (s): Bar => ({
            startMs: s.startMs,
            endMs: s.endMs,
            label: power(s.first.surplusW),
            cls: "kind-surplus",
            title: `${t("chart.surplus")} · ${dateTime(s.startMs)} – ${dateTime(s.endMs)}`,
          }),
        ),
      },
    ];
    if (plan.planner)
      lanes.push({
        label: t("events.lane.plan"),
        bars: plan.slots.map(
          (s): Bar => ({
            startMs: s.startMs,
            endMs: s.endMs,
            label: power(s.targetW),
            cls: "kind-plan",
            title: `${t("plan.col.target")} ${power(s.targetW)} · ${dateTime(s.startMs)} – ${dateTime(s.endMs)}`,
          }),
        ),
      });
    clear(box);
    box.appendChild(timeline({ fromMs, toMs: nowMs + DAY_MS, nowMs, lanes }));
    clear(list);
    list.appendChild(eventTable(events, nowMs));
  };
  const refresh = () =>
    render().catch((e: unknown) => {
      clear(box);
      box.appendChild(note(t("common.error", { msg: String(e) }), "error"));
    });
  void refresh();
  d.every(30_000, () => void refresh());
  // A new event or override shows at once: the site state counts both.
  let counts = "";
  d.add(
    app.live.site.site.on((s) => {
      const next = `${s.events}|${s.overrides}`;
      if (counts !== "" && next !== counts) {
        void refresh();
        dr.refresh();
      }
      counts = next;
    }),
  );
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", { text: t("events.title") })),
    h("section", { class: "panel" }, h("h2", { text: t("events.timeline") }), box),
    h("section", { class: "panel" }, h("h2", { text: t("events.list") }), list),
    dr.el,
  );
};
