import {
  hashRailOn,
  hashrateAtThs,
  modeHashrateThs,
  modePowerLimitW,
  type PhysicsContext,
  powerAtW,
} from "./context.js";
import type { MinerPhysicsState, PhysicsActivity, PhysicsPhase } from "./state.js";
import { unit01 } from "./variation.js";

export type SystemStatus = "init" | "work" | "idle" | "fault";

export interface BoardReadings {
  hashrateThs: number;
  avgHashrateThs: number;
  chipTempAvgC: number;
  chipTempMaxC: number;
  errorCode: number;
}

/** Everything a unit's telemetry shows at the state's instant, in SI-ish units. */
export interface MinerReadings {
  atMs: number;
  phase: PhysicsPhase;
  activity: PhysicsActivity;
  systemStatus: SystemStatus;
  /** The firmware's work-state number: 0 init, 1 work, 2 idle, 3 fault. */
  stateCode: 0 | 1 | 2 | 3;
  /** The firmware's soft-off reason: 0 running, 4 standby, 6 booting after a soft-on. */
  softOffCode: number;
  wallPowerW: number;
  /** Hash-rail DC power (0 while the rail is off). */
  dcPowerW: number;
  modePowerLimitW: number;
  hashrateThs: number;
  /** Hashrate implied by the clock settings of the active mode, shown even while asleep. */
  hashrateNominalThs: number;
  /** Average since boot. */
  avgHashrateThs: number;
  hashrate1mThs: number;
  hashrate5mThs: number;
  hashrate15mThs: number;
  totalHashTh: number;
  boards: BoardReadings[];
  chipTempAvgC: number;
  chipTempMaxC: number;
  coolantInletC: number;
  coolantOutletC: number;
  coolantFlowLPerMin: number;
  uptimeS: number;
  workMode: number;
  workLevel: number;
  calibrationDone: boolean;
  /** Progress of the running calibration, 0–100 (100 when none runs). */
  calibrationProgressPct: number;
  hashRailOn: boolean;
  controlErrorCode: number;
  pendingSoftOffAtMs: number | null;
  pendingSoftOnAtMs: number | null;
  pendingRebootAtMs: number | null;
  lastSoftOffAtMs: number | null;
  lastSoftOnAtMs: number | null;
  lastHashingAtMs: number | null;
}

const WORK_STATE_CODE: Record<PhysicsPhase, 0 | 1 | 2 | 3> = {
  booting: 0,
  calibrating: 1,
  hashing: 1,
  sleeping: 2,
  fault: 3,
};

const SYSTEM_STATUS: readonly SystemStatus[] = ["init", "work", "idle", "fault"];

function activityOf(s: MinerPhysicsState): PhysicsActivity {
  const pending: [number | null, PhysicsActivity][] = [
    [s.pendingRebootAtMs, "reboot-pending"],
    [s.pendingSoftOffAtMs, "softoff-pending"],
    [s.pendingSoftOnAtMs, "softon-pending"],
  ];
  let best: PhysicsActivity = s.phase;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const [at, name] of pending) {
    if (at !== null && at > s.atMs && at < bestAt) {
      best = name;
      bestAt = at;
    }
  }
  // A soft-on pending for an awake unit, or a soft-off for a sleeping one, changes nothing worth reporting.
  if (best === "softon-pending" && s.phase !== "sleeping") return s.phase;
  if (best === "softoff-pending" && !hashRailOn(s.phase)) return s.phase;
  return best;
}

function ripple(ctx: PhysicsContext, s: MinerPhysicsState): number {
  const seed = s.variation.rippleSeed;
  if (seed === null || ctx.params.hashrateRipple === 0) return 1;
  const bucket = Math.floor(s.atMs / (ctx.params.hashrateRipplePeriodS * 1000));
  return 1 + ctx.params.hashrateRipple * (unit01(seed, bucket) * 2 - 1);
}

export function readingsOf(ctx: PhysicsContext, s: MinerPhysicsState): MinerReadings {
  const p = ctx.params;
  const railOn = hashRailOn(s.phase);
  const wallPowerW = powerAtW(ctx, s, s.atMs);
  const dcPowerW = railOn ? wallPowerW * p.psuEfficiency : 0;
  const hashrateThs = hashrateAtThs(ctx, s, s.atMs) * ripple(ctx, s);
  const uptimeS = Math.max(0, (s.atMs - s.bootedAtMs) / 1000);
  const avgHashrateThs = uptimeS > 0 ? s.totalHashTh / uptimeS : 0;
  const dcKw = dcPowerW / 1000;
  const chipAvgBase = s.coolantOutletC + p.chipAboveOutletCPerKw * dcKw;
  const chipSpread = p.chipMaxAboveAvgCPerKw * dcKw;
  const boards: BoardReadings[] = s.variation.boardShares.map((share, b) => {
    const avg = chipAvgBase + (railOn ? (s.variation.boardTempOffsetsC[b] ?? 0) : 0);
    return {
      hashrateThs: hashrateThs * share,
      avgHashrateThs: avgHashrateThs * share,
      chipTempAvgC: avg,
      chipTempMaxC: avg + chipSpread,
      errorCode: s.fault?.boardErrorCodes[b] ?? 0,
    };
  });
  const calibrating = s.phase === "calibrating" || s.phase === "booting";
  let calibrationProgressPct = 100;
  if (calibrating && s.phaseEndMs !== null && s.phaseEndMs > s.phaseStartMs) {
    calibrationProgressPct =
      s.phase === "booting" ? 0 : (100 * (s.atMs - s.phaseStartMs)) / (s.phaseEndMs - s.phaseStartMs);
  }
  const stateCode = WORK_STATE_CODE[s.phase];
  return {
    atMs: s.atMs,
    phase: s.phase,
    activity: activityOf(s),
    systemStatus: SYSTEM_STATUS[stateCode] ?? "init",
    stateCode,
    softOffCode: s.phase === "sleeping" ? 4 : s.phase === "booting" && s.wokeFromSoftOff ? 6 : 0,
    wallPowerW,
    dcPowerW,
    modePowerLimitW: modePowerLimitW(ctx, s.workMode),
    hashrateThs,
    hashrateNominalThs: modeHashrateThs(ctx, s) / (1 - p.hashErrorFraction),
    avgHashrateThs,
    hashrate1mThs: s.hashrate1mThs,
    hashrate5mThs: s.hashrate5mThs,
    hashrate15mThs: s.hashrate15mThs,
    totalHashTh: s.totalHashTh,
    boards,
    chipTempAvgC: boards.reduce((sum, b) => sum + b.chipTempAvgC, 0) / Math.max(1, boards.length),
    chipTempMaxC: boards.reduce((m, b) => Math.max(m, b.chipTempMaxC), Number.NEGATIVE_INFINITY),
    coolantInletC: s.coolantInletC,
    coolantOutletC: s.coolantOutletC,
    coolantFlowLPerMin: s.coolantFlowLPerMin,
    uptimeS,
    workMode: s.workMode,
    workLevel: s.workLevel,
    calibrationDone: !calibrating,
    calibrationProgressPct,
    hashRailOn: railOn,
    controlErrorCode: s.fault?.controlErrorCode ?? 0,
    pendingSoftOffAtMs: s.pendingSoftOffAtMs,
    pendingSoftOnAtMs: s.pendingSoftOnAtMs,
    pendingRebootAtMs: s.pendingRebootAtMs,
    lastSoftOffAtMs: s.lastSoftOffAtMs,
    lastSoftOnAtMs: s.lastSoftOnAtMs,
    lastHashingAtMs: s.lastHashingAtMs,
  };
}
