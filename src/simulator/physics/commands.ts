import { modeSpec, type PhysicsContext } from "./context.js";
import { copyState, type MinerFault, type MinerPhysicsState, type Mutable } from "./state.js";
import { stepPhysics } from "./step.js";
import { enterFault, enterPhase, executeReboot } from "./transitions.js";

// Commands act at the state's own `atMs`: step the state to "now" first. Actions due at or before `atMs` fire
// immediately (a soft-off scheduled in the past executes now, not retroactively).

export type CommandRefusal = "calibrating" | "unknown-mode" | "level-out-of-range";

export type CommandResult =
  | { ok: true; state: MinerPhysicsState }
  | { ok: false; refused: CommandRefusal; state: MinerPhysicsState };

function settle(ctx: PhysicsContext, s: MinerPhysicsState): MinerPhysicsState {
  return stepPhysics(ctx, s, 0);
}

export function scheduleSoftOff(
  ctx: PhysicsContext,
  state: MinerPhysicsState,
  atMs: number,
): MinerPhysicsState {
  const s = copyState(state);
  s.pendingSoftOffAtMs = atMs;
  s.lastSoftOffAtMs = atMs;
  return settle(ctx, s);
}

export function scheduleSoftOn(
  ctx: PhysicsContext,
  state: MinerPhysicsState,
  atMs: number,
): MinerPhysicsState {
  const s = copyState(state);
  s.pendingSoftOnAtMs = atMs;
  s.lastSoftOnAtMs = atMs;
  return settle(ctx, s);
}

/** True while calibration is unfinished: the firmware refuses mode and level changes then. */
export function isCalibrating(state: MinerPhysicsState): boolean {
  return state.phase === "calibrating" || state.phase === "booting";
}

export function setWorkMode(ctx: PhysicsContext, state: MinerPhysicsState, mode: number): CommandResult {
  if (modeSpec(ctx.spec, mode) === undefined) return { ok: false, refused: "unknown-mode", state };
  // The firmware checks calibration before comparing modes, so even a same-mode request is refused then.
  if (isCalibrating(state)) return { ok: false, refused: "calibrating", state };
  if (mode === state.workMode) return { ok: true, state };
  const s: Mutable<MinerPhysicsState> = copyState(state);
  if (s.phase !== "hashing") {
    // Asleep or in fault: the new mode applies when the unit next hashes.
    s.workMode = mode;
    return { ok: true, state: s };
  }
  const p = ctx.params;
  const calibrationMs = p.modeChangeCalibrationS * 1000;
  // enterPhase reads the old mode's ramp position before the mode switches the target.
  if (calibrationMs > 0) enterPhase(ctx, s, "calibrating", p.modeChangeS * 1000, s.atMs + calibrationMs);
  else enterPhase(ctx, s, "hashing", p.modeChangeS * 1000, null);
  s.workMode = mode;
  return { ok: true, state: s };
}

export function setWorkLevel(ctx: PhysicsContext, state: MinerPhysicsState, level: number): CommandResult {
  if (!Number.isInteger(level) || level < ctx.params.workLevelMin || level > ctx.params.workLevelMax) {
    return { ok: false, refused: "level-out-of-range", state };
  }
  if (isCalibrating(state)) return { ok: false, refused: "calibrating", state };
  const s = copyState(state);
  s.workLevel = level;
  return { ok: true, state: s };
}

export function reboot(ctx: PhysicsContext, state: MinerPhysicsState, delayMs = 0): MinerPhysicsState {
  if (delayMs <= 0) {
    const s: Mutable<MinerPhysicsState> = copyState(state);
    executeReboot(ctx, s);
    return s;
  }
  const s = copyState(state);
  s.pendingRebootAtMs = state.atMs + delayMs;
  return settle(ctx, s);
}

export function injectFault(
  ctx: PhysicsContext,
  state: MinerPhysicsState,
  fault: Partial<MinerFault> = {},
): MinerPhysicsState {
  const s: Mutable<MinerPhysicsState> = copyState(state);
  enterFault(ctx, s, {
    cause: fault.cause ?? "injected",
    // 513: "hash board is in abnormal state" in Avalon tooling (tetherto miningos worker).
    boardErrorCodes:
      fault.boardErrorCodes ?? Array.from({ length: ctx.spec.hashBoards }, (_, b) => (b === 0 ? 513 : 0)),
    controlErrorCode: fault.controlErrorCode ?? 0,
  });
  return s;
}

/** Clearing a fault is a reboot: the unit boots and comes back hashing in its last mode. */
export function clearFault(ctx: PhysicsContext, state: MinerPhysicsState): MinerPhysicsState {
  if (state.phase !== "fault") return state;
  return reboot(ctx, state);
}

export function setCoolant(
  ctx: PhysicsContext,
  state: MinerPhysicsState,
  coolant: { inletC?: number; flowLPerMin?: number },
): MinerPhysicsState {
  const s: Mutable<MinerPhysicsState> = copyState(state);
  if (coolant.inletC !== undefined) s.coolantInletC = coolant.inletC;
  if (coolant.flowLPerMin !== undefined) s.coolantFlowLPerMin = Math.max(0, coolant.flowLPerMin);
  return settle(ctx, s);
}
