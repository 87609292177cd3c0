// Why the dispatcher chose the current target: each rule's effect and its own explanation, in the order the rules
// ran. The details are the controller's words (with its numbers), shown as written.
import type { App } from "../app.js";
import { clear, type Disposer, h } from "../dom.js";
import { t, tMaybe } from "../i18n/index.js";
import type { Reason } from "../types.js";

export function reasonList(reasons: readonly Reason[]): HTMLElement {
  const list = h("ol", { class: "reasons" });
  for (const r of reasons)
    list.appendChild(
      h(
        "li",
        { class: r.effect === "none" ? "idle" : "" },
        h("span", { class: `rule rule-${r.rule}`, text: tMaybe("rule", r.rule) }),
        h("b", { text: r.effect === "none" ? t("reasons.noEffect") : r.effect }),
        h("span", { class: "detail", text: r.detail }),
      ),
    );
  return list;
}

export function reasonsPanel(app: App, d: Disposer): HTMLElement {
  const body = h(
    "div",
    { class: "panel-body", "data-testid": "reasons" },
    h("p", { class: "muted", text: t("reasons.none") }),
  );
  let shown = "";
  d.add(
    app.live.site.site.on((s) => {
      const key = JSON.stringify(s.reasons);
      if (key === shown) return;
      shown = key;
      clear(body);
      body.appendChild(
        s.reasons.length ? reasonList(s.reasons) : h("p", { class: "muted", text: t("reasons.none") }),
      );
    }),
  );
  return h("section", { class: "panel reasons-panel" }, h("h2", { text: t("reasons.title") }), body);
}
