// The dashboard as an operator's browser sees it: Debian's Chromium through playwright-core (which never downloads
// a browser). Load time of the overview with the whole fleet on the map, then what each live update costs the page.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { median, round } from "./api-stats.js";

export const CHROMIUM = "/usr/bin/chromium";

export interface DashboardResult {
  loadMs: number[];
  /** Tick events received over the live window. */
  updates: number;
  liveWindowS: number;
  /** Medians over the update cycles of the live window (one cycle: from one tick event to the next). */
  scriptMsPerUpdate: number;
  taskMsPerUpdate: number;
  bytesPerUpdate: number;
  sseMessageBytes: number;
  pageErrors: string[];
}

export type DashboardOutcome = { skipped: string } | DashboardResult;

/**
 * Runs in the page from its first script on: the moment (ms since navigation start) at which the fleet legend
 * counts every unit (the map is painted in the same update) and the site-power figure shows a number. Given as
 * text because this project is type-checked without the DOM's types, and installed as an init script because
 * the page's Content-Security-Policy forbids evaluating strings.
 */
const readinessProbe = (units: number) => `(() => {
  const check = () => {
    let n = 0;
    for (const el of document.querySelectorAll('[data-testid^="fleet-count-"]')) n += Number(el.textContent);
    const power = document.querySelector('[data-testid="kpi-power-value"]')?.textContent ?? "";
    if (n === ${units} && document.querySelector(".fleet-map[data-changed]") && /\\d/.test(power))
      window.__gridminerReadyMs = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context (empty cache, no cookies) logged in through the API, as the login form would. */
async function loggedIn(browser: Browser, url: string, username: string, password: string) {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const res = await ctx.request.post(`${url}/api/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`POST /api/login: ${res.status()} ${await res.text()}`);
  return ctx;
}

function collectErrors(page: Page, into: string[]): void {
  page.on("pageerror", (e) => into.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") into.push(`console: ${m.text()}`);
  });
}

async function openOverview(ctx: BrowserContext, units: number, errors: string[]) {
  const page = await ctx.newPage();
  collectErrors(page, errors);
  await page.addInitScript({ content: readinessProbe(units) });
  return page;
}

async function readyMs(page: Page, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = (await page.evaluate("window.__gridminerReadyMs ?? null")) as number | null;
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the overview did not show the fleet and site power within ${timeoutMs} ms`);
}

interface Boundary {
  atMs: number;
  scriptS: number;
  taskS: number;
}

async function measureLive(
  browser: Browser,
  url: string,
  o: { username: string; password: string; units: number; liveS: number },
  errors: string[],
) {
  const ctx = await loggedIn(browser, url, o.username, o.password);
  try {
    const page = await openOverview(ctx, o.units, errors);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Performance.enable");
    const streams = new Set<string>();
    const received: { atMs: number; bytes: number }[] = [];
    const sseSizes: number[] = [];
    const pending: Promise<Boundary>[] = [];
    let recording = false;
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.request.url.endsWith("/api/stream")) streams.add(e.requestId);
    });
    // The stream never finishes: its bytes are counted as they come; every other answer once it is complete.
    cdp.on("Network.dataReceived", (e) => {
      if (recording && streams.has(e.requestId))
        received.push({ atMs: Date.now(), bytes: e.encodedDataLength });
    });
    cdp.on("Network.loadingFinished", (e) => {
      if (recording && !streams.has(e.requestId))
        received.push({ atMs: Date.now(), bytes: e.encodedDataLength });
    });
    cdp.on("Network.eventSourceMessageReceived", (e) => {
      if (!recording || e.eventName !== "tick") return;
      const atMs = Date.now();
      sseSizes.push(Buffer.byteLength(e.data));
      pending.push(
        cdp.send("Performance.getMetrics").then(({ metrics }) => {
          const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
          return { atMs, scriptS: get("ScriptDuration"), taskS: get("TaskDuration") };
        }),
      );
    });
    await page.goto(`${url}/`, { waitUntil: "commit" });
    await readyMs(page);
    // The first seconds fetch history and settle the layout; they are the load, not the steady state.
    await page.waitForTimeout(2000);
    recording = true;
    await page.waitForTimeout(o.liveS * 1000);
    recording = false;
    const marks = await Promise.all(pending);
    const cycles: { scriptMs: number; taskMs: number; bytes: number }[] = [];
    for (let i = 1; i < marks.length; i++) {
      const a = marks[i - 1] as Boundary;
      const b = marks[i] as Boundary;
      cycles.push({
        scriptMs: (b.scriptS - a.scriptS) * 1000,
        taskMs: (b.taskS - a.taskS) * 1000,
        bytes: received.filter((r) => r.atMs >= a.atMs && r.atMs < b.atMs).reduce((s, r) => s + r.bytes, 0),
      });
    }
    return { updates: marks.length, cycles, sseSizes };
  } finally {
    await ctx.close();
  }
}

export async function measureDashboard(
  url: string,
  o: { username: string; password: string; units: number; loads: number; liveS: number },
  progress: (line: string) => void,
): Promise<DashboardOutcome> {
  if (!existsSync(CHROMIUM))
    return { skipped: `${CHROMIUM} is not installed (apt-get install chromium): no browser figures` };
  const browser = await launch();
  const errors: string[] = [];
  try {
    const loadMs: number[] = [];
    for (let i = 0; i < o.loads; i++) {
      const ctx = await loggedIn(browser, url, o.username, o.password);
      try {
        const page = await openOverview(ctx, o.units, errors);
        await page.goto(`${url}/`, { waitUntil: "commit" });
        loadMs.push(await readyMs(page));
        progress(`  load ${i + 1}: ${round(loadMs[loadMs.length - 1] as number)} ms`);
      } finally {
        await ctx.close();
      }
    }
    const live = await measureLive(browser, url, o, errors);
    const pick = (f: (c: (typeof live.cycles)[number]) => number) => round(median(live.cycles.map(f)), 2);
    return {
      loadMs,
      updates: live.updates,
      liveWindowS: o.liveS,
      scriptMsPerUpdate: pick((c) => c.scriptMs),
      taskMsPerUpdate: pick((c) => c.taskMs),
      bytesPerUpdate: Math.round(median(live.cycles.map((c) => c.bytes))),
      sseMessageBytes: Math.round(median(live.sseSizes)),
      pageErrors: errors,
    };
  } finally {
    await browser.close();
  }
}
