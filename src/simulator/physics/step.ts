import { hashrateAtThs, outletRiseKPerW, type PhysicsContext, powerAtW } from "./context.js";
import { lagFirstExceedS, lagLinear } from "./lag.js";
import { copyState, type MinerPhysicsState, type Mutable } from "./state.js";
import {
  enterFault,
  executePhaseEnd,
  executeReboot,
  executeSoftOff,
  executeSoftOn,
  overheatFault,
} from "./transitions.js";

const EMA_1M_S = 60;
const EMA_5M_S = 300;
const EMA_15M_S = 900;

type EventKind = "phase-end" | "reboot" | "softoff" | "softon";

// Same-instant events run in this order: a phase finishing first, then a reboot (which clears the rest).
const EVENT_ORDER: readonly EventKind[] = ["phase-end", "reboot", "softoff", "softon"];

function eventTime(s: MinerPhysicsState, kind: EventKind): number | null {
  switch (kind) {
    case "phase-end":
      return s.phaseEndMs;
    case "reboot":
      return s.pendingRebootAtMs;
    case "softoff":
      return s.pendingSoftOffAtMs;
    case "softon":
      return s.pendingSoftOnAtMs;
  }
}

function nextDueEvent(s: MinerPhysicsState): EventKind | null {
  let best: EventKind | null = null;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const kind of EVENT_ORDER) {
    const at = eventTime(s, kind);
    if (at !== null && at <= s.atMs && at < bestAt) {
      best = kind;
      bestAt = at;
    }
  }
  return best;
}

function applyDueEvents(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>): void {
  for (let guard = 0; guard < 64; guard++) {
    const kind = nextDueEvent(s);
    if (kind === null) return;
    if (kind === "phase-end") executePhaseEnd(ctx, s);
    else if (kind === "reboot") executeReboot(ctx, s);
    else if (kind === "softoff") executeSoftOff(ctx, s);
    else executeSoftOn(ctx, s);
  }
}

function nextBoundaryMs(s: MinerPhysicsState): number {
  let next = Number.POSITIVE_INFINITY;
  const rampEnd = s.phaseStartMs + s.rampMs;
  if (rampEnd > s.atMs) next = rampEnd;
  for (const kind of EVENT_ORDER) {
    const at = eventTime(s, kind);
    if (at !== null && at > s.atMs && at < next) next = at;
  }
  return next;
}

/** Advances over an interval with no events inside, where power and hashrate are linear. */
function integrate(ctx: PhysicsContext, s: Mutable<MinerPhysicsState>, toMs: number): void {
  const spanS = (toMs - s.atMs) / 1000;
  if (spanS <= 0) return;
  const p0 = powerAtW(ctx, s, s.atMs);
  const p1 = powerAtW(ctx, s, toMs);
  const h0 = hashrateAtThs(ctx, s, s.atMs);
  const h1 = hashrateAtThs(ctx, s, toMs);
  const rise = outletRiseKPerW(ctx, s);
  const a = s.coolantInletC + p0 * rise;
  const b = ((p1 - p0) / spanS) * rise;
  const tau = ctx.params.thermalTimeConstantS;

  let endS = spanS;
  let trips = false;
  if (s.phase !== "fault") {
    const exceedS = lagFirstExceedS(s.coolantOutletC, a, b, tau, spanS, ctx.params.outletTripC);
    if (exceedS !== null) {
      endS = exceedS;
      trips = true;
    }
  }

  const hSlope = (h1 - h0) / spanS;
  const hEnd = h0 + hSlope * endS;
  s.coolantOutletC = lagLinear(s.coolantOutletC, a, b, tau, endS);
  s.hashrate1mThs = lagLinear(s.hashrate1mThs, h0, hSlope, EMA_1M_S, endS);
  s.hashrate5mThs = lagLinear(s.hashrate5mThs, h0, hSlope, EMA_5M_S, endS);
  s.hashrate15mThs = lagLinear(s.hashrate15mThs, h0, hSlope, EMA_15M_S, endS);
  s.totalHashTh += ((h0 + hEnd) / 2) * endS;
  const endMs = trips ? s.atMs + endS * 1000 : toMs;
  if (h0 > 0 || hEnd > 0) s.lastHashingAtMs = endMs;
  s.atMs = endMs;
  if (trips) enterFault(ctx, s, overheatFault(ctx));
}

/** Advances the unit by `dtMs`, firing scheduled actions and phase ends at their exact times. Pure. */
export function stepPhysics(ctx: PhysicsContext, state: MinerPhysicsState, dtMs: number): MinerPhysicsState {
  const s: Mutable<MinerPhysicsState> = copyState(state);
  const endMs = state.atMs + Math.max(0, dtMs);
  for (let guard = 0; guard < 100_000; guard++) {
    applyDueEvents(ctx, s);
    if (s.atMs >= endMs) break;
    integrate(ctx, s, Math.min(endMs, nextBoundaryMs(s)));
  }
  return s;
}
