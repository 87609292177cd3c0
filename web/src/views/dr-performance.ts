// The demand-response performance panel of the events page: every grid event that started in the period with its
// baseline, delivered reduction, compliance and latency (src/api/routes/dr-routes.ts computes them), and the event
// chosen in the table opened below it.
import { api } from "../api.js";
import { clear, type Disposer, h, note } from "../dom.js";
import { zoneName } from "../format.js";
import { type MessageKey, t, tMaybe } from "../i18n/index.js";
import type { EventPerformance } from "../types.js";
import { drDetail } from "./dr-detail.js";
import { eventName, eventWindow, kw, kwh, latency, means, methodText, noteText, pct } from "./dr-format.js";

const DAY_MS = 86_400_000;
const SPANS_DAYS = [7, 30, 90];
/** The API's default period, asked for without times so that the server's clock sets it. */
const DEFAULT_DAYS = 30;
const REFRESH_MS = 60_000;
/** An event still running gains a slot every half hour and its latency any second: it is refetched more often. */
const LIVE_REFRESH_MS = 15_000;

const COLUMNS = [
  ["event", false],
  ["kind", false],
  ["window", false],
  ["cap", true],
  ["method", false],
  ["baseline", true],
  ["actual", true],
  ["delivered", true],
  ["deliveredKwh", true],
  ["requestedKwh", true],
  ["compliance", true],
  ["capHeld", true],
  ["response", true],
  ["decision", true],
  ["status", false],
] as const;

function methodCell(p: EventPerformance): HTMLElement {
  return h(
    "td",
    { class: "dr-method", "data-testid": "dr-method" },
    methodText(p.baseline),
    ...p.baseline.notes.map((n) => h("div", { class: "dr-note", text: noteText(n) })),
  );
}

function row(p: EventPerformance, selected: boolean, select: (id: string) => void): HTMLElement {
  const m = means(p);
  const status = p.status === "complete" ? "ended" : "active";
  const num = (testId: string, text: string, bad = false) =>
    h("td", { class: bad ? "num bad" : "num", "data-testid": testId, text });
  return h(
    "tr",
    {
      class: selected ? "clickable current" : "clickable",
      tabindex: 0,
      "aria-selected": String(selected),
      "data-testid": "dr-row",
      "data-event-id": p.eventId,
      onclick: () => select(p.eventId),
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === "Enter") select(p.eventId);
      },
    },
    h(
      "td",
      { class: "dr-event" },
      h("div", { text: eventName(p) }),
      p.source === null ? null : h("code", { class: "dr-id", text: p.eventId }),
    ),
    h("td", {}, h("span", { class: `badge kind-${p.kind}`, text: tMaybe("event.kind", p.kind) })),
    h("td", { class: "nowrap", text: eventWindow(p.startMs, p.endMs) }),
    num("dr-cap", kw(p.capW)),
    methodCell(p),
    num("dr-baseline", kw(m.baselineW)),
    num("dr-actual", kw(m.actualW)),
    num("dr-delivered", kw(p.meanDeliveredReductionW), (p.meanDeliveredReductionW ?? 0) < 0),
    num("dr-delivered-kwh", kwh(p.slots.length > 0 ? p.deliveredReductionKwh : null)),
    num("dr-requested-kwh", kwh(p.slots.length > 0 ? p.requestedReductionKwh : null)),
    num("dr-compliance", pct(p.compliancePct)),
    num("dr-cap-held", pct(p.capHeldPct)),
    num("dr-response", latency(p.responseLatencyMs)),
    num("dr-decision", latency(p.decisionLatencyMs)),
    h(
      "td",
      { class: "nowrap", "data-testid": "dr-status" },
      h("span", { class: `status status-${status}`, text: t(`dr.status.${p.status}`) }),
    ),
  );
}

function table(
  events: readonly EventPerformance[],
  selectedId: string | undefined,
  select: (id: string) => void,
) {
  const head = COLUMNS.map(([c, isNum]) =>
    h("th", { class: isNum ? "num" : "", text: t(`dr.col.${c}` as MessageKey, { zone: zoneName() }) }),
  );
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "table dr-table", "data-testid": "dr-table" },
      h("thead", {}, h("tr", {}, ...head)),
      h("tbody", {}, ...events.map((p) => row(p, p.eventId === selectedId, select))),
    ),
  );
}

export interface DrPanel {
  el: HTMLElement;
  /** Fetches the report again (a new event, a running one's progress); the open event stays open. */
  refresh(): void;
}

export function drPerformancePanel(d: Disposer): DrPanel {
  let spanDays = DEFAULT_DAYS;
  let events: EventPerformance[] = [];
  let selectedId: string | undefined;
  /** The server's clock minus the browser's: a site replayed or simulated runs on its own time. */
  let serverOffsetMs: number | undefined;
  let detail: { key: string; destroy(): void } | undefined;
  let seq = 0;

  const list = h("div", {}, note(t("common.loading")));
  const detailBox = h("div");
  const spanSelect = h(
    "select",
    { "data-testid": "dr-span" },
    ...SPANS_DAYS.map((x) =>
      h("option", { value: x, text: t("dr.lastDays", { d: x }), selected: x === spanDays }),
    ),
  );

  const showDetail = () => {
    const p = events.find((e) => e.eventId === selectedId);
    const key = p ? JSON.stringify(p) : "";
    // Unchanged figures keep the open chart as it is, hover and size included.
    if (detail?.key === key) return;
    detail?.destroy();
    detail = undefined;
    clear(detailBox);
    if (!p) return;
    const view = drDetail(p);
    detail = { key, destroy: view.destroy };
    detailBox.appendChild(view.el);
  };

  const render = () => {
    clear(list);
    if (events.length === 0) {
      list.appendChild(note(t("dr.none")));
    } else {
      list.appendChild(table(events, selectedId, select));
      list.appendChild(h("p", { class: "hint", text: t("dr.hint") }));
    }
    showDetail();
  };

  function select(id: string): void {
    selectedId = id;
    render();
  }

  const accept = (r: { events: EventPerformance[] }) => {
    events = [...r.events].sort((a, b) => b.startMs - a.startMs);
    if (!events.some((e) => e.eventId === selectedId)) selectedId = events[0]?.eventId;
    render();
  };

  const load = () => {
    const mine = ++seq;
    const request =
      spanDays === DEFAULT_DAYS || serverOffsetMs === undefined
        ? api.drReport()
        : api.drReport({ sinceMs: Date.now() + serverOffsetMs - spanDays * DAY_MS });
    request
      .then((r) => {
        if (mine !== seq) return;
        if (spanDays === DEFAULT_DAYS || serverOffsetMs === undefined) {
          serverOffsetMs = r.untilMs - Date.now();
          if (spanDays !== DEFAULT_DAYS) return load();
        }
        accept(r);
      })
      .catch((e: unknown) => {
        if (mine !== seq) return;
        clear(list);
        list.appendChild(note(t("common.error", { msg: String(e) }), "error"));
      });
  };

  const refreshLive = () => {
    const open = events.find((e) => e.eventId === selectedId);
    if (open?.status !== "in-progress") return;
    api
      .drEvent(open.eventId)
      .then((p) => {
        const i = events.findIndex((e) => e.eventId === p.eventId);
        if (i < 0) return;
        events[i] = p;
        render();
      })
      .catch(() => {
        // The next full refresh says what went wrong.
      });
  };

  spanSelect.addEventListener("change", () => {
    spanDays = Number(spanSelect.value);
    load();
  });
  load();
  d.every(REFRESH_MS, load);
  d.every(LIVE_REFRESH_MS, refreshLive);
  d.add(() => detail?.destroy());

  const el = h(
    "section",
    { class: "panel", "data-testid": "dr-panel" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", { text: t("dr.title") }),
      h("label", { class: "muted" }, t("dr.period"), " ", spanSelect),
    ),
    list,
    detailBox,
  );
  return { el, refresh: load };
}
