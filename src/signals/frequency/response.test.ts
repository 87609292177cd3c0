import { describe, expect, it } from "vitest";
import {
  checkResponseTime,
  droopAllowedFraction,
  NOT_TRIPPED,
  type PowerSample,
  replayResponse,
  responseParamsFromPolicy,
  stepUnderFrequencyTrip,
  type TripState,
  tripFrequencyHz,
  type UnderFrequencyTripParams,
} from "./response.js";

const S = 1000;
const JAPAN_60HZ: UnderFrequencyTripParams = {
  threshold: { kind: "deviation", nominalHz: 60, deltaHz: 0.2 },
  holdS: 300,
  floorFraction: 0.1,
};
const ERCOT: UnderFrequencyTripParams = {
  threshold: { kind: "absolute", tripHz: 59.7 },
  recoverHz: 59.9,
  holdS: 60,
};

/** Steps through (second, Hz) pairs and returns the outputs. */
function run(params: UnderFrequencyTripParams, series: readonly [number, number | undefined][]) {
  let state: TripState = NOT_TRIPPED;
  return series.map(([s, hz]) => {
    const step = stepUnderFrequencyTrip(state, hz, s * S, params);
    state = step.state;
    return { s, fraction: step.allowedFraction, event: step.event };
  });
}

describe("under-frequency trip", () => {
  it("trips at or below nominal − 0.2 Hz, without floating-point misses", () => {
    expect(tripFrequencyHz(JAPAN_60HZ.threshold)).toBe(59.8);
    expect(
      run(JAPAN_60HZ, [
        [0, 59.81],
        [1, 59.8],
        [2, 59.79],
      ]),
    ).toEqual([
      { s: 0, fraction: 1, event: undefined },
      { s: 1, fraction: 0.1, event: "trip" },
      { s: 2, fraction: 0.1, event: undefined },
    ]);
  });

  it("releases only after the hold time above the recovery level, restarting it on every dip", () => {
    const out = run(JAPAN_60HZ, [
      [0, 59.75],
      [10, 59.85], // recovering since 10 s
      [200, 59.8], // at the threshold again: trips again, recovery restarts
      [201, 59.9], // recovering since 201 s
      [500, 59.95], // 299 s
      [501, 59.95], // 300 s: release
      [502, 59.95],
    ]);
    expect(out.map((o) => [o.s, o.fraction, o.event])).toEqual([
      [0, 0.1, "trip"],
      [10, 0.1, undefined],
      [200, 0.1, undefined],
      [201, 0.1, undefined],
      [500, 0.1, undefined],
      [501, 1, "release"],
      [502, 1, undefined],
    ]);
  });

  it("does not count missing data as recovery", () => {
    const out = run(JAPAN_60HZ, [
      [0, 59.7],
      [1, 59.9],
      [200, undefined],
      [301, 59.9],
      [600, 59.9],
      [601, 59.9],
    ]);
    expect(out.map((o) => o.event)).toEqual(["trip", undefined, undefined, undefined, undefined, "release"]);
  });

  it("uses an absolute threshold with a hysteresis band (ERCOT-style relay at 59.70 Hz)", () => {
    const out = run(ERCOT, [
      [0, 59.71],
      [1, 59.7],
      [2, 59.85], // above the trip level but inside the band: not recovering
      [70, 59.9], // still inside (recovered means > 59.9)
      [71, 59.91], // recovering since 71 s
      [131, 59.95], // 60 s later: release
    ]);
    expect(out.map((o) => [o.fraction, o.event])).toEqual([
      [1, undefined],
      [0, "trip"],
      [0, undefined],
      [0, undefined],
      [0, undefined],
      [1, "release"],
    ]);
  });
});

describe("droop", () => {
  const droop = { nominalHz: 60, deadbandHz: 0.02, fullDeltaHz: 0.2 };

  it("is 1 inside the deadband and above nominal, the floor at full deviation, linear between", () => {
    expect(droopAllowedFraction(60.3, droop)).toBe(1);
    expect(droopAllowedFraction(59.98, droop)).toBe(1);
    expect(droopAllowedFraction(59.89, droop)).toBeCloseTo(1 - 0.09 / 0.18, 12);
    expect(droopAllowedFraction(59.8, droop)).toBe(0);
    expect(droopAllowedFraction(59.89, { ...droop, floorFraction: 0.2 })).toBeCloseTo(0.6, 12);
  });

  it("matches the dispatcher policy's thresholds", () => {
    const params = responseParamsFromPolicy(
      { enabled: true, tripDeltaHz: 0.2, restoreDelayS: 300, droopDeadbandHz: 0.02, droopFullDeltaHz: 0.2 },
      60,
    );
    expect(params.trip?.threshold).toEqual({ kind: "deviation", nominalHz: 60, deltaHz: 0.2 });
    expect(params.droop).toEqual({ nominalHz: 60, deadbandHz: 0.02, fullDeltaHz: 0.2, floorFraction: 0 });
    const out = replayResponse(
      [
        { atMs: 0, frequencyHz: 60 },
        { atMs: S, frequencyHz: 59.89 },
        { atMs: 2 * S, frequencyHz: 59.8 },
      ],
      params,
    );
    expect(out.map((p) => [p.allowedFraction, p.tripped, p.event])).toEqual([
      [1, false, undefined],
      [0.5, false, undefined],
      [0, true, "trip"],
    ]);
  });
});

describe("checkResponseTime (Japan FCR: full response within 10 s, held 5 min)", () => {
  const req = { eventAtMs: 100 * S, targetW: 500_000, maxResponseS: 10, sustainS: 300, toleranceW: 10_000 };
  const series = (reachAtS: number, endS = 500, relapseAtS?: number): PowerSample[] => {
    const out: PowerSample[] = [];
    for (let s = 90; s <= endS; s++) {
      const shed = s >= reachAtS && (relapseAtS === undefined || s < relapseAtS);
      out.push({ atMs: s * S, powerW: shed ? 505_000 : 4_500_000 });
    }
    return out;
  };

  it("passes a response that reaches the target within 10 s and holds it", () => {
    expect(checkResponseTime(series(107), req)).toEqual({
      met: true,
      reachedAtMs: 107 * S,
      responseS: 7,
      detail: "reached 510000 W after 7 s (limit 10 s)",
    });
  });

  it("fails a slow response, a relapse, and a recording too short to show the hold", () => {
    expect(checkResponseTime(series(112), req)).toMatchObject({ met: false, responseS: 12 });
    expect(checkResponseTime(series(105, 500, 250), req)).toMatchObject({
      met: false,
      detail: "rose to 4500000 W after 145 s at the target; must hold 300 s",
    });
    expect(checkResponseTime(series(105, 200), req)).toMatchObject({
      met: false,
      detail: expect.stringContaining("data ends 95 s"),
    });
    expect(checkResponseTime(series(10_000), req)).toMatchObject({
      met: false,
      detail: "power never reached 510000 W after the event",
    });
  });
});
