import type { MinerModelSpec, WorkModeSpec } from "../../domain/miner.js";
import type { MinerPhysicsParams } from "./params.js";
import type { MinerPhysicsState, PhysicsPhase } from "./state.js";

export interface PhysicsContext {
  readonly spec: MinerModelSpec;
  readonly params: MinerPhysicsParams;
}

export function modeSpec(spec: MinerModelSpec, mode: number): WorkModeSpec | undefined {
  return spec.modes.find((m) => m.mode === mode);
}

/** The mode the unit runs when its recorded mode is not one the model has (never set by the commands). */
function effectiveMode(spec: MinerModelSpec, mode: number): WorkModeSpec {
  const found = modeSpec(spec, mode) ?? spec.modes[0];
  if (!found) throw new Error(`model ${spec.model} has no work modes`);
  return found;
}

export function standbyPowerW(ctx: PhysicsContext, s: MinerPhysicsState): number {
  return ctx.spec.standbyPowerW * s.variation.powerFactor;
}

export function modePowerW(ctx: PhysicsContext, s: MinerPhysicsState): number {
  return effectiveMode(ctx.spec, s.workMode).powerW * s.variation.powerFactor;
}

export function modeHashrateThs(ctx: PhysicsContext, s: MinerPhysicsState): number {
  return effectiveMode(ctx.spec, s.workMode).hashrateThs * s.variation.hashrateFactor;
}

/** The power setpoint the firmware reports for a mode: a DC figure from calibration, not unit-specific. */
export function modePowerLimitW(ctx: PhysicsContext, mode: number): number {
  return Math.round(effectiveMode(ctx.spec, mode).powerW * ctx.params.psuEfficiency);
}

export function targetOf(
  ctx: PhysicsContext,
  s: MinerPhysicsState,
  phase: PhysicsPhase = s.phase,
): { powerW: number; hashrateThs: number } {
  switch (phase) {
    case "fault":
    case "sleeping":
      return { powerW: standbyPowerW(ctx, s), hashrateThs: 0 };
    case "booting": {
      const standby = standbyPowerW(ctx, s);
      return {
        powerW: standby + ctx.params.bootPowerFraction * (modePowerW(ctx, s) - standby),
        hashrateThs: 0,
      };
    }
    case "calibrating":
    case "hashing":
      return { powerW: modePowerW(ctx, s), hashrateThs: modeHashrateThs(ctx, s) };
  }
}

function rampProgress(s: MinerPhysicsState, atMs: number): number {
  if (s.rampMs <= 0) return 1;
  const f = (atMs - s.phaseStartMs) / s.rampMs;
  return f <= 0 ? 0 : Math.min(f, 1);
}

export function powerAtW(ctx: PhysicsContext, s: MinerPhysicsState, atMs: number): number {
  const target = targetOf(ctx, s).powerW;
  return s.rampFromPowerW + (target - s.rampFromPowerW) * rampProgress(s, atMs);
}

export function hashrateAtThs(ctx: PhysicsContext, s: MinerPhysicsState, atMs: number): number {
  const target = targetOf(ctx, s).hashrateThs;
  return s.rampFromHashrateThs + (target - s.rampFromHashrateThs) * rampProgress(s, atMs);
}

export function hashRailOn(phase: PhysicsPhase): boolean {
  return phase === "booting" || phase === "calibrating" || phase === "hashing";
}

/** Kelvin of outlet rise per watt at the unit's current flow (∞-safe: a stopped pump gives a huge rise). */
export function outletRiseKPerW(ctx: PhysicsContext, s: MinerPhysicsState): number {
  const p = ctx.params;
  const massFlowKgPerS = (Math.max(s.coolantFlowLPerMin, 1e-9) / 60) * p.coolantDensityKgPerL;
  return p.heatToCoolantFraction / (massFlowKgPerS * p.coolantCpJPerKgK);
}

export function steadyOutletC(ctx: PhysicsContext, s: MinerPhysicsState, wallPowerW: number): number {
  return s.coolantInletC + wallPowerW * outletRiseKPerW(ctx, s);
}
