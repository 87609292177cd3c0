// One demand-response event opened from the performance table: how its baseline was made, the chart and figures
// slot by slot, and every like day looked at with the reason it was used or left out.
import { drEventPath } from "../api.js";
import { drChart } from "../components/dr-chart.js";
import type { TimeChart } from "../components/time-chart.js";
import { h, note } from "../dom.js";
import { dateTime, zoneName } from "../format.js";
import { t } from "../i18n/index.js";
import type { EventPerformance } from "../types.js";
import { dayLabel, dayUse, eventName, eventWindow, kw, methodText, noteText, signedKw } from "./dr-format.js";

function facts(p: EventPerformance): HTMLElement {
  const b = p.baseline;
  const rows: [string, Node | string][] = [
    [t("dr.col.event"), h("code", { text: p.eventId })],
    [t("dr.col.window", { zone: zoneName() }), eventWindow(p.startMs, p.endMs)],
    [t("dr.detail.received"), dateTime(p.receivedAtMs, true)],
    [t("dr.detail.evaluatedUntil"), dateTime(p.evaluatedUntilMs, true)],
    [t("dr.col.cap"), `${kw(p.capW)} (${t("dr.detail.tolerance", { w: `${kw(p.toleranceW)} kW` })})`],
    [t("dr.detail.dayType"), t(`dr.dayType.${b.dayType}`)],
    [t("dr.col.method"), h("span", { "data-testid": "dr-detail-method", text: methodText(b) })],
    [t("dr.detail.adjustment"), b.adjustmentW === null ? t("dr.detail.notApplied") : signedKw(b.adjustmentW)],
  ];
  if (b.notes.length > 0)
    rows.push([
      t("dr.detail.notes"),
      h("ul", { class: "dr-notes" }, ...b.notes.map((n) => h("li", { text: noteText(n) }))),
    ]);
  return h("dl", { class: "facts" }, ...rows.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", {}, v)]));
}

function slotTable(p: EventPerformance): HTMLElement {
  const cols: [string, boolean][] = [
    [t("dr.slot.col.slot"), false],
    [t("dr.chart.baseline"), true],
    [t("dr.chart.unadjusted"), true],
    [t("dr.chart.actual"), true],
    [t("dr.chart.cap"), true],
    [t("dr.slot.col.requested"), true],
    [t("dr.slot.col.delivered"), true],
  ];
  return h(
    "table",
    { class: "table", "data-testid": "dr-slots" },
    h("thead", {}, h("tr", {}, ...cols.map(([c, num]) => h("th", { class: num ? "num" : "", text: c })))),
    h(
      "tbody",
      {},
      ...p.slots.map((s) =>
        h(
          "tr",
          { "data-testid": "dr-slot" },
          h("td", { text: eventWindow(s.startMs, s.endMs) }),
          h("td", { class: "num", text: kw(s.baselineW) }),
          h("td", { class: "num", text: kw(s.unadjustedW) }),
          h("td", { class: "num", text: kw(s.actualW) }),
          h("td", { class: "num", text: kw(s.capW) }),
          h("td", { class: "num", text: kw(s.requestedReductionW) }),
          h("td", {
            class: `num${(s.deliveredReductionW ?? 0) < 0 ? " bad" : ""}`,
            text: kw(s.deliveredReductionW),
          }),
        ),
      ),
    ),
  );
}

function likeDays(p: EventPerformance): HTMLElement {
  const b = p.baseline;
  if (b.days.length === 0) return note(t("dr.days.none"));
  return h(
    "table",
    { class: "table dr-days", "data-testid": "dr-days" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { text: t("dr.days.col.date") }),
        h("th", { class: "num", text: t("dr.days.col.mean") }),
        h("th", { text: t("dr.days.col.use") }),
      ),
    ),
    h(
      "tbody",
      {},
      ...b.days.map((d) =>
        h(
          "tr",
          { "data-testid": "dr-day", class: d.used ? "dr-day-used" : "dr-day-excluded" },
          h("td", { text: dayLabel(d.date) }),
          h("td", { class: "num", text: kw(d.meanW) }),
          h("td", { text: dayUse(d, b.highestWanted) }),
        ),
      ),
    ),
  );
}

export function drDetail(p: EventPerformance): { el: HTMLElement; destroy(): void } {
  let chart: TimeChart | undefined;
  const hasSlots = p.baseline.slots.length > 0;
  if (hasSlots) chart = drChart(p);
  const el = h(
    "div",
    { class: "dr-detail", "data-testid": "dr-detail", "data-event-id": p.eventId },
    h(
      "div",
      { class: "panel-head" },
      h("h3", { text: t("dr.detail.title", { name: eventName(p) }) }),
      h("a", {
        class: "btn small ghost",
        href: drEventPath(p.eventId),
        target: "_blank",
        rel: "noopener",
        "data-testid": "dr-json",
        text: t("dr.detail.json"),
      }),
    ),
    h(
      "div",
      { class: "dr-detail-grid" },
      h(
        "div",
        { class: "dr-detail-main" },
        h("h3", { text: t("dr.chart.title") }),
        chart ? chart.el : note(t("dr.chart.none")),
        hasSlots && p.slots.length > 0 ? slotTable(p) : null,
      ),
      h("div", { class: "dr-detail-side" }, facts(p), h("h3", { text: t("dr.days.title") }), likeDays(p)),
    ),
  );
  return { el, destroy: () => chart?.destroy() };
}
