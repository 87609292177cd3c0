// The decision log: every change of target and every command, newest first, with the rules that set it. A row
// opens to the full list of reasons, as the controller wrote them.
import { api } from "../api.js";
import type { View } from "../app.js";
import { reasonList } from "../components/reasons-panel.js";
import { clear, h, note } from "../dom.js";
import { dateTime, power } from "../format.js";
import { t, tMaybe } from "../i18n/index.js";
import type { Decision } from "../types.js";

const SPANS_H = [1, 6, 24, 72];
const REFRESH_MS = 5_000;

function commandSummary(d: Decision): string {
  if (d.commands.length === 0) return "—";
  const n = (a: string) => d.commands.filter((c) => c.action === a).length;
  return t("decisions.commands", { wake: n("wake"), sleep: n("sleep"), mode: n("set-mode") });
}

/** Bookkeeping every decision has; listing them would hide the rules that actually limited something. */
const ALWAYS = new Set(["allocator", "closed-loop", "initial"]);

/** The rules that limited something (effect other than "none"). */
function binding(d: Decision): string[] {
  return [...new Set(d.reasons.filter((r) => r.effect !== "none" && !ALWAYS.has(r.rule)).map((r) => r.rule))];
}

function row(d: Decision): HTMLElement[] {
  const change =
    d.previousTargetPowerW === null
      ? "—"
      : `${d.targetPowerW >= d.previousTargetPowerW ? "+" : "−"}${power(Math.abs(d.targetPowerW - d.previousTargetPowerW))}`;
  const detail = h(
    "tr",
    { class: "detail-row", hidden: true },
    h("td", { colspan: 7 }, reasonList(d.reasons)),
  );
  const main = h(
    "tr",
    {
      class: "clickable",
      "data-testid": "decision-row",
      tabindex: 0,
      onclick: () => {
        detail.hidden = !detail.hidden;
      },
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === "Enter") detail.hidden = !detail.hidden;
      },
    },
    h("td", { text: dateTime(d.atMs, true) }),
    h("td", { class: "num", text: power(d.targetPowerW) }),
    h("td", { class: "num", text: change }),
    h("td", { class: "num", text: `${power(d.windowMinW)} – ${power(d.windowMaxW)}` }),
    h("td", { class: "num", text: power(d.measuredPowerW) }),
    h("td", { text: commandSummary(d) }),
    h("td", {}, ...binding(d).map((r) => h("span", { class: `rule rule-${r}`, text: tMaybe("rule", r) }))),
  );
  return [main, detail];
}

export const decisionsView: View = (app, _params, d) => {
  let spanH = 6;
  let rule = "";
  let decisions: Decision[] = [];
  const box = h("div", {}, note(t("common.loading")));
  const ruleSelect = h(
    "select",
    { "data-testid": "decisions-rule" },
    h("option", { value: "", text: t("decisions.allRules") }),
  );
  const spanSelect = h(
    "select",
    { "data-testid": "decisions-span" },
    ...SPANS_H.map((x) => h("option", { value: x, text: t("fmt.hours", { h: x }), selected: x === spanH })),
  );
  const render = () => {
    const rules = [...new Set(decisions.flatMap(binding))].sort();
    const have = new Set([...ruleSelect.options].map((o) => o.value));
    for (const r of rules)
      if (!have.has(r)) ruleSelect.appendChild(h("option", { value: r, text: tMaybe("rule", r) }));
    const shown = rule === "" ? decisions : decisions.filter((x) => binding(x).includes(rule));
    clear(box);
    if (shown.length === 0) {
      box.appendChild(note(t("decisions.none", { h: spanH })));
      return;
    }
    const cols = ["time", "target", "change", "window", "measured", "commands", "reasons"] as const;
    box.appendChild(
      h(
        "table",
        { class: "table decisions" },
        h("thead", {}, h("tr", {}, ...cols.map((c) => h("th", { text: t(`decisions.col.${c}`) })))),
        h("tbody", {}, ...shown.flatMap(row)),
      ),
    );
  };
  let lastLoadMs = 0;
  const load = () => {
    lastLoadMs = Date.now();
    api
      .decisions(Date.now() - spanH * 3_600_000, 500)
      .then((r) => {
        const newest = (x: Decision[]) => x[0]?.id ?? -1;
        const sorted = [...r.decisions].sort((a, b) => b.atMs - a.atMs || b.id - a.id);
        // Redraw only when something new was logged, so an opened row stays open.
        if (newest(sorted) === newest(decisions) && sorted.length === decisions.length) return;
        decisions = sorted;
        render();
      })
      .catch((e: unknown) => {
        clear(box);
        box.appendChild(note(t("common.error", { msg: String(e) }), "error"));
      });
  };
  ruleSelect.addEventListener("change", () => {
    rule = ruleSelect.value;
    render();
  });
  spanSelect.addEventListener("change", () => {
    spanH = Number(spanSelect.value);
    decisions = [];
    load();
  });
  load();
  d.add(
    app.live.site.site.on(() => {
      if (Date.now() - lastLoadMs >= REFRESH_MS) load();
    }),
  );
  return h(
    "div",
    { class: "page" },
    h(
      "div",
      { class: "page-head" },
      h("h1", { text: t("decisions.title") }),
      h("div", { class: "filters" }, h("label", {}, t("decisions.rule"), " ", ruleSelect), spanSelect),
    ),
    h("section", { class: "panel" }, box),
  );
};
