import { hashrateAtThs, type PhysicsContext, powerAtW, standbyPowerW } from "./context.js";
import type { MinerFault, MinerPhysicsState, Mutable, PhysicsPhase } from "./state.js";

// Transitions act on a mutable copy at its own `atMs`; the public functions copy first so callers see pure updates.

export function enterPhase(
  ctx: PhysicsContext,
  s: Mutable<MinerPhysicsState>,
  phase: PhysicsPhase,
  rampMs: number,
  endMs: number | null,
): void {
  const now = s.atMs;
  s.rampFromPowerW = powerAtW(ctx, s, now);
  s.rampFromHashrateThs = hashrateAtThs(ctx, s, now);
  s.phase = phase;
  s.phaseStartMs = now;
  s.rampMs = Math.max(0, rampMs);
  s.phaseEndMs = endMs;
}

export function executeSoftOff(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>): void {
  s.pendingSoftOffAtMs = null;
  if (s.phase === "booting" || s.phase === "calibrating" || s.phase === "hashing") {
    // Hashing stops at the scheduled instant; only the power decays over the fall time.
    enterPhase(ctx, s, "sleeping", ctx.params.softOffFallS * 1000, null);
    s.rampFromHashrateThs = 0;
    s.wokeFromSoftOff = false;
  }
}

export function executeSoftOn(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>): void {
  s.pendingSoftOnAtMs = null;
  if (s.phase === "sleeping") {
    const bootMs = ctx.params.bootS * 1000;
    enterPhase(ctx, s, "booting", bootMs, s.atMs + bootMs);
    s.wokeFromSoftOff = true;
  }
}

/** A reboot forgets standby and pending schedules: the unit comes back hashing in its last mode. */
export function executeReboot(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>): void {
  const bootMs = ctx.params.bootS * 1000;
  s.pendingRebootAtMs = null;
  s.pendingSoftOffAtMs = null;
  s.pendingSoftOnAtMs = null;
  s.fault = null;
  s.phase = "booting";
  s.phaseStartMs = s.atMs;
  s.phaseEndMs = s.atMs + bootMs;
  s.rampFromPowerW = standbyPowerW(ctx, s);
  s.rampFromHashrateThs = 0;
  s.rampMs = bootMs;
  s.wokeFromSoftOff = false;
  s.bootedAtMs = s.atMs;
  s.totalHashTh = 0;
  s.hashrate1mThs = 0;
  s.hashrate5mThs = 0;
  s.hashrate15mThs = 0;
}

export function enterFault(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>, fault: MinerFault): void {
  s.fault = fault;
  s.pendingSoftOffAtMs = null;
  s.pendingSoftOnAtMs = null;
  enterPhase(ctx, s, "fault", ctx.params.faultFallS * 1000, null);
  s.rampFromHashrateThs = 0;
  s.wokeFromSoftOff = false;
}

/** A phase that ends on its own hands over to the next one. */
export function executePhaseEnd(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>): void {
  const p = ctx.params;
  if (s.phase === "booting") {
    const rampMs = p.rampS * 1000;
    if (p.calibrateAfterBoot) enterPhase(ctx, s, "calibrating", rampMs, s.atMs + rampMs);
    else enterPhase(ctx, s, "hashing", rampMs, null);
    return;
  }
  if (s.phase === "calibrating") {
    // Whatever is left of the power/hashrate ramp carries on into hashing.
    const rampLeftMs = Math.max(0, s.phaseStartMs + s.rampMs - s.atMs);
    enterPhase(ctx, s, "hashing", rampLeftMs, null);
    return;
  }
  s.phaseEndMs = null;
}

export function overheatFault(ctx: PhysicsContext): MinerFault {
  // 128 is the hash-board over-temperature code seen in Avalon tooling (tetherto miningos worker).
  return {
    cause: "overheat",
    boardErrorCodes: Array.from({ length: ctx.spec.hashBoards }, () => 128),
    controlErrorCode: 0,
  };
}
