// What the HTTP API, the metrics and the MQTT publisher see of a running site. A real SiteController is adapted by
// runtime/controller-runtime.ts; tests hand in a small in-process runtime.
import type { Clock } from "../domain/clock.js";
import type { CommandOutcome } from "../domain/driver.js";
import type { MinerIdentity, MinerState, MinerStatus, WorkModeSpec } from "../domain/miner.js";
import type { GridEvent, GridSignals, OperatorOverride, PlanSlot } from "../domain/signals.js";
import type { PendingCommand } from "../domain/site.js";
import type { TickReport } from "../runtime/controller.js";

export interface UnitView {
  id: string;
  identity: MinerIdentity;
  model: string;
  state: MinerState;
  modes: readonly WorkModeSpec[];
  status: MinerStatus | undefined;
  /** When the telemetry in `status` was read (0 = never). */
  readAtMs: number;
  lastError: string | undefined;
  pending: PendingCommand | undefined;
}

/** One-off commands straight to a unit's driver; the dispatcher may choose otherwise at a later tick. */
export interface UnitControl {
  setMode(unitId: string, mode: number): Promise<CommandOutcome>;
}

/** The signal hub as the API uses it: read what is in force, add operator overrides. */
export interface SignalAccess {
  read(nowMs: number): GridSignals;
  /** Scheduled events known at nowMs, programme (OpenADR) events included. */
  listEvents(nowMs: number): readonly GridEvent[];
  addOverride(o: OperatorOverride): void;
  /** Forgets an override; without it, lifting one falls back to a release and re-issue (see OverrideBook). */
  removeOverride?(id: string): void;
}

export interface SiteRuntime {
  readonly siteName: string;
  readonly clock: Clock;
  readonly signals: SignalAccess;
  readonly control: UnitControl;
  lastTick(): TickReport | undefined;
  /** Called after every tick; returns the unsubscribe function. */
  onTick(listener: (tick: TickReport) => void): () => void;
  units(): readonly UnitView[];
  /** The effective site configuration with secrets removed. */
  config(): unknown;
  /** Day-ahead plan slots overlapping [fromMs, untilMs), when a planner runs. */
  planSlots?(fromMs: number, untilMs: number): readonly PlanSlot[];
}
