import { describe, expect, it } from "vitest";
import { A1566HA } from "../../drivers/miners/avalon/models.js";
import { createMinerPhysics, lagFirstExceedS, lagLinear } from "./index.js";

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;

describe("hydro loop", () => {
  it("settles the outlet at inlet + P/(flow·cp)", () => {
    // 8064 W into 9 L/min of water (1 kg/L, 4186 J/(kg·K)): 8064 / (0.15 kg/s × 4186) = 12.8428 K over 35 °C.
    const physics = createMinerPhysics(A1566HA);
    let s = physics.initialState({ nowMs: T0, initial: "booting" });
    s = physics.step(s, 3600 * S);
    const r = physics.readings(s);
    expect(r.phase).toBe("hashing");
    expect(r.coolantOutletC).toBeCloseTo(47.84280936454849, 9);
    expect(r.coolantInletC).toBe(35);
    expect(r.chipTempAvgC).toBeCloseTo(47.84280936454849 + (2 * 8064 * 0.94) / 1000, 9);
  });

  it("lags a power step with the configured time constant", () => {
    const physics = createMinerPhysics(A1566HA, { thermalTimeConstantS: 60, softOffFallS: 0 });
    let s = physics.initialState({ nowMs: T0 });
    const hot = s.coolantOutletC;
    const cold = 35 + 120 / ((9 / 60) * 4186);
    s = physics.scheduleSoftOff(s, T0);
    s = physics.step(s, 60 * S);
    expect(s.coolantOutletC).toBeCloseTo(cold + (hot - cold) * Math.exp(-1), 9);
  });

  it("follows inlet and flow changes", () => {
    const physics = createMinerPhysics(A1566HA);
    let s = physics.setCoolant(physics.initialState({ nowMs: T0 }), { inletC: 30, flowLPerMin: 12 });
    s = physics.step(s, 3600 * S);
    expect(s.coolantOutletC).toBeCloseTo(30 + 8064 / ((12 / 60) * 4186), 9);
  });

  it("trips into a fault when the outlet exceeds the limit", () => {
    const physics = createMinerPhysics(A1566HA);
    let s = physics.setCoolant(physics.initialState({ nowMs: T0 }), { flowLPerMin: 2 });
    const start = s.coolantOutletC;
    const ss = 35 + 8064 / ((2 / 60) * 4186);
    const tripAtS = -60 * Math.log((65 - ss) / (start - ss));
    s = physics.step(s, 600 * S);
    const r = physics.readings(s);
    expect(r.phase).toBe("fault");
    expect(r.systemStatus).toBe("fault");
    expect(r.boards.map((b) => b.errorCode)).toEqual([128, 128, 128, 128]);
    expect(r.lastHashingAtMs).not.toBeNull();
    expect(((r.lastHashingAtMs ?? 0) - T0) / 1000).toBeCloseTo(tripAtS, 3);
    expect(r.wallPowerW).toBeCloseTo(120, 6);
  });
});

describe("first-order lag", () => {
  it("matches the closed form for a ramp input", () => {
    // y' = (a + b t − y)/τ, y(0) = y0 → derivative at t matches a finite difference.
    const [y0, a, b, tau] = [20, 30, 0.5, 40];
    const t = 17;
    const dt = 1e-4;
    const deriv = (lagLinear(y0, a, b, tau, t + dt) - lagLinear(y0, a, b, tau, t - dt)) / (2 * dt);
    expect(deriv).toBeCloseTo((a + b * t - lagLinear(y0, a, b, tau, t)) / tau, 6);
  });

  it("finds the first crossing of a limit, including past an interior maximum", () => {
    expect(lagFirstExceedS(10, 20, 0, 10, 100, 15)).toBeCloseTo(-10 * Math.log(0.5), 5);
    expect(lagFirstExceedS(10, 20, 0, 10, 100, 25)).toBeNull();
    // Rising toward 100 while the input falls: peaks inside the interval, then decays.
    const cross = lagFirstExceedS(0, 100, -5, 10, 30, 40);
    expect(cross).not.toBeNull();
    expect(lagLinear(0, 100, -5, 10, cross ?? 0)).toBeCloseTo(40, 4);
  });
});
