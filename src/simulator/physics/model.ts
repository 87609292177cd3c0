import type { MinerModelSpec } from "../../domain/miner.js";
import * as commands from "./commands.js";
import {
  modeHashrateThs,
  modeSpec,
  type PhysicsContext,
  standbyPowerW,
  steadyOutletC,
  targetOf,
} from "./context.js";
import { type MinerPhysicsParams, resolvePhysicsParams } from "./params.js";
import { type MinerReadings, readingsOf } from "./readings.js";
import { copyState, type MinerFault, type MinerPhysicsState, type Mutable } from "./state.js";
import { stepPhysics } from "./step.js";
import { unit01, unitVariation } from "./variation.js";

export type InitialCondition = "hashing" | "sleeping" | "booting";

export interface InitialStateOptions {
  nowMs: number;
  initial?: InitialCondition;
  workMode?: number;
  /** Fixes the unit's deviations from the model; null/absent = exact model figures, no wobble. */
  seed?: number | null;
  /** How long the unit has been up; by default 1 h, spread up to a day when seeded. */
  uptimeS?: number;
}

/** One model's physics, bound to its spec and parameters. Every function is pure: time and seed are inputs. */
export interface MinerPhysics {
  readonly spec: MinerModelSpec;
  readonly params: MinerPhysicsParams;
  initialState(opts: InitialStateOptions): MinerPhysicsState;
  step(state: MinerPhysicsState, dtMs: number): MinerPhysicsState;
  /** Steps to an absolute instant; a time before the state's is ignored (time never runs backwards). */
  stepTo(state: MinerPhysicsState, atMs: number): MinerPhysicsState;
  readings(state: MinerPhysicsState): MinerReadings;
  scheduleSoftOff(state: MinerPhysicsState, atMs: number): MinerPhysicsState;
  scheduleSoftOn(state: MinerPhysicsState, atMs: number): MinerPhysicsState;
  setWorkMode(state: MinerPhysicsState, mode: number): commands.CommandResult;
  setWorkLevel(state: MinerPhysicsState, level: number): commands.CommandResult;
  isCalibrating(state: MinerPhysicsState): boolean;
  reboot(state: MinerPhysicsState, delayMs?: number): MinerPhysicsState;
  injectFault(state: MinerPhysicsState, fault?: Partial<MinerFault>): MinerPhysicsState;
  clearFault(state: MinerPhysicsState): MinerPhysicsState;
  setCoolant(state: MinerPhysicsState, coolant: { inletC?: number; flowLPerMin?: number }): MinerPhysicsState;
}

function initialState(ctx: PhysicsContext, opts: InitialStateOptions): MinerPhysicsState {
  const { spec, params } = ctx;
  const seed = opts.seed ?? null;
  const workMode = opts.workMode ?? spec.modes.find((m) => m.mode === 1)?.mode ?? spec.modes[0]?.mode ?? 0;
  if (modeSpec(spec, workMode) === undefined)
    throw new Error(`model ${spec.model} has no work mode ${workMode}`);
  const initial = opts.initial ?? "hashing";
  const uptimeS =
    initial === "booting" ? 0 : (opts.uptimeS ?? (seed === null ? 3600 : 3600 + unit01(seed, 6) * 82_800));
  const now = opts.nowMs;
  const s: Mutable<MinerPhysicsState> = {
    atMs: now,
    phase: "hashing",
    phaseStartMs: now,
    phaseEndMs: null,
    rampFromPowerW: 0,
    rampFromHashrateThs: 0,
    rampMs: 0,
    wokeFromSoftOff: false,
    workMode,
    workLevel: Math.min(Math.max(0, params.workLevelMin), params.workLevelMax),
    pendingSoftOffAtMs: null,
    pendingSoftOnAtMs: null,
    pendingRebootAtMs: null,
    lastSoftOffAtMs: null,
    lastSoftOnAtMs: null,
    bootedAtMs: now - uptimeS * 1000,
    lastHashingAtMs: null,
    coolantInletC: params.coolantInletC,
    coolantFlowLPerMin: params.coolantFlowLPerMin,
    coolantOutletC: params.coolantInletC,
    hashrate1mThs: 0,
    hashrate5mThs: 0,
    hashrate15mThs: 0,
    totalHashTh: 0,
    fault: null,
    variation: unitVariation(seed, spec.hashBoards, params),
  };
  const fullHashThs = modeHashrateThs(ctx, s);
  if (initial === "hashing") {
    const target = targetOf(ctx, s, "hashing");
    s.rampFromPowerW = target.powerW;
    s.rampFromHashrateThs = target.hashrateThs;
    s.coolantOutletC = steadyOutletC(ctx, s, target.powerW);
    s.hashrate1mThs = fullHashThs;
    s.hashrate5mThs = fullHashThs;
    s.hashrate15mThs = fullHashThs;
    s.totalHashTh = fullHashThs * uptimeS;
    s.lastHashingAtMs = now;
  } else if (initial === "sleeping") {
    // Asleep for the second half of its uptime, so averages and the soft-off record look lived-in.
    const asleepSinceMs = now - (uptimeS * 1000) / 2;
    s.phase = "sleeping";
    s.rampFromPowerW = standbyPowerW(ctx, s);
    s.coolantOutletC = steadyOutletC(ctx, s, s.rampFromPowerW);
    s.totalHashTh = (fullHashThs * uptimeS) / 2;
    s.lastSoftOffAtMs = asleepSinceMs;
    s.lastHashingAtMs = asleepSinceMs;
  } else {
    const bootMs = params.bootS * 1000;
    s.phase = "booting";
    s.phaseEndMs = now + bootMs;
    s.rampMs = bootMs;
    s.rampFromPowerW = standbyPowerW(ctx, s);
    s.coolantOutletC = steadyOutletC(ctx, s, s.rampFromPowerW);
  }
  return copyState(s);
}

export function createMinerPhysics(
  spec: MinerModelSpec,
  params: Partial<MinerPhysicsParams> = {},
): MinerPhysics {
  const ctx: PhysicsContext = { spec, params: resolvePhysicsParams(params) };
  return {
    spec,
    params: ctx.params,
    initialState: (opts) => initialState(ctx, opts),
    step: (state, dtMs) => stepPhysics(ctx, state, dtMs),
    stepTo: (state, atMs) => (atMs > state.atMs ? stepPhysics(ctx, state, atMs - state.atMs) : state),
    readings: (state) => readingsOf(ctx, state),
    scheduleSoftOff: (state, atMs) => commands.scheduleSoftOff(ctx, state, atMs),
    scheduleSoftOn: (state, atMs) => commands.scheduleSoftOn(ctx, state, atMs),
    setWorkMode: (state, mode) => commands.setWorkMode(ctx, state, mode),
    setWorkLevel: (state, level) => commands.setWorkLevel(ctx, state, level),
    isCalibrating: (state) => commands.isCalibrating(state),
    reboot: (state, delayMs) => commands.reboot(ctx, state, delayMs),
    injectFault: (state, fault) => commands.injectFault(ctx, state, fault),
    clearFault: (state) => commands.clearFault(ctx, state),
    setCoolant: (state, coolant) => commands.setCoolant(ctx, state, coolant),
  };
}
