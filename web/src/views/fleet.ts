// All units: the map at full size, with the site's totals, the warmest units and those reporting errors.
import type { View } from "../app.js";
import { fleetPanel } from "../components/fleet-panel.js";
import { h, setText } from "../dom.js";
import { hashrate, power } from "../format.js";
import { t } from "../i18n/index.js";

export const fleetView: View = (app, _params, d) => {
  const totals = h("span", { class: "muted", "data-testid": "fleet-totals" });
  d.add(
    app.live.fleet.on((f) => {
      setText(totals, `${f.total} · ${power(f.powerW)} · ${hashrate(f.hashrateThs)}`);
    }),
  );
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", { text: t("nav.fleet") }), totals),
    fleetPanel(app, d, { cellPx: 24, compact: false }),
  );
};
