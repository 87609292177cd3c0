import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controllerRuntime, TickRecorder } from "../../src/api/index.js";
import { configSchema } from "../../src/config/schema.js";
import { A1566HA } from "../../src/drivers/miners/avalon/models.js";
import { CgminerScheduler } from "../../src/drivers/protocols/cgminer/scheduler.js";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { type RunningSources, signalHubFromConfig } from "../../src/runtime/assemble.js";
import { SiteController, type TickReport } from "../../src/runtime/controller.js";
import {
  baselineFromStore,
  DEFAULT_DR_SETTINGS,
  performanceOfOpenAdrEvent,
} from "../../src/runtime/dr-performance.js";
import { COMPLIANCE_PAYLOAD, EventReporter, LATENCY_PAYLOAD } from "../../src/runtime/event-reporter.js";
import { connectFleet } from "../../src/runtime/fleet/operations.js";
import { expandTargets } from "../../src/runtime/fleet/targets.js";
import { policyFromConfig } from "../../src/runtime/policy-from-config.js";
import { type ControlDriver, UnitTracker } from "../../src/runtime/unit-tracker.js";
import { OpenAdr3BlClient } from "../../src/signals/openadr3/bl-client.js";
import { DEFAULT_CLIENTS } from "../../src/signals/openadr3/vtn/options.js";
import { startVtn, type VtnServer } from "../../src/signals/openadr3/vtn/server.js";
import { DEFAULT_RETENTION } from "../../src/store/retention.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

// A utility-side event, created through the VTN's API as a person would with curl, moves an emulated site that the
// VEN in the loop follows: 40 units hashing (~323 kW) capped to 100 kW.
const BASE = "127.0.44.1";
let site: EmulatedSite;
let vtn: VtnServer;
let running: RunningSources;
let controller: SiteController;
const ticks: TickReport[] = [];
let store: SqliteStore;
let recorder: TickRecorder;
let dataDir: string;
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/**
 * The history a baseline stands on: 300 kW around this time of day on each of the last ten days, and 320 kW in the
 * same-day adjustment window (4 h to 1 h before now), so High 4 of 5 with adjustment gives 320 kW.
 */
async function seedHistory(s: SqliteStore, nowMs: number): Promise<void> {
  const sample = (atMs: number, powerW: number) => ({
    atMs,
    targetPowerW: powerW,
    plannedPowerW: powerW,
    reportedPowerW: powerW,
    measuredPowerW: null,
    surplusW: null,
    priceJpyPerKwh: null,
    hashrateThs: 0,
    unitsHashing: 0,
  });
  const start = Math.floor(nowMs / MIN_MS) * MIN_MS;
  for (let back = 1; back <= 10; back++)
    for (let m = -300; m <= 60; m++)
      await s.telemetry.appendSite(sample(start - back * DAY_MS + m * MIN_MS, 300_000));
  for (let t = start - 300 * MIN_MS; t < start - 30 * MIN_MS; t += 30_000)
    await s.telemetry.appendSite(sample(t, 320_000));
  await s.telemetry.compact(nowMs, DEFAULT_RETENTION);
}

beforeAll(async () => {
  vtn = await startVtn({ version: "3.1.0", clients: DEFAULT_CLIENTS, host: "127.0.0.1", port: 0 });
  site = await startEmulatedSite({ units: 40, baseAddress: BASE, initial: "hashing", seed: 5 });
  const cfg = configSchema.parse({
    version: 1,
    site: { name: "dr test", importLimitW: 400_000 },
    fleet: { groups: [{ name: "a", targets: [`${BASE}-40`] }] },
    control: { policy: "economic", auxiliaryW: 0, marginJpyPerKwh: 0 },
    signals: {
      price: { source: "constant", priceJpyPerKwh: 5 },
      hashprice: { source: "constant", jpyPerThDay: 10 },
      openadr3: {
        version: "3.1.0",
        vtnUrl: vtn.url,
        venName: "site-under-test",
        clientId: "ven_client",
        clientSecret: "999",
        pollIntervalS: 0.5,
      },
    },
  });
  const scheduler = new CgminerScheduler({ maxInFlight: 64 });
  const connected = await connectFleet(expandTargets([`${BASE}-40`]), {
    scheduler,
    clock: site.clock,
    timeoutMs: 3000,
    concurrency: 64,
  });
  const trackers = connected.map(
    (c) => new UnitTracker(c.driver as ControlDriver, c.identity as never, A1566HA),
  );
  running = await signalHubFromConfig(cfg, site.clock);
  dataDir = mkdtempSync(join(tmpdir(), "gm-oadr-e2e-"));
  store = new SqliteStore(join(dataDir, "gridminer.sqlite"));
  await seedHistory(store, site.clock.nowMs());
  const reporter = new EventReporter({
    ven: running.ven as NonNullable<RunningSources["ven"]>,
    clientName: "site-under-test",
    baseline: (startMs, endMs) => baselineFromStore(store, DEFAULT_DR_SETTINGS, startMs, endMs),
    performance: (eventId, startMs) =>
      performanceOfOpenAdrEvent(store, DEFAULT_DR_SETTINGS, eventId, startMs, site.clock.nowMs()),
  });
  // Ticks and events reach the store as under `serve`, so the report can measure compliance and latency.
  const runtime = controllerRuntime({
    siteName: "dr test",
    clock: site.clock,
    units: trackers,
    hub: running.hub,
    config: {},
  });
  recorder = new TickRecorder(store, runtime);
  recorder.start();
  controller = new SiteController({
    units: trackers,
    signals: running.hub,
    policy: policyFromConfig(cfg),
    clock: site.clock,
    intervalMs: 1000,
    onTick: (t) => {
      ticks.push(t);
      reporter.onTick(t);
      runtime.bus.emit(t);
    },
  });
  controller.start();
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  await recorder?.stop();
  await running?.stop();
  await site?.stop();
  await vtn?.close();
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("an OpenADR 3 event moves the emulated site", () => {
  it("IMPORT_CAPACITY_LIMIT 100 kW brings 40 hashing units under 100 kW", async () => {
    const before = site.totalWallPowerW();
    expect(before).toBeGreaterThan(300_000);
    const bl = new OpenAdr3BlClient({
      version: "3.1.0",
      vtnUrl: vtn.url,
      credentials: { clientId: "bl_client", clientSecret: "1001" },
    });
    const program = await bl.createProgram({ programName: "site-dr" });
    if (!program.ok) throw new Error(program.error.message);
    const created = await bl.createEvent({
      programID: program.value.id,
      eventName: "cap-100kW",
      priority: 1,
      payloadDescriptors: [bl.descriptor("IMPORT_CAPACITY_LIMIT", "KW")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "PT1H" },
      intervals: [{ id: 0, payloads: [{ type: "IMPORT_CAPACITY_LIMIT", values: [100] }] }],
    });
    if (!created.ok) throw new Error(created.error.message);
    const deadline = Date.now() + 20_000;
    while (site.totalWallPowerW() > 100_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(site.totalWallPowerW()).toBeLessThanOrEqual(100_000);
    const capped = ticks.find((t) => t.decision.targetPowerW <= 100_000);
    const reason = capped?.decision.reasons.find(
      (r) => r.rule === "demand-response" || r.rule === "import-limit",
    );
    expect(reason?.detail).toMatch(/100,000 W/);
  }, 40_000);

  it("reports DEMAND, USAGE, a High 4 of 5 BASELINE, DELTA_USAGE and OPERATING_STATE once a short event has ended", async () => {
    const bl = new OpenAdr3BlClient({
      version: "3.1.0",
      vtnUrl: vtn.url,
      credentials: { clientId: "bl_client", clientSecret: "1001" },
    });
    const program = await bl.createProgram({ programName: "short-dr" });
    if (!program.ok) throw new Error(program.error.message);
    const created = await bl.createEvent({
      programID: program.value.id,
      eventName: "cap-8s",
      // Ahead of the first test's hour-long 100 kW cap (a lower number wins).
      priority: 0,
      payloadDescriptors: [bl.descriptor("IMPORT_CAPACITY_LIMIT", "KW")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "PT8S" },
      intervals: [{ id: 0, payloads: [{ type: "IMPORT_CAPACITY_LIMIT", values: [50] }] }],
    });
    if (!created.ok) throw new Error(created.error.message);
    const deadline = Date.now() + 20_000;
    let payloads: readonly { type: string; values: readonly unknown[] }[] = [];
    while (Date.now() < deadline) {
      const listed = await bl.listReports({ eventID: created.value.id });
      const first = listed.ok ? listed.value[0] : undefined;
      if (first) {
        payloads = first.resources?.[0]?.intervals?.[0]?.payloads ?? [];
        break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    const value = (type: string) => payloads.find((p) => p.type === type)?.values[0];
    expect(payloads.map((p) => p.type)).toEqual(
      expect.arrayContaining(["DEMAND", "USAGE", "BASELINE", "DELTA_USAGE", "OPERATING_STATE"]),
    );
    expect(value("BASELINE")).toBeCloseTo(320, 6);
    // 8 s of usage against 8 s at the 320 kW baseline.
    const usageKwh = value("USAGE") as number;
    expect(value("DELTA_USAGE")).toBeCloseTo(usageKwh - (320 * 8) / 3600, 6);
    expect(usageKwh).toBeLessThan((320 * 8) / 3600);
    // The site entered at most 100 kW (the first test's cap) against a 320 kW baseline and a 50 kW cap: at least
    // 220 of the 270 kW asked were delivered from the first second.
    expect(value(COMPLIANCE_PAYLOAD)).toBeGreaterThanOrEqual(81);
    expect(value(COMPLIANCE_PAYLOAD)).toBeLessThanOrEqual(100);
    expect(value(LATENCY_PAYLOAD)).toBeGreaterThanOrEqual(0);
    expect(value(LATENCY_PAYLOAD)).toBeLessThan(8);
  }, 40_000);
});
