// The dashboard in Debian's Chromium against the real loop: 20 emulated A1566HA units on 127.0.70.1 …, a
// SiteController following a surplus the test moves, the HTTP API with the dashboard plugin, a SQLite store.
// An administrator is created through the setup page, logs in through the login page, watches live values, sheds the
// site through the override panel and its confirmation, and the emulated fleet's power drops; a viewer sees no
// controls and a write from the viewer's session is refused.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDashboard } from "../../src/api/dashboard/index.js";
import { type Api, buildApi, controllerRuntime, TickRecorder } from "../../src/api/index.js";
import { configSchema } from "../../src/config/schema.js";
import { A1566HA } from "../../src/drivers/miners/avalon/models.js";
import { CgminerScheduler } from "../../src/drivers/protocols/cgminer/scheduler.js";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { SiteController } from "../../src/runtime/controller.js";
import { connectFleet } from "../../src/runtime/fleet/operations.js";
import { expandTargets } from "../../src/runtime/fleet/targets.js";
import { policyFromConfig } from "../../src/runtime/policy-from-config.js";
import { SignalHub } from "../../src/runtime/signal-hub.js";
import { type ControlDriver, UnitTracker } from "../../src/runtime/unit-tracker.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import {
  buildDashboard,
  collectPageErrors,
  hasChromium,
  launchChromium,
  SKIP_REASON,
  screenshotPath,
} from "./dashboard-browser.js";

const BASE = "127.0.70.1";
const UNITS = 20;
const ADMIN = { username: "ops-admin", password: "a long admin password" };
const VIEWER = { username: "ops-viewer", password: "a long viewer password" };

/** The shape `gridminer backtest --out` writes to summary.json, cut to what the page reads. */
const BACKTEST_SUMMARY = {
  market: "jepx-kyushu",
  currency: "JPY",
  firstDay: "2023-04-08",
  lastDay: "2023-04-09",
  slots: 96,
  slotMinutes: 30,
  site: { name: "reference site", model: "A1566HA", units: 558, policyMode: "green-and-economic" },
  surplusAvailableMwh: 64.1,
  strategies: {
    alwaysOn: {
      energyMwh: 215.6,
      surplusAbsorbedMwh: 64,
      btc: 1.37,
      revenue: 5087602,
      energyCost: 2286415,
      profit: 2801186,
    },
    gridminer: {
      energyMwh: 201.8,
      surplusAbsorbedMwh: 64,
      btc: 1.32,
      revenue: 4891239,
      energyCost: 2022410,
      profit: 2868830,
    },
    hindsight: {
      energyMwh: 203.6,
      surplusAbsorbedMwh: 64.1,
      btc: 1.33,
      revenue: 4924634,
      energyCost: 2048714,
      profit: 2875920,
    },
  },
  regretPct: 0.2465,
  notes: [],
};

let surplusW = 200_000;
let site: EmulatedSite;
let store: SqliteStore;
let controller: SiteController;
let recorder: TickRecorder;
let api: Api;
let url: string;
let browser: Browser;
let build: Awaited<ReturnType<typeof buildDashboard>>;

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function logIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByTestId("login-username").fill(who.username);
  await page.getByTestId("login-password").fill(who.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("role").waitFor();
}

if (!hasChromium) console.warn(SKIP_REASON);

describe.skipIf(!hasChromium)("dashboard against the emulated site", () => {
  let admin: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    build = await buildDashboard();
    // Calibration after a mode change takes seconds here instead of minutes, so the test need not wait for it.
    site = await startEmulatedSite({
      units: UNITS,
      baseAddress: BASE,
      initial: "hashing",
      seed: 11,
      physics: { modeChangeCalibrationS: 3, bootS: 5, rampS: 10 },
    });
    const cfg = configSchema.parse({
      version: 1,
      site: { name: "Dashboard test site", importLimitW: 400_000, timezone: "Asia/Tokyo" },
      fleet: { groups: [{ name: "row-a", targets: [`${BASE}-${UNITS}`] }] },
      control: {
        policy: "green-only",
        intervalS: 1,
        auxiliaryW: 0,
        minOnS: 0,
        minOffS: 0,
        maxWakesPerTick: 20,
      },
    });
    const connected = await connectFleet(expandTargets([`${BASE}-${UNITS}`]), {
      scheduler: new CgminerScheduler({ maxInFlight: 64 }),
      clock: site.clock,
      timeoutMs: 3000,
      concurrency: 64,
    });
    const trackers = connected.map((c) => {
      if (!c.driver || !c.identity) throw new Error(`${c.endpoint.host}: ${c.error?.message}`);
      return new UnitTracker(c.driver as ControlDriver, c.identity as never, A1566HA);
    });
    const hub = new SignalHub({
      surplusW: (nowMs) => ({ ok: true, value: surplusW, atMs: nowMs }),
      energyPriceJpyPerKwh: (nowMs) => ({ ok: true, value: 9.5, atMs: nowMs }),
      hashpriceJpyPerThsDay: (nowMs) => ({ ok: true, value: 7, atMs: nowMs }),
      meteredImportW: (nowMs) => ({ ok: true, value: site.totalWallPowerW(), atMs: nowMs }),
    });
    store = new SqliteStore(":memory:");
    const runtime = controllerRuntime({
      siteName: cfg.site.name,
      // Whole milliseconds, as the system clock gives: override ids are built from the time.
      clock: { nowMs: () => Math.floor(site.clock.nowMs()) },
      units: trackers,
      hub,
      config: cfg,
    });
    controller = new SiteController({
      units: trackers,
      signals: hub,
      policy: policyFromConfig(cfg),
      clock: site.clock,
      store,
      intervalMs: 1000,
      commandDelayS: 1,
      onTick: (t) => runtime.bus.emit(t),
    });
    api = await buildApi({ runtime, store, processMetrics: false, log: () => {} });
    await registerDashboard(api.app, { distDir: build.dir });
    url = await api.listen("127.0.0.1", 0);
    recorder = new TickRecorder(store, runtime, { unitSampleMs: 2000 });
    recorder.start();
    controller.start();
    // An announced import limit far above the site: it shows on the timeline without moving anything.
    const nowMs = site.clock.nowMs();
    hub.addEvent({
      id: "kyuden-1",
      kind: "import-limit",
      limitW: 1_000_000,
      startMs: nowMs + 3_600_000,
      endMs: nowMs + 7_200_000,
      source: "kyuden",
    });
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: "en-GB" });
    page = await admin.newPage();
    errors = collectPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await controller?.stop();
    await recorder?.stop();
    await api?.close();
    await store?.close();
    await site?.stop();
    await build?.remove();
  });

  it("creates the first administrator through the setup page, then logs in through the login page", async () => {
    await page.goto(`${url}/`);
    await page.getByTestId("setup-token").fill(api.setupToken ?? "");
    await logIn(page, ADMIN);
    expect(await page.getByTestId("role").textContent()).toBe("Admin");
    // The administrator creates a viewer through the API, with the session the page holds.
    const created = await page.evaluate(async (v) => {
      const r = await fetch("/api/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...v, role: "viewer" }),
      });
      return r.status;
    }, VIEWER);
    expect(created).toBe(201);
    await page.getByTestId("logout").click();
    await logIn(page, ADMIN);
    expect(await page.getByTestId("site-name").textContent()).toBe("Dashboard test site");
  }, 30_000);

  it("shows live values that change with every tick from the stream", async () => {
    const powerText = page.getByTestId("kpi-power-value");
    await until("a site power figure", async () => /\d/.test((await powerText.textContent()) ?? ""), 15_000);
    await until(
      "units hashing on the map",
      async () => Number(await page.getByTestId("fleet-count-hashing").textContent()) > 0,
      20_000,
    );
    const before = await powerText.textContent();
    const tickBefore = await page.getByTestId("last-tick").textContent();
    await until(
      "a newer tick",
      async () => (await page.getByTestId("last-tick").textContent()) !== tickBefore,
      10_000,
    );
    surplusW = 100_000;
    await until(
      "the surplus figure to follow",
      async () => (await page.getByTestId("kpi-surplus-value").textContent()) === "100",
      10_000,
    );
    await until(
      "site power to follow the lower surplus",
      async () => (await powerText.textContent()) !== before,
      30_000,
    );
    expect(await page.getByTestId("kpi-price-value").textContent()).toBe("9.50");
    expect(await page.getByTestId("kpi-break-even-value").textContent()).toMatch(/^\d+\.\d\d$/);
    expect(await page.getByTestId("link-status").textContent()).toBe("Live");
    const shot = screenshotPath("dashboard-overview-en");
    if (shot) await page.screenshot({ path: shot, fullPage: true });
  }, 60_000);

  it("sheds the site through the override panel after a confirmation, and the emulated fleet's power drops", async () => {
    const beforeW = site.totalWallPowerW();
    expect(beforeW).toBeGreaterThan(50_000);
    await page.getByTestId("override-kind-shed").click();
    await page.getByTestId("override-duration").selectOption("900");
    await page.getByTestId("override-note").fill("e2e: shed for maintenance");
    await page.getByTestId("override-apply").click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Shed to floor.*until/s);
    // Cancelling sends nothing.
    await page.getByTestId("confirm-cancel").click();
    await dialog.waitFor({ state: "detached" });
    expect((await api.overrides.active()).length).toBe(0);
    await page.getByTestId("override-apply").click();
    await page.getByTestId("confirm-ok").click();
    await page.getByTestId("toast-ok").waitFor();
    const active = await api.overrides.active();
    expect(active.map((a) => a.override.kind)).toEqual(["shed"]);
    const o = active[0]?.override;
    expect((o?.expiresAtMs ?? 0) - (o?.issuedAtMs ?? 0)).toBe(900_000);
    expect(o?.by).toBe(ADMIN.username);
    await page.getByTestId("override-shed").waitFor();
    await until("the emulated fleet to shed", () => site.totalWallPowerW() < beforeW * 0.1, 45_000);
    await until(
      "the map to show every unit asleep",
      async () => (await page.getByTestId("fleet-count-sleeping").textContent()) === "20",
      20_000,
    );
    const shot = screenshotPath("dashboard-shed-en");
    if (shot) await page.screenshot({ path: shot, fullPage: true });
  }, 90_000);

  it("shows the override in Japanese, lifts it after a confirmation, and lists events and decisions", async () => {
    await page.getByTestId("lang-ja").click();
    expect(await page.getByTestId("nav-overview").textContent()).toBe("概要");
    expect(await page.locator('[data-testid="kpi-power"] .kpi-label').textContent()).toBe("サイト電力");
    expect(await page.getByTestId("override-shed").textContent()).toContain("負荷抑制");
    const shot = screenshotPath("dashboard-overview-ja");
    if (shot) await page.screenshot({ path: shot, fullPage: true });
    await page.getByTestId("override-lift").click();
    await page.getByTestId("confirm-ok").click();
    await until("the override to be lifted", async () => (await api.overrides.active()).length === 0, 10_000);
    await page.getByTestId("lang-en").click();
    await page.getByTestId("nav-events").click();
    await page.getByTestId("event-row").first().waitFor();
    expect(await page.getByTestId("event-row").first().textContent()).toContain("kyuden");
    expect(await page.locator('[data-testid="timeline"] .kind-shed').count()).toBeGreaterThan(0);
    await page.getByTestId("nav-decisions").click();
    await page.getByTestId("decision-row").first().waitFor();
    await page.getByTestId("nav-backtest").click();
    await page.getByTestId("backtest-file").setInputFiles({
      name: "summary.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(BACKTEST_SUMMARY)),
    });
    expect(await page.getByTestId("backtest-gridminer").textContent()).toContain("gridminer policy");
    expect(await page.getByTestId("backtest-report").textContent()).toContain("0.25 %");
    await page.goto(`${url}/units/${encodeURIComponent(`${BASE}:4028`)}`);
    await until(
      "the unit page",
      async () => ((await page.getByTestId("unit-state").textContent()) ?? "") !== "",
      10_000,
    );
    expect(await page.getByTestId("unit-sleep").count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("gives a viewer no controls, and refuses a write from the viewer's session", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "en-GB" });
    const viewer = await ctx.newPage();
    const viewerErrors = collectPageErrors(viewer);
    await viewer.goto(`${url}/`);
    await logIn(viewer, VIEWER);
    expect(await viewer.getByTestId("role").textContent()).toBe("Viewer");
    await viewer.getByTestId("override-panel").waitFor();
    expect(await viewer.getByTestId("override-apply").count()).toBe(0);
    expect(await viewer.getByTestId("override-kind-shed").count()).toBe(0);
    expect(await viewer.getByTestId("override-panel").textContent()).toContain(
      "may view the site but not change it",
    );
    const status = await viewer.evaluate(async () => {
      const r = await fetch("/api/overrides", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "shed", durationS: 60 }),
      });
      return r.status;
    });
    expect(status).toBe(403);
    expect((await api.overrides.active()).length).toBe(0);
    await viewer.goto(`${url}/units/${encodeURIComponent(`${BASE}:4028`)}`);
    await until(
      "the unit page",
      async () => ((await viewer.getByTestId("unit-state").textContent()) ?? "") !== "",
      10_000,
    );
    expect(await viewer.getByTestId("unit-sleep").count()).toBe(0);
    expect(viewerErrors).toEqual([]);
    await ctx.close();
  }, 40_000);
});
