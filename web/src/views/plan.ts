// The day-ahead plan the site follows: the slot in force and the next 24 hours of targets with their tolerance.
import { api } from "../api.js";
import type { View } from "../app.js";
import { timeChart } from "../components/time-chart.js";
import { clear, h, note } from "../dom.js";
import { dateTime, power, powerTicks } from "../format.js";
import { t } from "../i18n/index.js";
import type { PlanSlot } from "../types.js";

const DAY_MS = 86_400_000;

function table(slots: readonly PlanSlot[], nowMs: number): HTMLElement {
  const rows = slots.map((s) =>
    h(
      "tr",
      { class: s.startMs <= nowMs && nowMs < s.endMs ? "current" : "" },
      h("td", { text: `${dateTime(s.startMs)} – ${dateTime(s.endMs)}` }),
      h("td", { class: "num", text: power(s.targetW) }),
      h("td", { class: "num", text: s.toleranceW ? `+${power(s.toleranceW)}` : "—" }),
    ),
  );
  return h(
    "table",
    { class: "table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...(["slot", "target", "tolerance"] as const).map((c) => h("th", { text: t(`plan.col.${c}`) })),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}

export const planView: View = (_app, _params, d) => {
  const box = h("div", {}, note(t("common.loading")));
  const chart = timeChart({
    testId: "plan-chart",
    height: 240,
    yMin: 0,
    yTicks: powerTicks,
    series: [
      {
        label: t("plan.col.target"),
        color: "#38bdf8",
        width: 2,
        stepped: true,
        fill: "rgba(56,189,248,0.12)",
        format: power,
      },
      { label: t("plan.col.tolerance"), color: "#94a3b8", dash: [4, 4], stepped: true, format: power },
    ],
  });
  d.add(() => chart.destroy());
  const current = h("p", { class: "muted", "data-testid": "plan-current" });
  const nowMs = Date.now();
  api
    .plan(nowMs - 3_600_000, nowMs + DAY_MS)
    .then((p) => {
      clear(box);
      current.textContent = p.current
        ? `${t("plan.current")}: ${power(p.current.targetW)} (${dateTime(p.current.startMs)} – ${dateTime(p.current.endMs)})`
        : "";
      if (!p.planner) {
        box.appendChild(note(t("plan.none")));
        chart.el.hidden = true;
        return;
      }
      if (p.slots.length === 0) {
        box.appendChild(note(t("plan.noSlots")));
        chart.el.hidden = true;
        return;
      }
      // A stepped line needs the end of the last slot as a point of its own.
      const last = p.slots[p.slots.length - 1] as PlanSlot;
      const xs = [...p.slots.map((s) => s.startMs), last.endMs];
      const targets = [...p.slots.map((s) => s.targetW), last.targetW];
      const upper = [
        ...p.slots.map((s) => s.targetW + (s.toleranceW ?? 0)),
        last.targetW + (last.toleranceW ?? 0),
      ];
      chart.setData(xs, [targets, upper]);
      box.appendChild(table(p.slots, Date.now()));
    })
    .catch((e: unknown) => {
      clear(box);
      box.appendChild(note(t("common.error", { msg: String(e) }), "error"));
    });
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", { text: t("plan.title") }), current),
    h("section", { class: "panel" }, chart.el, box),
  );
};
