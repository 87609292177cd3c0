import type { UnitAction } from "../domain/decision.js";
import type { FullMinerDriver } from "../domain/driver.js";
import { endpointLabel } from "../domain/driver.js";
import { isDriverError } from "../domain/errors.js";
import type { MinerIdentity, MinerModelSpec, MinerState, MinerStatus } from "../domain/miner.js";
import type { PendingCommand, UnitSnapshot } from "../domain/site.js";

/** Telemetry read back for confirmation is enough for control; pools and summary are for humans. */
export type ControlDriver = FullMinerDriver & { readBack?: () => Promise<MinerStatus> };

/**
 * What the runtime remembers about one unit between ticks: last telemetry, when its state last changed (the start of
 * its dwell time), and a command whose effect telemetry does not show yet.
 */
export class UnitTracker {
  readonly id: string;
  readonly driver: ControlDriver;
  readonly identity: MinerIdentity;
  readonly spec: MinerModelSpec;
  status: MinerStatus | undefined;
  readAtMs = 0;
  lastError: string | undefined;
  private stateKey: string | undefined;
  private sinceMs = 0;
  pending: PendingCommand | undefined;

  constructor(driver: ControlDriver, identity: MinerIdentity, spec: MinerModelSpec) {
    this.id = endpointLabel(driver.endpoint);
    this.driver = driver;
    this.identity = identity;
    this.spec = spec;
  }

  async poll(nowMs: () => number): Promise<void> {
    try {
      const status = this.driver.readBack ? await this.driver.readBack() : await this.driver.readStatus();
      this.observe(status, nowMs());
    } catch (e) {
      this.lastError = isDriverError(e) || e instanceof Error ? e.message : String(e);
    }
  }

  observe(status: MinerStatus, atMs: number): void {
    const key = `${status.state}:${status.state === "sleeping" ? "" : (status.workMode ?? "")}`;
    if (this.stateKey === undefined) {
      // First sight (start or restart): a running unit has been on since its boards started; a sleeping one is
      // taken as asleep long enough, so reconciliation never waits a whole dwell time before acting.
      this.sinceMs = status.state === "sleeping" ? 0 : atMs - status.uptimeS * 1000;
    } else if (key !== this.stateKey) {
      this.sinceMs = atMs;
    }
    this.stateKey = key;
    this.status = status;
    this.readAtMs = atMs;
    this.lastError = undefined;
    if (this.pending && this.pendingDone(status)) this.pending = undefined;
  }

  private pendingDone(s: MinerStatus): boolean {
    const p = this.pending;
    if (!p) return true;
    switch (p.action) {
      case "sleep":
        return s.state === "sleeping";
      case "wake":
        return s.state !== "sleeping";
      case "set-mode":
        return s.workMode === p.mode;
    }
  }

  markPending(action: UnitAction, mode: number | undefined, atMs: number): void {
    this.pending = mode === undefined ? { action, atMs } : { action, mode, atMs };
  }

  /** A pending command older than this is forgotten so the dispatcher may try again. */
  expirePending(nowMs: number, timeoutMs: number): void {
    if (this.pending && nowMs - this.pending.atMs > timeoutMs) this.pending = undefined;
  }

  state(): MinerState {
    if (this.lastError !== undefined || !this.status) return "unreachable";
    return this.status.state;
  }

  snapshot(): UnitSnapshot {
    const s = this.status;
    const faultFlags = [
      ...(s?.state === "fault" ? ["unit reports fault"] : []),
      ...(s?.psuErrors ?? []).map((e) => `PSU ${e}`),
      ...(s?.hashBoards ?? [])
        .filter((b) => b.errorCode !== 0)
        .map((b) => `board ${b.index}: ${b.errorText ?? b.errorCode}`),
    ];
    const degradedBoards = (s?.hashBoards ?? []).filter((b) => b.errorCode !== 0).length;
    const score = Math.max(0, 1 - degradedBoards / Math.max(1, this.spec.hashBoards));
    return {
      id: this.id,
      model: this.spec.model,
      state: this.state(),
      ...(s?.workMode === undefined ? {} : { workMode: s.workMode }),
      powerW: s?.powerW ?? 0,
      hashrateThs: s?.hashrateThs ?? 0,
      ...(s?.coolantOutletC === undefined ? {} : { coolantOutletC: s.coolantOutletC }),
      modes: this.spec.modes,
      standbyPowerW: this.spec.standbyPowerW,
      sinceMs: this.sinceMs,
      health: { score, faultFlags },
      readAtMs: this.readAtMs,
      ...(this.pending ? { pending: this.pending } : {}),
    };
  }
}
