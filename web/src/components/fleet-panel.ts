// The fleet map with its colour switch and legend, fed from the fleet feed (refreshed after ticks). The full page
// adds the warmest units and those reporting errors.
import type { App } from "../app.js";
import { clear, type Disposer, h } from "../dom.js";
import { temperature, unitPower } from "../format.js";
import { t, tMaybe } from "../i18n/index.js";
import type { UnitSummary } from "../types.js";
import { fleetLegend } from "./fleet-colors.js";
import { type ColorBy, fleetMap } from "./fleet-map.js";

const COLOR_BY: readonly ColorBy[] = ["state", "power", "coolant"];
const LIST_LENGTH = 8;

export function fleetPanel(app: App, d: Disposer, o: { cellPx: number; compact: boolean }): HTMLElement {
  const maxUnitPowerW = () => Math.max(1, ...app.modes.map((m) => m.powerW));
  const map = fleetMap({
    cellPx: o.cellPx,
    maxUnitPowerW,
    onOpen: (id) => app.navigate(`/units/${encodeURIComponent(id)}`),
  });
  d.add(() => map.destroy());
  const legend = fleetLegend(maxUnitPowerW);
  legend.show("state");
  const buttons = COLOR_BY.map((by) =>
    h("button", {
      type: "button",
      class: `seg${by === "state" ? " on" : ""}`,
      "aria-pressed": String(by === "state"),
      "data-testid": `fleet-by-${by}`,
      text: t(`fleet.by.${by}`),
      onclick: () => {
        for (const [i, b] of buttons.entries()) {
          b.classList.toggle("on", COLOR_BY[i] === by);
          b.setAttribute("aria-pressed", String(COLOR_BY[i] === by));
        }
        map.setColorBy(by);
        legend.show(by);
      },
    }),
  );
  const warm = h("ol", { class: "unit-list", "data-testid": "fleet-warmest" });
  const errors = h("ul", { class: "unit-list", "data-testid": "fleet-errors" });
  const extras = o.compact
    ? null
    : h(
        "div",
        { class: "grid two" },
        h("div", {}, h("h3", { text: t("fleet.warmest") }), warm),
        h("div", {}, h("h3", { text: t("fleet.errors") }), errors),
      );
  const link = (u: UnitSummary, detail: string) =>
    h(
      "li",
      {},
      h("a", { href: `/units/${encodeURIComponent(u.id)}`, "data-link": true, text: u.id }),
      h("span", { class: "muted", text: detail }),
    );

  const onFleet = (units: readonly UnitSummary[]) => {
    map.update(units);
    legend.update(units);
    if (!extras) return;
    clear(warm);
    const byCoolant = units
      .filter((u) => u.coolantOutletC !== null)
      .sort((a, b) => (b.coolantOutletC ?? 0) - (a.coolantOutletC ?? 0))
      .slice(0, LIST_LENGTH);
    for (const u of byCoolant)
      warm.appendChild(
        link(u, `${temperature(u.coolantOutletC)} · ${unitPower(u.powerW)} · ${tMaybe("state", u.state)}`),
      );
    clear(errors);
    const failing = units.filter((u) => u.lastError || u.state === "fault" || u.state === "unreachable");
    if (failing.length === 0) errors.appendChild(h("li", { class: "muted", text: t("fleet.noErrors") }));
    for (const u of failing.slice(0, LIST_LENGTH * 2))
      errors.appendChild(link(u, `${tMaybe("state", u.state)}${u.lastError ? ` · ${u.lastError}` : ""}`));
  };
  d.add(app.live.fleet.on((f) => onFleet(f.units)));

  return h(
    "section",
    { class: "panel fleet-panel", "data-testid": "fleet-panel" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", { text: t("fleet.title") }),
      h("div", { class: "segmented small", role: "group", "aria-label": t("fleet.colorBy") }, ...buttons),
    ),
    legend.el,
    map.el,
    h("p", { class: "hint", text: t("fleet.hint") }),
    extras,
  );
}
