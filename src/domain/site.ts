// The process image for one tick: everything the dispatcher knows about the site, frozen.
// Units are in the names: W, Ths (TH/s), C (degrees Celsius), Ms (milliseconds since the epoch unless named *AgeMs).
import type { DispatchMemory, UnitAction } from "./decision.js";
import type { MinerState, WorkModeSpec } from "./miner.js";
import type { Reading } from "./reading.js";

export interface UnitHealth {
  /** 0 (failing) to 1 (healthy). Between units of equal efficiency the healthier one runs first. */
  readonly score: number;
  /** Non-empty means faulted: the unit is put to sleep and never woken while a flag is set. */
  readonly faultFlags: readonly string[];
}

/** A command sent to the unit whose effect telemetry does not show yet; the unit is planned as if it had taken effect. */
export interface PendingCommand {
  readonly action: UnitAction;
  readonly mode?: number;
  readonly atMs: number;
}

export interface UnitSnapshot {
  readonly id: string;
  readonly model: string;
  readonly state: MinerState;
  /** Active mode while hashing; the mode being brought up while starting or calibrating. */
  readonly workMode?: number;
  /** Reported wall power. */
  readonly powerW: number;
  readonly hashrateThs: number;
  readonly coolantOutletC?: number;
  /** The model's modes (from MinerModelSpec): what the allocator plans with. */
  readonly modes: readonly WorkModeSpec[];
  /** Draw while asleep (from MinerModelSpec). */
  readonly standbyPowerW: number;
  /** When the unit last changed state (woke, slept, changed mode): the start of its dwell time. */
  readonly sinceMs: number;
  readonly health: UnitHealth;
  /** When this telemetry was read; nowMs - readAtMs is the reading's age. */
  readonly readAtMs: number;
  readonly pending?: PendingCommand;
}

export interface SiteSnapshot {
  readonly atMs: number;
  readonly units: readonly UnitSnapshot[];
  /** Site import at the grid connection, when a meter exists (positive = drawn from the grid). */
  readonly meteredImportW?: Reading<number>;
  /** Outdoor air temperature at the dry coolers. */
  readonly ambientC?: Reading<number>;
  /** Echo of the previous Decision.memory; absent on the first tick. */
  readonly memory?: DispatchMemory;
}

/** Deep-freezes a snapshot so that nothing downstream can change the process image of a tick. */
export function freezeSnapshot(snapshot: SiteSnapshot): SiteSnapshot {
  return deepFreeze(snapshot);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
