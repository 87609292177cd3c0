import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../src/core/default-policy.js";
import type { SitePolicy } from "../../src/domain/policy.js";
import { A1566HA } from "../../src/drivers/miners/avalon/models.js";
import { CgminerScheduler } from "../../src/drivers/protocols/cgminer/scheduler.js";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { SiteController, type TickReport } from "../../src/runtime/controller.js";
import { connectFleet } from "../../src/runtime/fleet/operations.js";
import { expandTargets } from "../../src/runtime/fleet/targets.js";
import { SignalHub } from "../../src/runtime/signal-hub.js";
import { type ControlDriver, UnitTracker } from "../../src/runtime/unit-tracker.js";

// The whole loop against the emulated 4.5 MW reference site at real speed: 558 units on 127.0.40.1 …, a scripted
// surplus, and a shed event. Powers are read from the emulator's physics, i.e. what a site meter would see.
const UNITS = 558;
const BASE = "127.0.40.1";
const LARGEST_STEP_W = Math.max(...A1566HA.modes.map((m) => m.powerW));

let site: EmulatedSite;
let controller: SiteController;
let drivers: { driver: ControlDriver; identity: never }[] = [];
let hub: SignalHub;
let surplusW = 2_500_000;
const ticks: TickReport[] = [];

const policy: SitePolicy = {
  ...DEFAULT_POLICY,
  mode: "green-only",
  importLimitW: 4_600_000,
  floorW: 0,
  coolingCapacity: [],
  auxiliary: { ...DEFAULT_POLICY.auxiliary, defaultW: 0 },
  maxWakesPerTick: 60,
};

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function settled(maxMs: number): Promise<TickReport> {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  let seen = ticks.length;
  while (Date.now() < deadline) {
    await sleep(200);
    for (; seen < ticks.length; seen++) {
      const t = ticks[seen] as TickReport;
      const pending = t.snapshot.units.some((u) => u.pending !== undefined);
      quiet = t.results.length === 0 && !pending ? quiet + 1 : 0;
    }
    if (quiet >= 3) return ticks[ticks.length - 1] as TickReport;
  }
  throw new Error(`no steady state within ${maxMs} ms`);
}

beforeAll(async () => {
  site = await startEmulatedSite({ units: UNITS, baseAddress: BASE, initial: "hashing", seed: 3 });
  const clock = site.clock;
  const scheduler = new CgminerScheduler({ maxInFlight: 256 });
  const endpoints = expandTargets([`${BASE}-127.0.42.46`]);
  expect(endpoints).toHaveLength(UNITS);
  const connected = await connectFleet(endpoints, { scheduler, clock, timeoutMs: 3000, concurrency: 256 });
  drivers = connected.map((c) => {
    if (!c.driver || !c.identity) throw new Error(`unit ${c.endpoint.host} not found: ${c.error?.message}`);
    return { driver: c.driver as ControlDriver, identity: c.identity as never };
  });
  const trackers = drivers.map((d) => new UnitTracker(d.driver, d.identity, A1566HA));
  hub = new SignalHub({
    surplusW: (nowMs) => ({ ok: true, value: surplusW, atMs: nowMs }),
    meteredImportW: (nowMs) => ({ ok: true, value: site.totalWallPowerW(), atMs: nowMs }),
  });
  controller = new SiteController({
    units: trackers,
    signals: hub,
    policy,
    clock,
    intervalMs: 2000,
    commandDelayS: 1,
    onTick: (t) => ticks.push(t),
  });
  controller.start();
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  await site?.stop();
});

describe("gridminer run loop against the emulated reference site", () => {
  it("starts at full power and settles within one unit's step of a 2.5 MW surplus", async () => {
    expect(ticks.length === 0 || ticks[0]?.snapshot.units.length === UNITS).toBe(true);
    const t = await settled(90_000);
    expect(t.decision.targetPowerW).toBe(2_500_000);
    const measuredW = site.totalWallPowerW();
    expect(Math.abs(measuredW - t.decision.targetPowerW)).toBeLessThanOrEqual(LARGEST_STEP_W);
    expect(measuredW).toBeLessThanOrEqual(2_500_000 + policy.deadbandW);
  }, 120_000);

  it("keeps the site still while inputs stay constant", async () => {
    const before = ticks.length;
    await sleep(8000);
    const later = ticks.slice(before);
    expect(later.length).toBeGreaterThanOrEqual(3);
    expect(later.every((t) => t.results.length === 0)).toBe(true);
  }, 20_000);

  it("a shed to 1 MW brings the site under the limit within 10 s of the event", async () => {
    const startMs = site.clock.nowMs();
    hub.addEvent({
      id: "shed-1",
      kind: "import-limit",
      limitW: 1_000_000,
      startMs,
      endMs: startMs + 3_600_000,
    });
    let underAtMs: number | undefined;
    while (site.clock.nowMs() - startMs < 20_000) {
      if (site.totalWallPowerW() <= 1_000_000) {
        underAtMs = site.clock.nowMs();
        break;
      }
      await sleep(100);
    }
    expect(underAtMs).toBeDefined();
    expect((underAtMs as number) - startMs).toBeLessThanOrEqual(10_000);
    const shedTick = ticks.find((t) => t.urgent?.includes("shed-1"));
    expect(shedTick?.decision.targetPowerW).toBeLessThanOrEqual(1_000_000);
  }, 30_000);

  it("after a restart it reconciles with the units' state and never wakes more than the stagger allows", async () => {
    await controller.stop();
    hub.removeEvent("shed-1");
    surplusW = 4_400_000;
    const asleep = site.snapshot().unitsByPhase.sleeping;
    expect(asleep).toBeGreaterThan(400);
    // A new controller knows nothing: its first tick reads every unit and plans from what they report.
    const fresh = new SiteController({
      units: drivers.map((d) => new UnitTracker(d.driver, d.identity, A1566HA)),
      signals: hub,
      policy,
      clock: site.clock,
      intervalMs: 2000,
      commandDelayS: 1,
    });
    const first = await fresh.tick("restart");
    expect(first.snapshot.units.filter((u) => u.state === "sleeping")).toHaveLength(asleep);
    const wakes = first.results.filter((r) => r.action === "wake").length;
    expect(wakes).toBeGreaterThan(0);
    expect(wakes).toBeLessThanOrEqual(policy.maxWakesPerTick);
    expect(first.results.filter((r) => r.action === "sleep")).toHaveLength(0);
  }, 30_000);
});
