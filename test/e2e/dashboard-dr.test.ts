// The demand-response performance panel in Debian's Chromium: the API with the dashboard plugin over a SQLite store
// holding the recorded week of test/contracts/dr-scenario.ts, with the site's clock (and the browser's) an hour after
// the event. A viewer logs in through the login page, opens the events page and reads the hand-worked figures, the
// baseline method, the chart and the like days, then the same panel in Japanese.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/api/auth/passwords.js";
import { registerDashboard } from "../../src/api/dashboard/index.js";
import { type Api, buildApi } from "../../src/api/index.js";
import { fakeSite } from "../../src/api/testing.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { DR_EVENT, DR_EXPECTED, DR_NOW_MS, seedDrScenario } from "../contracts/dr-scenario.js";
import {
  buildDashboard,
  collectPageErrors,
  hasChromium,
  launchChromium,
  SKIP_REASON,
  screenshotPath,
} from "./dashboard-browser.js";

/** A loopback address of its own, so this suite may run beside the other browser tests. */
const HOST = "127.0.92.1";
const VIEWER = { username: "dr-viewer", password: "a long viewer password" };
const OTHER_EVENT = "tso:04-06";

let store: SqliteStore;
let api: Api;
let url: string;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let errors: string[];
let build: Awaited<ReturnType<typeof buildDashboard>>;

const row = (id: string) => page.locator(`[data-testid="dr-row"][data-event-id="${id}"]`);
const cell = (id: string, testId: string) => row(id).getByTestId(testId);

/** The little of a canvas this test reads (the test project has no DOM types). */
interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: "2d"): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/** Pixels of the chart's canvas drawn in a colour (r, g, b) give or take a little antialiasing. */
function pixelsOf(p: Page, rgb: readonly [number, number, number]): Promise<number> {
  return p
    .locator('[data-testid="dr-chart"] canvas')
    .first()
    .evaluate((el, c) => {
      const canvas = el as unknown as Canvas2d;
      const g = canvas.getContext("2d");
      if (!g || canvas.width === 0) return 0;
      const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          Math.abs((data[i] ?? 0) - c[0]) < 24 &&
          Math.abs((data[i + 1] ?? 0) - c[1]) < 24 &&
          Math.abs((data[i + 2] ?? 0) - c[2]) < 24
        )
          n++;
      return n;
    }, rgb);
}

/** The panel cut from the whole page: an element screenshot scrolls, and the sticky top bar would cover its head. */
async function shootPanel(name: string): Promise<void> {
  const shot = screenshotPath(name);
  if (!shot) return;
  await page.evaluate("window.scrollTo(0, 0)");
  const box = await page.getByTestId("dr-panel").boundingBox();
  if (box) await page.screenshot({ path: shot, fullPage: true, clip: box });
}

if (!hasChromium) console.warn(SKIP_REASON);

describe.skipIf(!hasChromium)("demand-response performance on the events page", () => {
  beforeAll(async () => {
    build = await buildDashboard();
    store = new SqliteStore(":memory:");
    await seedDrScenario(store);
    // An administrator exists, so the page offers the login form rather than the first-run setup.
    await store.users.create({
      username: "dr-admin",
      role: "admin",
      passwordHash: await hashPassword("another long password"),
      createdAtMs: 0,
      disabledAtMs: null,
    });
    await store.users.create({
      username: VIEWER.username,
      role: "viewer",
      passwordHash: await hashPassword(VIEWER.password),
      createdAtMs: 0,
      disabledAtMs: null,
    });
    const site = fakeSite({ startMs: DR_NOW_MS, siteName: "DR test site" });
    api = await buildApi({ runtime: site, store, processMetrics: false, log: () => {} });
    await registerDashboard(api.app, { distDir: build.dir });
    url = await api.listen(HOST, 0);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: "en-GB" });
    // The rest of the events page asks for the 24 hours around the browser's now, which must be the site's.
    await ctx.clock.setFixedTime(DR_NOW_MS);
    page = await ctx.newPage();
    errors = collectPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await store?.close();
    await build?.remove();
  });

  it("lists the event with its compliance, latency and baseline method for a viewer", async () => {
    await page.goto(`${url}/events`);
    await page.getByTestId("login-username").fill(VIEWER.username);
    await page.getByTestId("login-password").fill(VIEWER.password);
    await page.getByTestId("login-submit").click();
    expect(await page.getByTestId("role").textContent()).toBe("Viewer");
    await row(DR_EVENT.id).waitFor();
    // Newest first; the other day's event is listed too.
    expect(await page.getByTestId("dr-row").evaluateAll((rs) => rs.map((r) => r.dataset.eventId))).toEqual([
      DR_EVENT.id,
      OTHER_EVENT,
    ]);
    expect(DR_EXPECTED.compliancePct.toFixed(1)).toBe("96.9");
    expect(await cell(DR_EVENT.id, "dr-compliance").textContent()).toBe("96.9 %");
    expect(await cell(DR_EVENT.id, "dr-response").textContent()).toBe("10 s");
    expect(await cell(DR_EVENT.id, "dr-decision").textContent()).toBe("0 s");
    expect(await cell(DR_EVENT.id, "dr-method").textContent()).toBe(
      "High 4 of 5, +500 kW same-day adjustment",
    );
    expect(await cell(DR_EVENT.id, "dr-cap").textContent()).toBe("1,200");
    expect(await cell(DR_EVENT.id, "dr-baseline").textContent()).toBe("3,625");
    expect(await cell(DR_EVENT.id, "dr-requested-kwh").textContent()).toBe("4,850");
    expect(await cell(DR_EVENT.id, "dr-cap-held").textContent()).toBe(
      `${DR_EXPECTED.capHeldPct.toFixed(1)} %`,
    );
    expect(await cell(DR_EVENT.id, "dr-status").textContent()).toBe("Complete");
    expect(await row(DR_EVENT.id).textContent()).toContain("vtn program dr event cap-1200");
  }, 60_000);

  it("opens the event's chart and like days, and links its JSON", async () => {
    await row(DR_EVENT.id).click();
    const detail = page.locator(`[data-testid="dr-detail"][data-event-id="${DR_EVENT.id}"]`);
    await detail.waitFor();
    await page.locator('[data-testid="dr-chart"] canvas').first().waitFor();
    // Baseline (sky blue) and actual (green) lines were drawn, not just the axes.
    await expect.poll(() => pixelsOf(page, [0x38, 0xbd, 0xf8]), { timeout: 5_000 }).toBeGreaterThan(100);
    await expect.poll(() => pixelsOf(page, [0x2f, 0xbf, 0x71]), { timeout: 5_000 }).toBeGreaterThan(100);
    expect(await page.locator('[data-testid="dr-chart"] .u-legend').textContent()).toContain(
      "Baseline (unadjusted)",
    );
    expect(await page.getByTestId("dr-slot").count()).toBe(4);
    const days = await page.getByTestId("dr-day").allTextContents();
    expect(days.filter((d) => d.endsWith("Used")).map((d) => d.slice(0, 10))).toEqual(DR_EXPECTED.usedDates);
    expect(days.find((d) => d.startsWith("2023-04-06"))).toContain("Excluded: an event that day");
    expect(days.find((d) => d.startsWith("2023-04-05"))).toContain("Excluded: not among the highest 4");
    const href = await page.getByTestId("dr-json").getAttribute("href");
    expect(href).toBe(`/api/reports/demand-response/${encodeURIComponent(DR_EVENT.id)}`);
    const json = await page.evaluate(async (h) => {
      const r = await fetch(h ?? "");
      return (await r.json()) as { eventId: string; compliancePct: number };
    }, href);
    expect(json.eventId).toBe(DR_EVENT.id);
    expect(json.compliancePct).toBeCloseTo(DR_EXPECTED.compliancePct, 6);
    await shootPanel("dashboard-dr-en");
  }, 30_000);

  it("shows an event without a baseline with dashes and the reasons", async () => {
    await row(OTHER_EVENT).click();
    await page.locator(`[data-testid="dr-detail"][data-event-id="${OTHER_EVENT}"]`).waitFor();
    expect(await cell(OTHER_EVENT, "dr-compliance").textContent()).toBe("—");
    expect(await cell(OTHER_EVENT, "dr-response").textContent()).toBe("—");
    const method = await cell(OTHER_EVENT, "dr-method").textContent();
    expect(method).toMatch(/^No baseline/);
    expect(method).toContain("0 of 5 like days on record within 30 days");
    expect(method).toContain("no telemetry before the event");
    expect(await page.getByTestId("dr-detail").textContent()).toContain(
      "No baseline for this event, so no slot figures",
    );
    expect(await page.locator('[data-testid="dr-chart"]').count()).toBe(0);
    await row(DR_EVENT.id).click();
    await page.locator('[data-testid="dr-chart"] canvas').first().waitFor();
  }, 30_000);

  it("reads the panel in Japanese, with no page errors", async () => {
    await page.getByTestId("lang-ja").click();
    const panel = page.getByTestId("dr-panel");
    await row(DR_EVENT.id).waitFor();
    expect(await panel.locator("h2").textContent()).toBe("デマンドレスポンス実績");
    const heads = await panel.locator('[data-testid="dr-table"] th').allTextContents();
    expect(heads).toEqual(
      expect.arrayContaining(["達成率", "応答時間", "ベースライン平均 (kW)", "削減量 (kWh)"]),
    );
    expect(await cell(DR_EVENT.id, "dr-method").textContent()).toBe(
      "High 4 of 5（当日調整あり）、調整量 +500 kW",
    );
    expect(await cell(DR_EVENT.id, "dr-response").textContent()).toBe("10秒");
    expect(await cell(DR_EVENT.id, "dr-status").textContent()).toBe("完了");
    await page.locator('[data-testid="dr-chart"] canvas').first().waitFor();
    expect(await page.locator('[data-testid="dr-chart"] .u-legend').textContent()).toContain(
      "ベースライン(当日調整後)",
    );
    expect(await page.getByTestId("dr-detail").textContent()).toContain("当日調整");
    await shootPanel("dashboard-dr-ja");
    expect(errors).toEqual([]);
  }, 30_000);
});
