// The API against the real loop: a SiteController driving 10 emulated A1566HA units on 127.0.50.1 …, an operator
// acting through HTTP, and the emulated fleet (its physics, i.e. what a meter would see) moving in response.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/api/auth/passwords.js";
import { type Api, buildApi, controllerRuntime, TickRecorder } from "../../src/api/index.js";
import { DEFAULT_POLICY } from "../../src/core/default-policy.js";
import type { SitePolicy } from "../../src/domain/policy.js";
import { A1566HA } from "../../src/drivers/miners/avalon/models.js";
import { CgminerScheduler } from "../../src/drivers/protocols/cgminer/scheduler.js";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { SiteController } from "../../src/runtime/controller.js";
import { connectFleet } from "../../src/runtime/fleet/operations.js";
import { expandTargets } from "../../src/runtime/fleet/targets.js";
import { SignalHub } from "../../src/runtime/signal-hub.js";
import { type ControlDriver, UnitTracker } from "../../src/runtime/unit-tracker.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { cookieOf } from "./api-harness.js";

const BASE = "127.0.50.1";
const UNITS = 10;
const STANDBY_W = A1566HA.standbyPowerW;
const policy: SitePolicy = {
  ...DEFAULT_POLICY,
  mode: "green-only",
  importLimitW: 200_000,
  floorW: 0,
  coolingCapacity: [],
  auxiliary: { ...DEFAULT_POLICY.auxiliary, defaultW: 0 },
  dwell: { minOnS: 0, minOffS: 0 },
  ramp: { upWPerS: 1_000_000, burstS: 5 },
};

let site: EmulatedSite;
let controller: SiteController;
let store: SqliteStore;
let api: Api;
let recorder: TickRecorder;
let cookie: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}
const phase = (i: number) => site.snapshot().units[i]?.phase;
const post = (url: string, body: unknown) =>
  api.app.inject({
    method: "POST",
    url,
    payload: body as object,
    headers: { cookie },
    remoteAddress: "127.0.0.1",
  });

beforeAll(async () => {
  site = await startEmulatedSite({
    units: UNITS,
    baseAddress: BASE,
    initial: "hashing",
    seed: 7,
    physics: { bootS: 1, rampS: 1, modeChangeS: 0.5, modeChangeCalibrationS: 1 },
  });
  const clock = site.clock;
  const connected = await connectFleet(expandTargets([`${BASE}-10`]), {
    scheduler: new CgminerScheduler({ maxInFlight: 32 }),
    clock,
    timeoutMs: 3000,
    concurrency: 32,
  });
  const trackers = connected.map((c) => {
    if (!c.driver || !c.identity) throw new Error(`unit ${c.endpoint.host} not found: ${c.error?.message}`);
    return new UnitTracker(c.driver as ControlDriver, c.identity, A1566HA);
  });
  const hub = new SignalHub({
    surplusW: (nowMs) => ({ ok: true, value: 150_000, atMs: nowMs }),
    meteredImportW: (nowMs) => ({ ok: true, value: site.totalWallPowerW(), atMs: nowMs }),
  });
  store = new SqliteStore(":memory:");
  const runtime = controllerRuntime({ siteName: "Emulated", clock, units: trackers, hub, config: {} });
  controller = new SiteController({
    units: trackers,
    signals: hub,
    policy,
    clock,
    store,
    intervalMs: 1000,
    commandDelayS: 1,
    onTick: (t) => runtime.bus.emit(t),
  });
  await store.users.create({
    username: "ops",
    role: "operator",
    passwordHash: await hashPassword("operator password"),
    createdAtMs: 0,
    disabledAtMs: null,
  });
  api = await buildApi({ runtime, store, processMetrics: false, log: () => {} });
  recorder = new TickRecorder(store, runtime, { unitSampleMs: 0 });
  recorder.start();
  const login = await api.app.inject({
    method: "POST",
    url: "/api/login",
    payload: { username: "ops", password: "operator password" },
  });
  cookie = cookieOf(login);
  controller.start();
  await until("all units hashing", () => site.snapshot().unitsByPhase.hashing === UNITS);
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  await recorder?.stop();
  await api?.close();
  await store?.close();
  await site?.stop();
});

describe("operator actions through the API move the emulated fleet", () => {
  it("sleep holds one unit asleep; wake gives it back and the loop restarts it", async () => {
    const id = `127.0.50.3:${site.units[2]?.port}`;
    const r = await post(`/api/units/${id}/sleep`, { durationS: 600, note: "pump check" });
    expect(r.statusCode).toBe(201);
    await until("unit 3 asleep", () => phase(2) === "sleeping");
    await sleep(3000);
    expect(phase(2)).toBe("sleeping");
    expect(site.snapshot().unitsByPhase.hashing).toBe(UNITS - 1);
    const w = await post(`/api/units/${id}/wake`, {});
    expect(w.statusCode).toBe(200);
    await until("unit 3 hashing again", () => phase(2) === "hashing");
  }, 60_000);

  it("a shed takes the site to its floor, and a release brings it back", async () => {
    const r = await post("/api/overrides", { kind: "shed", durationS: 600 });
    expect(r.statusCode).toBe(201);
    await until("the site at standby", () => site.totalWallPowerW() <= UNITS * STANDBY_W * 1.5);
    const decisions = await store.listDecisions({ limit: 50 });
    expect(
      decisions.some((d) =>
        d.reasons.some((x) => x.rule === "operator-override" && x.detail.includes("shed by ops")),
      ),
    ).toBe(true);
    expect((await post("/api/overrides", { kind: "release" })).statusCode).toBe(201);
    await until("every unit hashing again", () => site.snapshot().unitsByPhase.hashing === UNITS);
  }, 60_000);

  it("a mode command reaches the unit", async () => {
    const id = `127.0.50.5:${site.units[4]?.port}`;
    const before = site.unit(4).readings().workMode;
    const mode = before === 0 ? 1 : 0;
    const r = await post(`/api/units/${id}/mode`, { mode });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ acknowledged: true });
    await until(`unit 5 in mode ${mode}`, () => site.unit(4).readings().workMode === mode, 10_000);
    const audit = await store.audit.list({ action: "unit.mode" });
    expect(audit.at(-1)).toMatchObject({ actor: "ops", target: id, result: "ok", detail: { mode } });
  }, 30_000);

  it("serves live state and recorded telemetry from the real loop", async () => {
    const s = await api.app.inject({ method: "GET", url: "/api/site", headers: { cookie } });
    expect(s.json()).toMatchObject({ site: "Emulated", units: { total: UNITS } });
    expect((s.json() as { measuredPowerW: number }).measuredPowerW).toBeGreaterThan(0);
    const hist = await api.app.inject({
      method: "GET",
      url: "/api/history/site?resolution=raw",
      headers: { cookie },
    });
    expect((hist.json() as { points: unknown[] }).points.length).toBeGreaterThan(5);
  });
});
