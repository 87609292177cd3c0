// The logged-in app: what every view is handed, and the router that mounts one view at a time under the shell.
import { api } from "./api.js";
import { clear, Disposer } from "./dom.js";
import { setSiteTimeZone } from "./format.js";
import { onLangChange } from "./i18n/index.js";
import { createLive, type Live, TickFeed } from "./live.js";
import { buildShell, type Shell } from "./shell.js";
import type { Me, Override, SiteConfig, WorkMode } from "./types.js";
import { backtestView } from "./views/backtest.js";
import { decisionsView } from "./views/decisions.js";
import { eventsView } from "./views/events.js";
import { fleetView } from "./views/fleet.js";
import { overviewView } from "./views/overview.js";
import { planView } from "./views/plan.js";
import { unitView } from "./views/unit.js";

export interface App {
  me: Me;
  live: Live & { overrides: TickFeed<Override[]> };
  config: SiteConfig;
  /** The fleet model's work modes (break-even, power scales); empty until a unit has been read. */
  modes: WorkMode[];
  canOperate: boolean;
  navigate(path: string): void;
}

export type View = (app: App, params: Record<string, string>, d: Disposer) => HTMLElement;

export type NavKey = "overview" | "fleet" | "events" | "decisions" | "plan" | "backtest";

const ROUTES: readonly { pattern: RegExp; view: View; nav: NavKey; keys: string[] }[] = [
  { pattern: /^\/$/, view: overviewView, nav: "overview", keys: [] },
  { pattern: /^\/fleet$/, view: fleetView, nav: "fleet", keys: [] },
  { pattern: /^\/units\/([^/]+)$/, view: unitView, nav: "fleet", keys: ["id"] },
  { pattern: /^\/events$/, view: eventsView, nav: "events", keys: [] },
  { pattern: /^\/decisions$/, view: decisionsView, nav: "decisions", keys: [] },
  { pattern: /^\/plan$/, view: planView, nav: "plan", keys: [] },
  { pattern: /^\/backtest$/, view: backtestView, nav: "backtest", keys: [] },
];

function match(path: string): { view: View; nav: NavKey; params: Record<string, string> } {
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(m[i + 1] ?? "");
    });
    return { view: r.view, nav: r.nav, params };
  }
  return { view: overviewView, nav: "overview", params: {} };
}

async function loadModes(): Promise<WorkMode[]> {
  const fleet = await api.fleet();
  const first = fleet.units[0];
  return first ? (await api.unit(first.id)).modes : [];
}

/** Starts the app for a logged-in user; resolves to a stop function (logout). */
export async function startApp(root: HTMLElement, me: Me, onLogout: () => void): Promise<() => void> {
  const [config, modes] = await Promise.all([
    api.config().then(
      (c) => c.config,
      () => ({}) as SiteConfig,
    ),
    loadModes().catch(() => [] as WorkMode[]),
  ]);
  if (config.site?.timezone) setSiteTimeZone(config.site.timezone);
  const base = createLive();
  const live = {
    ...base,
    overrides: new TickFeed(
      base.site,
      async () => (await api.overrides(Date.now() - 3_600_000)).active,
      5_000,
    ),
  };
  const app: App = {
    me,
    live,
    config,
    modes,
    canOperate: me.role === "operator" || me.role === "admin",
    navigate: (path) => {
      if (path !== location.pathname) history.pushState(null, "", path);
      mount();
    },
  };

  let shell: Shell | undefined;
  let view = new Disposer();
  const mount = () => {
    view.dispose();
    view = new Disposer();
    const m = match(location.pathname);
    if (!shell) return;
    shell.setActive(m.nav);
    clear(shell.main);
    shell.main.appendChild(m.view(app, m.params, view));
    shell.main.focus({ preventScroll: true });
  };
  const build = () => {
    shell?.dispose();
    clear(root);
    shell = buildShell(app, onLogout);
    root.appendChild(shell.el);
    mount();
  };

  const onPop = () => mount();
  const onClick = (ev: MouseEvent) => {
    // In-app links change the view without a page load; modified clicks still open a new tab.
    const a = (ev.target as Element | null)?.closest?.("a[data-link]");
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    app.navigate(a.getAttribute("href") ?? "/");
  };
  window.addEventListener("popstate", onPop);
  document.addEventListener("click", onClick);
  const offLang = onLangChange(build);
  build();
  live.site.start();
  return () => {
    offLang();
    window.removeEventListener("popstate", onPop);
    document.removeEventListener("click", onClick);
    view.dispose();
    shell?.dispose();
    live.site.stop();
  };
}
