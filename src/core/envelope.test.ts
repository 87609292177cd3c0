import { describe, expect, it } from "vitest";
import { buildContext } from "./context.js";
import {
  capMax,
  type Envelope,
  initialEnvelope,
  isWithin,
  narrow,
  raiseMin,
  restrictUnits,
} from "./envelope.js";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "./testing/reference-site.js";

function env(minW: number, maxW: number, modes: Record<string, number[]> = { a: [0, 1, 2] }): Envelope {
  return {
    window: { minW, maxW },
    units: new Map(Object.entries(modes).map(([id, m]) => [id, { stayModes: m, enterModes: m }])),
  };
}

describe("envelope", () => {
  it("starts at [0, physical max] with every mode allowed for controllable units", () => {
    const ctx = buildContext(referenceSnapshot({ units: 3 }), freshSignals(T0), policyWith(), T0);
    const e = initialEnvelope(ctx);
    expect(e.window).toEqual({ minW: 0, maxW: 3 * 8870 + 100_000 });
    expect(e.units.get("u000")).toEqual({ stayModes: [0, 1, 2], enterModes: [0, 1, 2] });
  });

  it("capMax and raiseMin respect the other bound: the earlier rule wins", () => {
    expect(capMax(env(100, 500), 50).window).toEqual({ minW: 100, maxW: 100 });
    expect(capMax(env(100, 500), 900).window).toEqual({ minW: 100, maxW: 500 });
    expect(raiseMin(env(100, 500), 900).window).toEqual({ minW: 500, maxW: 500 });
  });

  it("restrictUnits only removes modes and keeps enter within stay", () => {
    const e = restrictUnits(env(0, 10), "economics", () => ({ stay: (m) => m <= 1, enter: (m) => m === 0 }));
    expect(e.units.get("a")).toEqual({ stayModes: [0, 1], enterModes: [0], restrictedBy: "economics" });
    const again = restrictUnits(e, "other", () => ({ stay: () => true, enter: () => true }));
    expect(again).toBe(e);
  });

  it("narrow clamps a widening proposal and says what it tried", () => {
    const prev = env(100, 500, { a: [0, 1] });
    const proposed = env(0, 900, { a: [0, 1, 2] });
    const { envelope, widened } = narrow(prev, proposed);
    expect(envelope.window).toEqual({ minW: 100, maxW: 500 });
    expect(envelope.units.get("a")?.stayModes).toEqual([0, 1]);
    expect(widened).toEqual(["min 0 below 100", "max 900 above 500", "unit a modes"]);
    expect(isWithin(envelope, prev)).toBe(true);
    expect(isWithin(proposed, prev)).toBe(false);
  });

  it("narrow lets a proposal's maximum win over its own minimum", () => {
    const { envelope, widened } = narrow(env(0, 500), env(400, 300));
    expect(envelope.window).toEqual({ minW: 300, maxW: 300 });
    expect(widened).toEqual(["min 400 above max 300"]);
  });

  it("narrow restores a unit a proposal dropped", () => {
    const prev = env(0, 10, { a: [0], b: [1] });
    const { envelope, widened } = narrow(prev, env(0, 10, { a: [0] }));
    expect(envelope.units.get("b")?.stayModes).toEqual([1]);
    expect(widened).toEqual(["unit b dropped"]);
  });
});
