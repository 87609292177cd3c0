import { describe, expect, it } from "vitest";
import { A1566HA } from "../../drivers/miners/avalon/models.js";
import { createMinerPhysics } from "./index.js";

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;
const physics = createMinerPhysics(A1566HA);

describe("soft-off", () => {
  it("stops hashing at the scheduled epoch and reaches standby power within the fall time", () => {
    let s = physics.initialState({ nowMs: T0, initial: "hashing" });
    s = physics.scheduleSoftOff(s, T0 + 5 * S);
    expect(physics.readings(s).activity).toBe("softoff-pending");

    const before = physics.readings(physics.step(s, 4.9 * S));
    expect(before.phase).toBe("hashing");
    expect(before.wallPowerW).toBeCloseTo(8064, 6);
    expect(before.hashrateThs).toBeCloseTo(480, 6);

    const at = physics.readings(physics.step(s, 5 * S));
    expect(at.phase).toBe("sleeping");
    expect(at.hashrateThs).toBe(0);
    expect(at.softOffCode).toBe(4);
    expect(at.stateCode).toBe(2);

    const midFall = physics.readings(physics.step(s, 6.5 * S));
    expect(midFall.wallPowerW).toBeCloseTo((8064 + 120) / 2, 6);

    const after = physics.readings(physics.step(s, 8 * S));
    expect(after.wallPowerW).toBeCloseTo(A1566HA.standbyPowerW, 6);
    expect(after.dcPowerW).toBe(0);
    expect(after.lastSoftOffAtMs).toBe(T0 + 5 * S);
  });

  it("executes a soft-off scheduled in the past immediately", () => {
    const s = physics.scheduleSoftOff(physics.initialState({ nowMs: T0 }), T0 - 10 * S);
    expect(s.phase).toBe("sleeping");
  });
});

describe("wake", () => {
  it("boots, then calibrates while hashrate ramps to full over the configured minutes", () => {
    let s = physics.initialState({ nowMs: T0, initial: "sleeping" });
    s = physics.scheduleSoftOn(s, T0 + 5 * S);

    const booting = physics.readings(physics.step(s, 35 * S));
    expect(booting.phase).toBe("booting");
    expect(booting.hashrateThs).toBe(0);
    expect(booting.softOffCode).toBe(6);
    expect(booting.stateCode).toBe(0);
    expect(booting.wallPowerW).toBeGreaterThan(120);

    // Boot ends 60 s after the soft-on; the 240 s ramp is half done 120 s later.
    const halfway = physics.readings(physics.step(s, (5 + 60 + 120) * S));
    expect(halfway.phase).toBe("calibrating");
    expect(halfway.calibrationDone).toBe(false);
    expect(halfway.hashrateThs).toBeCloseTo(240, 6);

    const full = physics.readings(physics.step(s, (5 + 60 + 240) * S));
    expect(full.phase).toBe("hashing");
    expect(full.calibrationDone).toBe(true);
    expect(full.hashrateThs).toBeCloseTo(480, 6);
    expect(full.wallPowerW).toBeCloseTo(8064, 6);
  });

  it("follows configured boot and ramp times", () => {
    const quick = createMinerPhysics(A1566HA, { bootS: 10, rampS: 20 });
    let s = quick.initialState({ nowMs: T0, initial: "sleeping" });
    s = quick.scheduleSoftOn(s, T0);
    expect(quick.readings(quick.step(s, 20 * S)).hashrateThs).toBeCloseTo(240, 6);
    expect(quick.readings(quick.step(s, 30 * S)).phase).toBe("hashing");
  });
});

describe("calibration", () => {
  it("refuses mode changes while calibrating after a wake, and accepts them afterwards", () => {
    let s = physics.initialState({ nowMs: T0, initial: "sleeping" });
    s = physics.scheduleSoftOn(s, T0);
    s = physics.step(s, 100 * S);
    const refused = physics.setWorkMode(s, 2);
    expect(refused).toMatchObject({ ok: false, refused: "calibrating" });
    // Even the current mode is refused: the firmware checks calibration first.
    expect(physics.setWorkMode(s, 1)).toMatchObject({ ok: false, refused: "calibrating" });

    s = physics.step(s, 300 * S);
    const accepted = physics.setWorkMode(s, 2);
    expect(accepted.ok).toBe(true);
  });

  it("moves power to the new mode within seconds, then refuses further changes until calibrated", () => {
    let s = physics.initialState({ nowMs: T0 });
    const r = physics.setWorkMode(s, 0);
    if (!r.ok) throw new Error("refused");
    s = r.state;
    expect(physics.readings(s).phase).toBe("calibrating");
    expect(physics.readings(physics.step(s, 2.5 * S)).wallPowerW).toBeCloseTo((8064 + 6451) / 2, 6);
    const settled = physics.readings(physics.step(s, 5 * S));
    expect(settled.wallPowerW).toBeCloseTo(6451, 6);
    expect(settled.hashrateThs).toBeCloseTo(413, 6);
    expect(settled.modePowerLimitW).toBe(Math.round(6451 * 0.94));
    expect(physics.setWorkMode(physics.step(s, 60 * S), 2)).toMatchObject({
      ok: false,
      refused: "calibrating",
    });
    expect(physics.setWorkMode(physics.step(s, 121 * S), 2).ok).toBe(true);
  });

  it("refuses modes the model lacks", () => {
    const s = physics.initialState({ nowMs: T0 });
    expect(physics.setWorkMode(s, 3)).toMatchObject({ ok: false, refused: "unknown-mode" });
  });
});

describe("reboot", () => {
  it("forgets standby and comes back hashing in the last mode", () => {
    let s = physics.initialState({ nowMs: T0, initial: "sleeping", workMode: 2 });
    s = physics.scheduleSoftOff(s, T0 + 1000 * S);
    s = physics.reboot(s);
    expect(physics.readings(s).phase).toBe("booting");
    expect(physics.readings(s).uptimeS).toBe(0);
    s = physics.step(s, 400 * S);
    const r = physics.readings(s);
    expect(r.phase).toBe("hashing");
    expect(r.workMode).toBe(2);
    expect(r.hashrateThs).toBeCloseTo(509, 6);
    expect(r.pendingSoftOffAtMs).toBeNull();
    expect(r.uptimeS).toBe(400);
  });

  it("waits for a requested delay", () => {
    let s = physics.reboot(physics.initialState({ nowMs: T0 }), 10 * S);
    expect(physics.readings(s).activity).toBe("reboot-pending");
    s = physics.step(s, 10 * S);
    expect(s.phase).toBe("booting");
  });
});

describe("faults", () => {
  it("an injected fault drops to standby with board error codes until cleared", () => {
    let s = physics.injectFault(physics.initialState({ nowMs: T0 }), { boardErrorCodes: [0, 513, 0, 0] });
    s = physics.step(s, 5 * S);
    const r = physics.readings(s);
    expect(r.stateCode).toBe(3);
    expect(r.hashrateThs).toBe(0);
    expect(r.wallPowerW).toBeCloseTo(120, 6);
    expect(r.boards.map((b) => b.errorCode)).toEqual([0, 513, 0, 0]);
    expect(physics.scheduleSoftOn(s, s.atMs).phase).toBe("fault");
    s = physics.clearFault(s);
    expect(s.phase).toBe("booting");
  });
});

describe("determinism", () => {
  it("gives identical results for identical inputs and seeds", () => {
    const run = () => {
      let s = physics.initialState({ nowMs: T0, seed: 42 });
      s = physics.scheduleSoftOff(s, T0 + 30 * S);
      s = physics.step(s, 600 * S);
      s = physics.scheduleSoftOn(s, s.atMs + 5 * S);
      s = physics.step(s, 700 * S);
      return physics.readings(s);
    };
    expect(run()).toEqual(run());
  });

  it("does not depend on how time is sliced", () => {
    const start = physics.scheduleSoftOn(
      physics.initialState({ nowMs: T0, initial: "sleeping", seed: 7 }),
      T0,
    );
    const once = physics.step(start, 1000 * S);
    let many = start;
    for (let i = 0; i < 1000; i++) many = physics.step(many, S);
    const a = physics.readings(once);
    const b = physics.readings(many);
    expect(b.coolantOutletC).toBeCloseTo(a.coolantOutletC, 9);
    expect(b.hashrate1mThs).toBeCloseTo(a.hashrate1mThs, 9);
    expect(b.totalHashTh / a.totalHashTh).toBeCloseTo(1, 12);
    expect(b.wallPowerW).toBeCloseTo(a.wallPowerW, 9);
  });

  it("varies units by seed within the configured spreads", () => {
    for (let seed = 0; seed < 50; seed++) {
      const r = physics.readings(physics.initialState({ nowMs: T0, seed }));
      expect(Math.abs(r.wallPowerW / 8064 - 1)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(r.hashrateThs / 480 - 1)).toBeLessThanOrEqual(0.02 + 0.005 + 1e-9);
      expect(r.boards.reduce((s, b) => s + b.hashrateThs, 0)).toBeCloseTo(r.hashrateThs, 9);
    }
  });
});
