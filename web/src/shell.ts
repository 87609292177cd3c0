// The frame around every page: site name, navigation, the state of the live link, language, and who is logged in.
import { api } from "./api.js";
import type { App, NavKey } from "./app.js";
import { Disposer, h, setText } from "./dom.js";
import { clock, zoneName } from "./format.js";
import { LANGS, lang, setLang, t } from "./i18n/index.js";
import type { LinkStatus } from "./live.js";

export interface Shell {
  el: HTMLElement;
  main: HTMLElement;
  setActive(nav: NavKey): void;
  dispose(): void;
}

const NAV: readonly { key: NavKey; path: string }[] = [
  { key: "overview", path: "/" },
  { key: "fleet", path: "/fleet" },
  { key: "events", path: "/events" },
  { key: "decisions", path: "/decisions" },
  { key: "plan", path: "/plan" },
  { key: "backtest", path: "/backtest" },
];

/** A tick older than this many intervals means the loop has stalled even if the stream is open. */
const STALE_INTERVALS = 3;

export function buildShell(app: App, onLogout: () => void): Shell {
  const d = new Disposer();
  const links = new Map<NavKey, HTMLAnchorElement>();
  const nav = h("nav", { class: "nav", "aria-label": "main" });
  for (const n of NAV) {
    const a = h("a", {
      href: n.path,
      "data-link": true,
      "data-testid": `nav-${n.key}`,
      text: t(`nav.${n.key}`),
    });
    links.set(n.key, a);
    nav.appendChild(a);
  }

  const dot = h("i", { class: "dot" });
  const linkText = h("span", { "data-testid": "link-status" });
  const tickText = h("span", { class: "muted", "data-testid": "last-tick" });
  const link = h("div", { class: "link" }, dot, linkText, tickText);

  const langButtons = LANGS.map((l) =>
    h("button", {
      type: "button",
      class: `seg${l === lang() ? " on" : ""}`,
      "aria-pressed": String(l === lang()),
      "data-testid": `lang-${l}`,
      text: l === "ja" ? "日本語" : "EN",
      onclick: () => setLang(l),
    }),
  );

  const logout = h("button", {
    type: "button",
    class: "btn small ghost",
    "data-testid": "logout",
    text: t("user.logout"),
    onclick: () => {
      api.logout().finally(onLogout);
    },
  });

  const siteName = h("span", {
    class: "site-name",
    "data-testid": "site-name",
    text: app.config.site?.name ?? "",
  });
  const header = h(
    "header",
    { class: "topbar" },
    h(
      "div",
      { class: "brand" },
      h("span", { class: "logo", "aria-hidden": "true" }),
      h("b", { text: "gridminer" }),
      h("span", { class: "muted", text: t("app.subtitle") }),
      siteName,
    ),
    nav,
    h(
      "div",
      { class: "topbar-right" },
      link,
      h("div", { class: "segmented small", role: "group", "aria-label": t("lang.label") }, ...langButtons),
      h(
        "span",
        { class: "user", "data-testid": "user" },
        app.me.username,
        h("span", {
          class: `badge role-${app.me.role}`,
          "data-testid": "role",
          text: t(`role.${app.me.role}`),
        }),
      ),
      logout,
    ),
  );
  const main = h("main", { class: "main", tabindex: -1 });
  const el = h("div", { class: "shell" }, header, main);

  let status: LinkStatus = "connecting";
  let lastAtMs: number | null = null;
  const intervalMs = (app.config.control?.intervalS ?? 5) * 1000;
  const paint = () => {
    const ageS = lastAtMs === null ? null : (Date.now() - lastAtMs) / 1000;
    const stale = status === "live" && ageS !== null && ageS * 1000 > STALE_INTERVALS * intervalMs + 5000;
    const cls = status === "live" ? (stale ? "warn" : "ok") : status === "lost" ? "bad" : "warn";
    dot.className = `dot ${cls}`;
    setText(
      linkText,
      stale
        ? t("live.stale", { s: Math.round(ageS ?? 0) })
        : t(`live.${status === "live" ? "connected" : status}`),
    );
    setText(
      tickText,
      lastAtMs === null ? "" : `${t("live.lastTick", { time: clock(lastAtMs) })} ${zoneName()}`,
    );
  };
  d.add(
    app.live.site.status.on((s) => {
      status = s;
      paint();
    }),
  );
  d.add(
    app.live.site.site.on((s) => {
      lastAtMs = s.atMs;
      if (s.site && !siteName.textContent) setText(siteName, s.site);
      paint();
    }),
  );
  d.every(1000, paint);

  return {
    el,
    main,
    setActive(key) {
      for (const [k, a] of links) {
        a.classList.toggle("active", k === key);
        if (k === key) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
    },
    dispose: () => d.dispose(),
  };
}
