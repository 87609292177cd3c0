// One unit: its telemetry, hash boards, last 24 hours, and (for operators) sleep, wake and mode, each confirmed.
import { ApiError, api } from "../api.js";
import type { View } from "../app.js";
import { confirmAction } from "../components/dialog.js";
import { failureText } from "../components/override-panel.js";
import { timeChart } from "../components/time-chart.js";
import { toast } from "../components/toast.js";
import { clear, type Disposer, h, note, setText } from "../dom.js";
import { clock, dateTime, duration, fixed, hashrate, temperature, unitPower } from "../format.js";
import { t, tMaybe } from "../i18n/index.js";
import type { UnitDetail } from "../types.js";

const SLEEP_DURATIONS_S = [3600, 14_400, 86_400, 604_800];
const REFRESH_MS = 3_000;

function facts(u: UnitDetail): [string, string][] {
  const s = u.status;
  return [
    [t("unit.state"), tMaybe("state", u.state)],
    [t("unit.mode"), u.workMode === null ? "—" : tMaybe("mode", String(u.workMode))],
    [t("unit.power"), unitPower(u.powerW)],
    [t("unit.hashrate"), hashrate(u.hashrateThs)],
    [t("unit.coolantIn"), temperature(s?.coolantInletC)],
    [t("unit.coolantOut"), temperature(u.coolantOutletC)],
    [t("unit.chipMax"), temperature(s?.chipTempMaxC)],
    [t("unit.uptime"), s?.uptimeS === undefined ? "—" : duration(s.uptimeS)],
    [t("unit.model"), u.model],
    [t("unit.firmware"), u.identity.firmware ?? "—"],
    [t("unit.serial"), u.identity.serial ?? "—"],
    [t("unit.mac"), u.identity.mac ?? "—"],
    [t("unit.readAt"), u.readAtMs > 0 ? clock(u.readAtMs) : "—"],
    [t("unit.lastError"), u.lastError ?? "—"],
    [
      t("unit.pending"),
      u.pending
        ? `${u.pending.action}${u.pending.mode === undefined ? "" : ` ${u.pending.mode}`} @ ${clock(u.pending.atMs)}`
        : "—",
    ],
  ];
}

function boards(u: UnitDetail): HTMLElement {
  const rows = (u.status?.hashBoards ?? []).map((b) =>
    h(
      "tr",
      {},
      h("td", { text: t("unit.board", { n: b.index }) }),
      h("td", { class: "num", text: hashrate(b.hashrateThs) }),
      h("td", { class: "num", text: temperature(b.chipTempMaxC) }),
      h("td", { class: "num", text: temperature(b.chipTempAvgC) }),
      h("td", {
        class: b.errorCode ? "bad" : "muted",
        text: b.errorCode ? `${b.errorCode} ${b.errorText ?? ""}` : "0",
      }),
    ),
  );
  const head = [
    t("unit.col.board"),
    t("unit.hashrate"),
    t("unit.chipMax"),
    t("unit.col.chipAvg"),
    t("unit.col.error"),
  ];
  return h(
    "table",
    { class: "table" },
    h(
      "thead",
      {},
      h("tr", {}, ...head.map((c, i) => h("th", { class: i > 0 && i < 4 ? "num" : "", text: c }))),
    ),
    h("tbody", {}, ...rows),
  );
}

function actions(id: string, afterAction: () => void): HTMLElement {
  const sleepSelect = h(
    "select",
    { "data-testid": "unit-sleep-duration" },
    ...SLEEP_DURATIONS_S.map((s) => h("option", { value: s, text: duration(s), selected: s === 86_400 })),
  );
  const modeSelect = h(
    "select",
    { "data-testid": "unit-mode" },
    ...[0, 1, 2].map((m) => h("option", { value: m, text: tMaybe("mode", String(m)) })),
  );
  const run = async (question: string, action: () => Promise<string>) => {
    if (!(await confirmAction({ title: t("unit.actions"), lines: [question] }))) return;
    try {
      toast(t("unit.done", { detail: await action() }));
    } catch (e) {
      toast(e instanceof ApiError && e.status === 409 ? e.message : failureText(e), "error");
    }
    afterAction();
  };
  return h(
    "div",
    { class: "unit-actions" },
    h(
      "div",
      { class: "row" },
      sleepSelect,
      h("button", {
        class: "btn",
        "data-testid": "unit-sleep",
        text: t("unit.sleep"),
        onclick: () => {
          const s = Number(sleepSelect.value);
          void run(t("unit.confirmSleep", { id, until: dateTime(Date.now() + s * 1000) }), async () => {
            const o = await api.sleepUnit(id, s);
            return `${o.kind} → ${dateTime(o.expiresAtMs)}`;
          });
        },
      }),
      h("button", {
        class: "btn",
        "data-testid": "unit-wake",
        text: t("unit.wake"),
        onclick: () =>
          void run(t("unit.confirmWake", { id }), async () => `${(await api.wakeUnit(id)).lifted.length}`),
      }),
    ),
    h(
      "div",
      { class: "row" },
      modeSelect,
      h("button", {
        class: "btn",
        "data-testid": "unit-set-mode",
        text: t("unit.setMode"),
        onclick: () => {
          const m = Number(modeSelect.value);
          void run(t("unit.confirmMode", { id, mode: tMaybe("mode", String(m)) }), async () => {
            return (await api.setMode(id, m)).detail;
          });
        },
      }),
    ),
  );
}

export const unitView: View = (app, params, d: Disposer) => {
  const id = params.id ?? "";
  const title = h("h1", { text: t("unit.title", { id }) });
  const state = h("span", { class: "badge", "data-testid": "unit-state" });
  const dl = h("dl", { class: "facts", "data-testid": "unit-facts" });
  const boardBox = h("div");
  const powerChart = timeChart({
    testId: "unit-power-chart",
    height: 160,
    yMin: 0,
    spanMs: 86_400_000,
    yTicks: (splits) => splits.map((v) => `${fixed(v / 1000, 1)} kW`),
    series: [{ label: t("unit.power"), color: "#38bdf8", width: 2, stepped: true, format: unitPower }],
  });
  const coolantChart = timeChart({
    testId: "unit-coolant-chart",
    height: 160,
    spanMs: 86_400_000,
    yTicks: (splits) => splits.map((v) => `${fixed(v, 0)} °C`),
    series: [{ label: t("unit.coolantOut"), color: "#f97316", width: 2, format: temperature }],
  });
  d.add(() => powerChart.destroy());
  d.add(() => coolantChart.destroy());
  const status = h("div");

  let lastLoadMs = 0;
  const load = () => {
    lastLoadMs = Date.now();
    api.unit(id).then(
      (u) => {
        clear(status);
        setText(state, tMaybe("state", u.state));
        state.className = `badge state-${u.state}`;
        clear(dl);
        for (const [k, v] of facts(u)) dl.append(h("dt", { text: k }), h("dd", { text: v }));
        clear(boardBox);
        boardBox.appendChild(boards(u));
      },
      (e: unknown) => {
        clear(status);
        status.appendChild(
          note(e instanceof ApiError && e.status === 404 ? t("unit.notFound", { id }) : String(e), "error"),
        );
      },
    );
  };
  load();
  d.add(
    app.live.site.site.on(() => {
      if (Date.now() - lastLoadMs >= REFRESH_MS) load();
    }),
  );
  const historyNote = h("div");
  api
    .unitHistoryRecent(id, Date.now() - 86_400_000)
    .then((points) => {
      if (points.length === 0) historyNote.appendChild(note(t("unit.noHistory")));
      const xs = points.map((p) => p.atMs);
      powerChart.setData(xs, [points.map((p) => p.powerW)]);
      coolantChart.setData(xs, [points.map((p) => p.coolantOutletC)]);
    })
    .catch(() => {});

  return h(
    "div",
    { class: "page unit" },
    h("a", { href: "/fleet", "data-link": true, class: "back", text: `← ${t("unit.back")}` }),
    h("div", { class: "page-head" }, title, state),
    status,
    h(
      "div",
      { class: "grid two" },
      h("section", { class: "panel" }, dl),
      h(
        "section",
        { class: "panel" },
        h("h2", { text: t("unit.boards") }),
        boardBox,
        app.canOperate ? h("h2", { class: "spaced", text: t("unit.actions") }) : null,
        app.canOperate ? actions(id, load) : null,
      ),
    ),
    h(
      "section",
      { class: "panel" },
      h("h2", { text: t("unit.history") }),
      historyNote,
      h("div", { class: "grid two" }, powerChart.el, coolantChart.el),
    ),
  );
};
