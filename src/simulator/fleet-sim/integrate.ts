// Exact energy and hash integration of one physics state over an interval. Between the physics model's boundaries
// (ramp end, phase end, scheduled actions) power and hashrate are linear in time, so the trapezoid over each piece
// is exact; the integral does not depend on how often the controller decides.
import type { MinerPhysics, MinerPhysicsState } from "../physics/index.js";

export interface Integral {
  energyWh: number;
  hashTh: number;
}

/** The first instant after the state's own time at which power or hashrate stops being linear; ∞ when none. */
export function nextPhysicsBoundaryMs(s: MinerPhysicsState): number {
  let next = Number.POSITIVE_INFINITY;
  const rampEndMs = s.phaseStartMs + s.rampMs;
  if (rampEndMs > s.atMs) next = rampEndMs;
  for (const at of [s.phaseEndMs, s.pendingSoftOffAtMs, s.pendingSoftOnAtMs, s.pendingRebootAtMs]) {
    if (at !== null && at > s.atMs && at < next) next = at;
  }
  return next;
}

/** True when nothing will change on its own: no ramp running, no phase ending, nothing scheduled. */
export function isSettled(s: MinerPhysicsState): boolean {
  return nextPhysicsBoundaryMs(s) === Number.POSITIVE_INFINITY;
}

export interface Stepped {
  readonly state: MinerPhysicsState;
  /** Wall power at the new state's time. */
  readonly powerW: number;
}

/**
 * Steps `state` (drawing `powerW` now) to `toMs`, adding one unit's energy and work to `into`. The transitions a
 * backtest uses (soft-on, soft-off, mode change, phase ends) keep power continuous, so the power after stepping to
 * a boundary is also the left limit there. A unit at rest draws constant power: one step, no readings.
 */
export function integrateTo(
  physics: MinerPhysics,
  state: MinerPhysicsState,
  powerW: number,
  toMs: number,
  into: Integral,
): Stepped {
  let s = state;
  let p = powerW;
  while (s.atMs < toMs) {
    const boundaryMs = Math.min(toMs, nextPhysicsBoundaryMs(s));
    const next = physics.stepTo(s, boundaryMs);
    const resting = boundaryMs === toMs && isSettled(s) && next.phase === s.phase;
    const nextPowerW = resting ? p : physics.readings(next).wallPowerW;
    const hours = (next.atMs - s.atMs) / 3_600_000;
    into.energyWh += ((p + nextPowerW) / 2) * hours;
    // A reboot restarts the counter; the backtest never reboots, but a negative difference must not count.
    into.hashTh += Math.max(0, next.totalHashTh - s.totalHashTh);
    if (next.atMs < boundaryMs) break; // time cannot advance (should not happen); avoid spinning
    s = next;
    p = nextPowerW;
  }
  return { state: s, powerW: p };
}
