import type { MinerIdentity, MinerStatus } from "./miner.js";

export interface MinerEndpoint {
  host: string;
  port: number;
}

export function endpointLabel(e: MinerEndpoint): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

/** Outcome of a write: acknowledged by the unit's reply, then confirmed (or not) by reading state back. */
export interface CommandOutcome {
  /** The unit replied and did not refuse. A lost reply leaves this false but is never blindly repeated. */
  acknowledged: boolean;
  /** Telemetry read back shows the requested state. */
  confirmed: boolean;
  /** Reply text or the reason for failure, for humans and the decision log. */
  detail: string;
  ackMs?: number;
  confirmMs?: number;
  status?: MinerStatus;
}

export interface ConfirmOptions {
  /** How long to keep reading state back before giving up on confirmation. */
  confirmTimeoutMs?: number;
  /** Pause between read-backs. */
  confirmIntervalMs?: number;
  /** Do not wait for confirmation: return right after the reply. */
  noConfirm?: boolean;
}

export interface SleepOptions extends ConfirmOptions {
  /** Seconds from now at which the unit should act (Avalon schedules soft-off/on by epoch). */
  delayS?: number;
}

/** The one capability every miner driver has. */
export interface MinerDriver {
  readonly endpoint: MinerEndpoint;
  readonly vendor: string;
  identify(): Promise<MinerIdentity>;
  readStatus(): Promise<MinerStatus>;
}

export interface SleepWakeCapable {
  sleep(opts?: SleepOptions): Promise<CommandOutcome>;
  wake(opts?: SleepOptions): Promise<CommandOutcome>;
}

export interface WorkModeCapable {
  setWorkMode(mode: number, opts?: ConfirmOptions): Promise<CommandOutcome>;
}

export interface RebootCapable {
  reboot(opts?: ConfirmOptions): Promise<CommandOutcome>;
}

export type FullMinerDriver = MinerDriver & SleepWakeCapable & WorkModeCapable & RebootCapable;

export function canSleepWake(d: MinerDriver): d is MinerDriver & SleepWakeCapable {
  return typeof (d as Partial<SleepWakeCapable>).sleep === "function";
}
export function canSetWorkMode(d: MinerDriver): d is MinerDriver & WorkModeCapable {
  return typeof (d as Partial<WorkModeCapable>).setWorkMode === "function";
}
export function canReboot(d: MinerDriver): d is MinerDriver & RebootCapable {
  return typeof (d as Partial<RebootCapable>).reboot === "function";
}
