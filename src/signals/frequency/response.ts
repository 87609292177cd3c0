// How far the flexible load may run at a given grid frequency. Pure: time and samples are arguments.
// Outputs are the allowed fraction of flexible load (1 = no restriction, the floor fraction = fully shed).
// Two mechanisms, applied together by taking the smaller fraction:
//  - under-frequency trip: at or below a threshold, shed to the floor; release only after the frequency has stayed
//    above the recovery level for a hold time (Japan's FCR "abnormal" criterion is nominal − 0.2 Hz; ERCOT's load
//    resources use an under-frequency relay at 59.70 Hz);
//  - proportional droop: nothing inside a deadband, then linear down to the floor at a full-response deviation.
import type { FrequencyPolicy } from "../../domain/policy.js";
import type { FrequencySample } from "./sample.js";

/** Deviations are compared in µHz so that 60 − 59.8 is 0.2 and not 0.20000000000000284. */
export const roundHz = (hz: number): number => Math.round(hz * 1e6) / 1e6;

export type TripThreshold =
  /** Trip at nominal − deltaHz, e.g. Japan FCR: { nominalHz: 60, deltaHz: 0.2 } (0.3 in Hokkaido). */
  | { readonly kind: "deviation"; readonly nominalHz: number; readonly deltaHz: number }
  /** Trip at an absolute frequency, e.g. ERCOT load-resource relays: { tripHz: 59.7 }. */
  | { readonly kind: "absolute"; readonly tripHz: number };

export interface UnderFrequencyTripParams {
  readonly threshold: TripThreshold;
  /** Recovered while f > recoverHz. Default: the trip frequency; set it higher for hysteresis. */
  readonly recoverHz?: number;
  /** The recovery must last this long, uninterrupted, before load may return. */
  readonly holdS: number;
  /** Allowed fraction of flexible load while tripped. Default 0. */
  readonly floorFraction?: number;
}

export type TripState =
  | { readonly tripped: false }
  | { readonly tripped: true; readonly trippedAtMs: number; readonly recoveringSinceMs?: number };

export const NOT_TRIPPED: TripState = { tripped: false };

export interface TripStep {
  readonly state: TripState;
  readonly allowedFraction: number;
  /** Set on the step where the trip starts or ends. */
  readonly event?: "trip" | "release";
}

export function tripFrequencyHz(threshold: TripThreshold): number {
  return roundHz(threshold.kind === "absolute" ? threshold.tripHz : threshold.nominalHz - threshold.deltaHz);
}

/**
 * Advances the trip state by one measurement. `frequencyHz` undefined means no valid measurement at nowMs: a tripped
 * site then stays tripped and its recovery starts over, because missing data is no evidence of recovery.
 */
export function stepUnderFrequencyTrip(
  state: TripState,
  frequencyHz: number | undefined,
  nowMs: number,
  params: UnderFrequencyTripParams,
): TripStep {
  const tripHz = tripFrequencyHz(params.threshold);
  const recoverHz = roundHz(params.recoverHz ?? tripHz);
  const floor = params.floorFraction ?? 0;
  const f = frequencyHz === undefined ? undefined : roundHz(frequencyHz);

  if (f !== undefined && f <= tripHz) {
    if (state.tripped)
      return { state: { tripped: true, trippedAtMs: state.trippedAtMs }, allowedFraction: floor };
    return { state: { tripped: true, trippedAtMs: nowMs }, allowedFraction: floor, event: "trip" };
  }
  if (!state.tripped) return { state, allowedFraction: 1 };
  if (f === undefined || f <= recoverHz) {
    return { state: { tripped: true, trippedAtMs: state.trippedAtMs }, allowedFraction: floor };
  }
  const since = state.recoveringSinceMs ?? nowMs;
  if (nowMs - since >= params.holdS * 1000)
    return { state: NOT_TRIPPED, allowedFraction: 1, event: "release" };
  return {
    state: { tripped: true, trippedAtMs: state.trippedAtMs, recoveringSinceMs: since },
    allowedFraction: floor,
  };
}

export interface DroopParams {
  readonly nominalHz: number;
  /** No response while nominal − f ≤ deadbandHz. */
  readonly deadbandHz: number;
  /** Full response (the floor) at nominal − f ≥ fullDeltaHz; linear in between. MUST exceed deadbandHz. */
  readonly fullDeltaHz: number;
  /** Default 0. */
  readonly floorFraction?: number;
}

/** Allowed fraction of flexible load at frequency f. Over-frequency never raises it above 1. */
export function droopAllowedFraction(frequencyHz: number, params: DroopParams): number {
  const floor = params.floorFraction ?? 0;
  const deviationHz = roundHz(params.nominalHz - frequencyHz);
  if (deviationHz <= params.deadbandHz) return 1;
  if (deviationHz >= params.fullDeltaHz || params.fullDeltaHz <= params.deadbandHz) return floor;
  const shed = (deviationHz - params.deadbandHz) / (params.fullDeltaHz - params.deadbandHz);
  return 1 - shed * (1 - floor);
}

export interface FrequencyResponseParams {
  readonly trip?: UnderFrequencyTripParams;
  readonly droop?: DroopParams;
}

/** The same thresholds the dispatcher's frequency rule uses, for analysing a recording with its policy. */
export function responseParamsFromPolicy(
  policy: FrequencyPolicy,
  nominalHz: number,
  floorFraction = 0,
): FrequencyResponseParams {
  return {
    trip: {
      threshold: { kind: "deviation", nominalHz, deltaHz: policy.tripDeltaHz },
      holdS: policy.restoreDelayS,
      floorFraction,
    },
    droop: {
      nominalHz,
      deadbandHz: policy.droopDeadbandHz,
      fullDeltaHz: policy.droopFullDeltaHz,
      floorFraction,
    },
  };
}

export interface ResponsePoint {
  readonly atMs: number;
  readonly frequencyHz: number;
  readonly allowedFraction: number;
  readonly tripped: boolean;
  readonly event?: "trip" | "release";
}

/** Runs trip and droop over a recording, one output per sample. Samples MUST be sorted by time. */
export function replayResponse(
  samples: readonly FrequencySample[],
  params: FrequencyResponseParams,
): ResponsePoint[] {
  const out: ResponsePoint[] = [];
  let state: TripState = NOT_TRIPPED;
  for (const s of samples) {
    let fraction = 1;
    let event: "trip" | "release" | undefined;
    if (params.trip !== undefined) {
      const step = stepUnderFrequencyTrip(state, s.frequencyHz, s.atMs, params.trip);
      state = step.state;
      fraction = step.allowedFraction;
      event = step.event;
    }
    if (params.droop !== undefined)
      fraction = Math.min(fraction, droopAllowedFraction(s.frequencyHz, params.droop));
    const point = {
      atMs: s.atMs,
      frequencyHz: s.frequencyHz,
      allowedFraction: fraction,
      tripped: state.tripped,
    };
    out.push(event === undefined ? point : { ...point, event });
  }
  return out;
}

export interface PowerSample {
  readonly atMs: number;
  /** Site power, import positive. */
  readonly powerW: number;
}

export interface ResponseRequirement {
  /** When the frequency crossed the trigger. */
  readonly eventAtMs: number;
  /** Full response: site power at or below this. */
  readonly targetW: number;
  /** Japan FCR: full response within 10 s. */
  readonly maxResponseS: number;
  /** Japan FCR: hold it for at least 5 min. Default 0. */
  readonly sustainS?: number;
  /** Meter noise allowed above the target. Default 0. */
  readonly toleranceW?: number;
}

export interface ResponseCheck {
  readonly met: boolean;
  /** First sample at or below the target after the event. */
  readonly reachedAtMs?: number;
  readonly responseS?: number;
  readonly detail: string;
}

/** Did metered power reach the target in time and stay there? `power` MUST be sorted by time. */
export function checkResponseTime(power: readonly PowerSample[], req: ResponseRequirement): ResponseCheck {
  const limitW = req.targetW + (req.toleranceW ?? 0);
  const sustainMs = (req.sustainS ?? 0) * 1000;
  const after = power.filter((p) => p.atMs >= req.eventAtMs);
  const reached = after.find((p) => p.powerW <= limitW);
  if (reached === undefined) {
    return { met: false, detail: `power never reached ${limitW} W after the event` };
  }
  const responseS = (reached.atMs - req.eventAtMs) / 1000;
  const base = { reachedAtMs: reached.atMs, responseS };
  if (responseS > req.maxResponseS) {
    return {
      met: false,
      ...base,
      detail: `reached ${limitW} W after ${responseS} s; limit ${req.maxResponseS} s`,
    };
  }
  if (sustainMs > 0) {
    const endMs = reached.atMs + sustainMs;
    const relapse = after.find((p) => p.atMs > reached.atMs && p.atMs <= endMs && p.powerW > limitW);
    if (relapse !== undefined) {
      const heldS = (relapse.atMs - reached.atMs) / 1000;
      return {
        met: false,
        ...base,
        detail: `rose to ${relapse.powerW} W after ${heldS} s at the target; must hold ${req.sustainS} s`,
      };
    }
    const lastAtMs = after.at(-1)?.atMs ?? reached.atMs;
    if (lastAtMs < endMs) {
      return {
        met: false,
        ...base,
        detail: `data ends ${(lastAtMs - reached.atMs) / 1000} s after reaching the target; need ${req.sustainS} s`,
      };
    }
  }
  return {
    met: true,
    ...base,
    detail: `reached ${limitW} W after ${responseS} s (limit ${req.maxResponseS} s)`,
  };
}
