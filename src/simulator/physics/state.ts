/**
 * The physical phase of a unit. Pending soft-off/soft-on/reboot are not phases: they are scheduled actions that
 * fire at their epoch, so a unit can be hashing with a soft-off pending.
 */
export type PhysicsPhase = "fault" | "sleeping" | "booting" | "calibrating" | "hashing";

/** What the unit's own status table would call it, including pending scheduled actions. */
export type PhysicsActivity = PhysicsPhase | "softoff-pending" | "softon-pending" | "reboot-pending";

export interface MinerFault {
  cause: "injected" | "overheat";
  /** One vendor error code per hash board (0 = none). */
  boardErrorCodes: readonly number[];
  controlErrorCode: number;
}

/** Fixed per-unit deviations from the model's figures, drawn from the seed once. */
export interface UnitVariation {
  powerFactor: number;
  hashrateFactor: number;
  /** Each board's share of the unit's hashrate; sums to 1. */
  boardShares: readonly number[];
  boardTempOffsetsC: readonly number[];
  /** Seed of the short-term hashrate wobble; null = no wobble (exact figures, for tests). */
  rippleSeed: number | null;
}

/**
 * State of one unit at `atMs` (the emulated epoch in ms). Power and hashrate move linearly from the `rampFrom*`
 * values toward the phase's target over `rampMs` after `phaseStartMs`; everything else is integrated state.
 */
export interface MinerPhysicsState {
  readonly atMs: number;
  readonly phase: PhysicsPhase;
  readonly phaseStartMs: number;
  /** When the phase ends on its own (boot done, calibration done); null = it lasts until a command or fault. */
  readonly phaseEndMs: number | null;
  readonly rampFromPowerW: number;
  readonly rampFromHashrateThs: number;
  readonly rampMs: number;
  /** The current boot was started by a soft-on (the firmware reports a distinct soft-off code then). */
  readonly wokeFromSoftOff: boolean;
  readonly workMode: number;
  readonly workLevel: number;
  readonly pendingSoftOffAtMs: number | null;
  readonly pendingSoftOnAtMs: number | null;
  readonly pendingRebootAtMs: number | null;
  /** Epoch of the last scheduled soft-off / soft-on, as the firmware reports them. */
  readonly lastSoftOffAtMs: number | null;
  readonly lastSoftOnAtMs: number | null;
  /** Start of the current uptime (power-on or reboot); soft-off does not restart it. */
  readonly bootedAtMs: number;
  readonly lastHashingAtMs: number | null;
  readonly coolantInletC: number;
  readonly coolantFlowLPerMin: number;
  readonly coolantOutletC: number;
  /** Exponential averages of hashrate with 1, 5 and 15 minute time constants. */
  readonly hashrate1mThs: number;
  readonly hashrate5mThs: number;
  readonly hashrate15mThs: number;
  /** Work done since boot, in TH (1e12 hashes). */
  readonly totalHashTh: number;
  readonly fault: MinerFault | null;
  readonly variation: UnitVariation;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A mutable copy built field by field in one fixed order, so every state shares one object shape and the hot
 * readers stay monomorphic (object spread gives no such guarantee across call sites).
 */
export function copyState(s: MinerPhysicsState): Mutable<MinerPhysicsState> {
  return {
    atMs: s.atMs,
    phase: s.phase,
    phaseStartMs: s.phaseStartMs,
    phaseEndMs: s.phaseEndMs,
    rampFromPowerW: s.rampFromPowerW,
    rampFromHashrateThs: s.rampFromHashrateThs,
    rampMs: s.rampMs,
    wokeFromSoftOff: s.wokeFromSoftOff,
    workMode: s.workMode,
    workLevel: s.workLevel,
    pendingSoftOffAtMs: s.pendingSoftOffAtMs,
    pendingSoftOnAtMs: s.pendingSoftOnAtMs,
    pendingRebootAtMs: s.pendingRebootAtMs,
    lastSoftOffAtMs: s.lastSoftOffAtMs,
    lastSoftOnAtMs: s.lastSoftOnAtMs,
    bootedAtMs: s.bootedAtMs,
    lastHashingAtMs: s.lastHashingAtMs,
    coolantInletC: s.coolantInletC,
    coolantFlowLPerMin: s.coolantFlowLPerMin,
    coolantOutletC: s.coolantOutletC,
    hashrate1mThs: s.hashrate1mThs,
    hashrate5mThs: s.hashrate5mThs,
    hashrate15mThs: s.hashrate15mThs,
    totalHashTh: s.totalHashTh,
    fault: s.fault,
    variation: s.variation,
  };
}
