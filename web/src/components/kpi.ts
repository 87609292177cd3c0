// One figure on the overview: label, a large value with its unit, and a line of context underneath. Updating it
// touches three text nodes and one class, nothing else.
import { h, setText } from "../dom.js";

export type Tone = "neutral" | "good" | "warn" | "bad";

export interface Kpi {
  el: HTMLElement;
  /** `sub` may hold two lines separated by "\n"; each is cut with an ellipsis, the full text is the tooltip. */
  set(value: string, unit: string, sub: string, tone?: Tone): void;
}

export function kpi(label: string, testId: string): Kpi {
  const value = h("span", { class: "kpi-value", "data-testid": `${testId}-value` });
  const unit = h("span", { class: "kpi-unit" });
  const line1 = h("span");
  const line2 = h("span");
  const sub = h("div", { class: "kpi-sub" }, line1, line2);
  const el = h(
    "section",
    { class: "kpi", "data-testid": testId },
    h("div", { class: "kpi-label", text: label }),
    h("div", { class: "kpi-figure" }, value, unit),
    sub,
  );
  let tone: Tone = "neutral";
  return {
    el,
    set(v, u, s, next = "neutral") {
      setText(value, v);
      setText(unit, u);
      const [a = "", b = ""] = s.split("\n");
      setText(line1, a);
      setText(line2, b);
      sub.title = s.replace("\n", " · ");
      if (next !== tone) {
        el.classList.remove(`tone-${tone}`);
        el.classList.add(`tone-${next}`);
        tone = next;
      }
    },
  };
}
