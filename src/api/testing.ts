// A small in-process SiteRuntime for API tests: a real SignalHub, units whose state the test sets, and ticks the
// test emits. Nothing here talks to a miner.
import type { Clock } from "../domain/clock.js";
import type { CommandOutcome } from "../domain/driver.js";
import type { MinerState, MinerStatus } from "../domain/miner.js";
import { A1566HA } from "../drivers/miners/avalon/models.js";
import type { TickReport } from "../runtime/controller.js";
import { constantReading, SignalHub } from "../runtime/signal-hub.js";
import { TickBus } from "./runtime/tick-bus.js";
import type { SiteRuntime, UnitView } from "./site-runtime.js";

export class TestClock implements Clock {
  ms: number;
  constructor(startMs: number) {
    this.ms = startMs;
  }
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

function status(state: MinerState, workMode: number): MinerStatus {
  const mode = A1566HA.modes[workMode] ?? A1566HA.modes[1];
  const on = state === "hashing";
  return {
    state,
    hashrateThs: on ? (mode?.hashrateThs ?? 0) : 0,
    hashrateAvgThs: on ? (mode?.hashrateThs ?? 0) : 0,
    powerW: on ? (mode?.powerW ?? 0) : A1566HA.standbyPowerW,
    powerSource: "wall",
    workMode,
    coolantOutletC: on ? 48 : 30,
    psuErrorCode: 0,
    psuErrors: [],
    hashBoards: [],
    controlBoardErrorCode: 0,
    uptimeS: 3600,
    pools: [],
    calibrating: false,
  };
}

export interface FakeSite extends SiteRuntime {
  readonly hub: SignalHub;
  readonly bus: TickBus;
  readonly testClock: TestClock;
  readonly unitList: UnitView[];
  /** Mode commands the API sent, in order. */
  readonly modeCommands: { unitId: string; mode: number }[];
  /** Makes the next mode command fail like a unit that refuses it. */
  refuseModes: boolean;
  /** Emits a tick built from the units' current state. */
  tick(targetPowerW?: number): TickReport;
}

export function fakeSite(
  opts: {
    units?: number;
    startMs?: number;
    surplusW?: number;
    priceJpyPerKwh?: number;
    siteName?: string;
  } = {},
): FakeSite {
  const clock = new TestClock(opts.startMs ?? Date.UTC(2026, 3, 1, 3, 0, 0));
  const hub = new SignalHub({
    surplusW: constantReading(opts.surplusW ?? 2_000_000),
    energyPriceJpyPerKwh: constantReading(opts.priceJpyPerKwh ?? 11.5),
  });
  const bus = new TickBus();
  const unitList: UnitView[] = Array.from({ length: opts.units ?? 4 }, (_, i) => ({
    id: `127.0.60.${i + 1}:4028`,
    identity: { vendor: "canaan", model: "A1566HA", firmware: "test", serial: `SN${i}` },
    model: "A1566HA",
    state: i % 2 === 0 ? "hashing" : "sleeping",
    modes: A1566HA.modes,
    status: status(i % 2 === 0 ? "hashing" : "sleeping", 1),
    readAtMs: clock.nowMs(),
    lastError: undefined,
    pending: undefined,
  }));
  const modeCommands: { unitId: string; mode: number }[] = [];
  const site: FakeSite = {
    siteName: opts.siteName ?? "Test site",
    clock,
    testClock: clock,
    hub,
    bus,
    signals: hub,
    unitList,
    modeCommands,
    refuseModes: false,
    control: {
      async setMode(unitId, mode): Promise<CommandOutcome> {
        modeCommands.push({ unitId, mode });
        if (site.refuseModes)
          return { acknowledged: false, confirmed: false, detail: "ASC refused: calibrating" };
        return { acknowledged: true, confirmed: false, detail: `mode ${mode} accepted` };
      },
    },
    lastTick: () => bus.last,
    onTick: (l) => bus.on(l),
    units: () => unitList,
    config: () => ({
      version: 1,
      site: { name: "Test site" },
      signals: { mqtt: { url: "mqtt://127.0.0.1", password: "[redacted]" } },
    }),
    tick(targetPowerW = 1_000_000) {
      const nowMs = clock.nowMs();
      const units = unitList.map((u) => ({
        id: u.id,
        model: u.model,
        state: u.state,
        workMode: u.status?.workMode ?? 1,
        powerW: u.status?.powerW ?? 0,
        hashrateThs: u.status?.hashrateThs ?? 0,
        ...(u.status?.coolantOutletC === undefined ? {} : { coolantOutletC: u.status.coolantOutletC }),
        modes: u.modes,
        standbyPowerW: A1566HA.standbyPowerW,
        sinceMs: 0,
        health: { score: 1, faultFlags: [] },
        readAtMs: nowMs,
      }));
      const report: TickReport = {
        atMs: nowMs,
        decision: {
          nowMs,
          targetPowerW,
          window: { minW: 0, maxW: targetPowerW },
          plannedPowerW: targetPowerW,
          auxiliaryW: 0,
          commands: [],
          reasons: [{ rule: "surplus", effect: `max ${targetPowerW} W`, detail: "test", inputs: {} }],
          memory: { atMs: nowMs, auxiliaryW: 0, rampCreditW: 0 },
        },
        snapshot: {
          atMs: nowMs,
          units,
          meteredImportW: { ok: true, value: targetPowerW + 1000, atMs: nowMs },
        },
        reportedPowerW: units.reduce((s, u) => s + u.powerW, 0),
        results: [{ unitId: unitList[0]?.id ?? "", action: "wake", cause: "test", acknowledged: true }],
        pollMs: 42,
        urgent: "timer",
      };
      bus.emit(report);
      return report;
    },
  };
  return site;
}
