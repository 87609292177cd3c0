import type { MinerState } from "../../../domain/miner.js";
import { isFatalBoardError } from "./board-errors.js";
import type { BracketFields } from "./estats.js";

/** The `Work:` part of SYSTEMSTATU, or STATE's index into the same firmware table (0 Init, 1 Work, 2 Idle, 3 Fault). */
export type WorkPhase = "init" | "work" | "idle" | "fault";

const PHASE_BY_STATE: readonly WorkPhase[] = ["init", "work", "idle", "fault"];

// SoftOFF is the firmware's soft-off reason: 0 running; 4 (Avalon Q) and 5 (A1346) standby; 6 = booting.
const SOFTOFF_BOOTING = 6;

export function readWorkPhase(fields: BracketFields): WorkPhase {
  const status = fields.text("SYSTEMSTATU");
  if (status !== undefined) {
    const work = /Work:\s*([^,\]]*)/.exec(status)?.[1]?.trim() ?? "";
    if (/fault/i.test(work) || /over\s*hot/i.test(work)) return "fault";
    if (/in\s*work/i.test(work)) return "work";
    if (/in\s*idle/i.test(work)) return "idle";
    if (/in\s*init/i.test(work)) return "init";
    throw fields.unsupported("SYSTEMSTATU", `SYSTEMSTATU has an unknown work state: SYSTEMSTATU[${status}]`);
  }
  const state = fields.number("STATE");
  if (state === undefined) throw fields.unsupported("SYSTEMSTATU", "SYSTEMSTATU and STATE are both missing");
  const phase = PHASE_BY_STATE[state];
  if (phase === undefined) throw fields.unsupported("STATE", `STATE has an unknown value: STATE[${state}]`);
  return phase;
}

export interface StateInputs {
  phase: WorkPhase;
  /** STATE[3] flags a fault even when SYSTEMSTATU reads otherwise. */
  stateIndex: number | undefined;
  softOff: number;
  hashrateThs: number;
  /** ADJ: 1 once calibration finished; 0 while calibrating (mode changes are refused meanwhile). */
  adj: number | undefined;
  controlBoardErrorCode: number;
  boardErrorCodes: readonly number[];
  psuErrorCode: number;
}

/** Rules in priority order; see docs/avalon-driver.md. */
export function classifyState(s: StateInputs): MinerState {
  if (
    s.phase === "fault" ||
    s.stateIndex === 3 ||
    s.controlBoardErrorCode !== 0 ||
    s.boardErrorCodes.some(isFatalBoardError) ||
    s.psuErrorCode !== 0
  ) {
    return "fault";
  }
  if (s.softOff === SOFTOFF_BOOTING) return "starting";
  if (s.softOff > 0 && (s.phase === "idle" || s.hashrateThs === 0)) return "sleeping";
  // Idle without soft-off: hash rail off (A10 `hashpower,0`) with the control board up; it draws standby power.
  if (s.phase === "idle") return "sleeping";
  if (s.phase === "init") return "starting";
  if (s.adj === 0) return "calibrating";
  return s.hashrateThs > 0 ? "hashing" : "starting";
}
