import type { Clock } from "../domain/clock.js";
import type { MinerModelSpec } from "../domain/miner.js";
import { A1566HA } from "../drivers/miners/avalon/models.js";
import {
  createMinerPhysics,
  type InitialCondition,
  type MinerPhysics,
  type MinerPhysicsParams,
  type PhysicsActivity,
  type PhysicsPhase,
} from "../simulator/physics/index.js";
import { addressRange } from "./address.js";
import { createScaledClock } from "./clock.js";
import { selectUnits, type UnitFault, type UnitFaultKind, type UnitSelector } from "./faults.js";
import { unitIdentity } from "./identity.js";
import { DEFAULT_RECV_TIMEOUT_MS, RecvWatchdog, UnitListener } from "./listener.js";
import { DEFAULT_QUIRKS, type EmulatorQuirks } from "./replies/context.js";
import { VirtualUnit } from "./unit.js";

export const DEFAULT_BASE_ADDRESS = "127.0.1.1";
export const DEFAULT_API_PORT = 4028;

export interface EmulatedSiteOptions {
  units: number;
  /** First unit's address; unit n listens on base + n (default 127.0.1.1). */
  baseAddress?: string;
  /** API port of every unit (default 4028); 0 = an ephemeral port per unit. */
  port?: number;
  /**
   * Put every unit on `baseAddress` itself, told apart by ephemeral ports (needs `port: 0`): for systems that do
   * not route all of 127.0.0.0/8 to loopback.
   */
  shareAddress?: boolean;
  /** Emulated time runs this many times faster than wall time (default 1); ignored when `clock` is given. */
  speed?: number;
  /** Emulated epoch at start for the scaled clock (default: now). */
  startMs?: number;
  /** Drives emulated time instead of the scaled wall clock (e.g. a ManualClock in tests). */
  clock?: Clock;
  model?: MinerModelSpec;
  physics?: Partial<MinerPhysicsParams>;
  initial?: InitialCondition;
  workMode?: number;
  /** Fixes identities and per-unit variation; null = every unit exactly the model's figures. Default 1. */
  seed?: number | null;
  quirks?: Partial<EmulatorQuirks>;
  /** Wall-clock ms a unit waits for a silent client before dropping it (the firmware waits 10 s). */
  recvTimeoutMs?: number;
  /** Listeners opened at once while starting. */
  bindConcurrency?: number;
}

export interface EmulatedUnitInfo {
  id: string;
  index: number;
  host: string;
  port: number;
}

export interface UnitSnapshot extends EmulatedUnitInfo {
  phase: PhysicsPhase;
  activity: PhysicsActivity;
  workMode: number;
  wallPowerW: number;
  hashrateThs: number;
  coolantOutletC: number;
  fault: UnitFaultKind | null;
}

export interface SiteSnapshot {
  atMs: number;
  wallPowerW: number;
  hashrateThs: number;
  unitsByPhase: Record<PhysicsPhase, number>;
  unitsWithFault: number;
  units: UnitSnapshot[];
}

export interface EmulatedSite {
  readonly units: readonly EmulatedUnitInfo[];
  readonly clock: Clock;
  readonly model: MinerModelSpec;
  readonly physics: MinerPhysics;
  unit(index: number): VirtualUnit;
  /** Applies a fault to the selected units (replacing any fault they had); resolves to their indices. */
  setFault(selector: UnitSelector, fault: UnitFault): Promise<number[]>;
  clearFaults(selector?: UnitSelector): Promise<void>;
  totalWallPowerW(): number;
  snapshot(): SiteSnapshot;
  stop(): Promise<void>;
}

async function inBatches<T>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(fn));
  }
}

export async function startEmulatedSite(opts: EmulatedSiteOptions): Promise<EmulatedSite> {
  if (!Number.isInteger(opts.units) || opts.units < 1)
    throw new Error(`units ${opts.units}: expected an integer ≥ 1`);
  const port = opts.port ?? DEFAULT_API_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port ${port}: expected 0 … 65535`);
  const model = opts.model ?? A1566HA;
  const physics = createMinerPhysics(model, opts.physics ?? {});
  const clock = opts.clock ?? createScaledClock(opts.speed ?? 1, opts.startMs);
  const seed = opts.seed === undefined ? 1 : opts.seed;
  const quirks: EmulatorQuirks = { ...DEFAULT_QUIRKS, ...opts.quirks };
  const base = opts.baseAddress ?? DEFAULT_BASE_ADDRESS;
  if (opts.shareAddress && port !== 0 && opts.units > 1) {
    throw new Error("units sharing one address need ephemeral ports (port 0)");
  }
  const hosts = opts.shareAddress
    ? Array.from({ length: opts.units }, () => base)
    : addressRange(base, opts.units);
  const nowMs = clock.nowMs();

  const units = hosts.map((host, index) => {
    const identity = unitIdentity(seed ?? 0, index);
    const state = physics.initialState({
      nowMs,
      seed: seed === null ? null : identity.physicsSeed,
      ...(opts.initial === undefined ? {} : { initial: opts.initial }),
      ...(opts.workMode === undefined ? {} : { workMode: opts.workMode }),
    });
    return new VirtualUnit(index, host, port, identity, physics, clock, state);
  });
  const watchdog = new RecvWatchdog(opts.recvTimeoutMs ?? DEFAULT_RECV_TIMEOUT_MS);
  const listenerOpts = { watchdog, quirks };
  const listeners = units.map((u) => new UnitListener(u, listenerOpts));

  // After the first bind a unit keeps its port, so an "offline" unit comes back where it was.
  const listen = async (l: UnitListener): Promise<void> => {
    l.unit.port = await l.listen(l.unit.host, l.unit.port);
  };
  try {
    await inBatches(listeners, opts.bindConcurrency ?? 256, listen);
  } catch (err) {
    await Promise.all(listeners.map((l) => l.close()));
    watchdog.stop();
    throw err;
  }

  const unitAt = (index: number): VirtualUnit => {
    const u = units[index];
    if (u === undefined) throw new Error(`unit index ${index}: expected 0 … ${units.length - 1}`);
    return u;
  };

  const clearOne = async (index: number): Promise<void> => {
    const unit = unitAt(index);
    const previous = unit.fault;
    unit.fault = null;
    if (previous?.kind === "offline") await listen(listeners[index] as UnitListener);
    if (previous?.kind === "stuck-fault") unit.update((s, p) => p.clearFault(s));
  };

  const setOne = async (index: number, fault: UnitFault): Promise<void> => {
    await clearOne(index);
    const unit = unitAt(index);
    unit.fault = fault;
    if (fault.kind === "offline") await (listeners[index] as UnitListener).stopListening();
    if (fault.kind === "stuck-fault") {
      unit.update((s, p) =>
        p.injectFault(
          s,
          fault.boardErrorCodes === undefined ? {} : { boardErrorCodes: fault.boardErrorCodes },
        ),
      );
    }
  };

  const snapshot = (): SiteSnapshot => {
    const unitsByPhase: Record<PhysicsPhase, number> = {
      fault: 0,
      sleeping: 0,
      booting: 0,
      calibrating: 0,
      hashing: 0,
    };
    let wallPowerW = 0;
    let hashrateThs = 0;
    let unitsWithFault = 0;
    const rows = units.map((u): UnitSnapshot => {
      const r = u.readings();
      unitsByPhase[r.phase]++;
      wallPowerW += r.wallPowerW;
      hashrateThs += r.hashrateThs;
      if (u.fault) unitsWithFault++;
      return {
        id: u.id,
        index: u.index,
        host: u.host,
        port: u.port,
        phase: r.phase,
        activity: r.activity,
        workMode: r.workMode,
        wallPowerW: r.wallPowerW,
        hashrateThs: r.hashrateThs,
        coolantOutletC: r.coolantOutletC,
        fault: u.fault?.kind ?? null,
      };
    });
    return { atMs: clock.nowMs(), wallPowerW, hashrateThs, unitsByPhase, unitsWithFault, units: rows };
  };

  let stopped = false;
  return {
    units: units.map((u) => ({ id: u.id, index: u.index, host: u.host, port: u.port })),
    clock,
    model,
    physics,
    unit: unitAt,
    async setFault(selector, fault) {
      const chosen = selectUnits(selector, units.length);
      for (const i of chosen) await setOne(i, fault);
      return chosen;
    },
    async clearFaults(selector = "all") {
      for (const i of selectUnits(selector, units.length)) await clearOne(i);
    },
    totalWallPowerW: () => units.reduce((sum, u) => sum + u.readings().wallPowerW, 0),
    snapshot,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(listeners.map((l) => l.close()));
      watchdog.stop();
    },
  };
}
