import { describe, expect, it } from "vitest";
import type { Decision } from "../../domain/decision.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { SiteSnapshot, UnitSnapshot } from "../../domain/site.js";
import { A1566 } from "../../drivers/miners/avalon/models.js";
import { decide } from "../decide.js";
import { a1566haUnit, freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { step } from "../testing/simulate.js";

// Green-only with no auxiliaries and no cooling limit (no ambient sensor) so that the arithmetic is just the units.
const green = (over: Partial<SitePolicy> = {}) =>
  policyWith({
    mode: "green-only",
    auxiliary: { ...policyWith().auxiliary, defaultW: 0 },
    coolingCapacity: [],
    ...over,
  });
const site = (units: UnitSnapshot[]): SiteSnapshot => ({ atMs: T0, units });
const surplus = (w: number) => freshSignals(T0, { surplusW: w });

function a1566(i: number, o: Parameters<typeof a1566haUnit>[2] = {}): UnitSnapshot {
  const u = a1566haUnit(i, T0, o);
  const spec = A1566.modes.find((m) => m.mode === (o.mode ?? 1));
  const on = u.state === "hashing";
  return {
    ...u,
    model: "A1566",
    modes: A1566.modes,
    standbyPowerW: A1566.standbyPowerW,
    powerW: on ? (spec?.powerW ?? 0) : 60,
  };
}

const asleep = (n: number, o: Parameters<typeof a1566haUnit>[2] = {}) =>
  Array.from({ length: n }, (_, i) => a1566haUnit(i, T0, { state: "sleeping", ...o }));

describe("allocator", () => {
  it("wakes the most efficient unit first, then the healthier of equals", () => {
    const units = [
      a1566(0, { state: "sleeping" }),
      a1566haUnit(1, T0, { state: "sleeping", healthScore: 0.8 }),
      a1566haUnit(2, T0, { state: "sleeping", healthScore: 0.9 }),
    ];
    // 20 kW − 10 kW hysteresis leaves room for one A1566HA (Eco 15.3 J/TH beats the A1566's 18.4 J/TH).
    const d = decide(site(units), surplus(20_000), green(), T0);
    expect(d.commands).toEqual([{ unitId: "u002", action: "wake", mode: 0, cause: "allocator" }]);
  });

  it("wakes units straight into the mode the merit order gives them", () => {
    // Room (below target − 1 kW hysteresis) for 3 wakes in Eco and 2 upgrades to Standard: those 2 wake in Standard.
    const target = 360 + 3 * 6_331 + 2 * 1_613 + 1_000 + 500;
    const d = decide(site(asleep(3)), surplus(target), green({ hysteresisW: 1_000 }), T0);
    expect(d.commands.map((c) => `${c.unitId}:${c.action}:${c.mode}`)).toEqual([
      "u000:wake:1",
      "u001:wake:1",
      "u002:wake:0",
    ]);
    expect(d.plannedPowerW).toBe(2 * 8_064 + 6_451);
  });

  it("runs every allowed unit at its top mode when the target does not bind", () => {
    const d = decide(site(asleep(3)), surplus(1_000_000), green(), T0);
    expect(d.window.maxW).toBe(3 * 8_870);
    expect(d.commands.map((c) => `${c.unitId}:${c.action}:${c.mode}`)).toEqual([
      "u000:wake:2",
      "u001:wake:2",
      "u002:wake:2",
    ]);
    expect(d.reasons.find((r) => r.effect === "+26,250 W")?.detail).toMatch(
      /target not binding: every allowed unit at its top mode/,
    );
  });

  it("stops at the first merit step that does not fit rather than filling with a worse one", () => {
    // After 2 Eco wakes 4,000 W are left: not enough for the third wake, and the Standard upgrades that would fit
    // come later in merit order, so they wait.
    const target = 360 + 2 * 6_331 + 4_000 + 1_000;
    const d = decide(site(asleep(3)), surplus(target), green({ hysteresisW: 1_000 }), T0);
    expect(d.commands.map((c) => `${c.unitId}:${c.action}:${c.mode}`)).toEqual([
      "u000:wake:0",
      "u001:wake:0",
    ]);
  });

  it("sheds least efficient steps first when more than the deadband above target", () => {
    const units = Array.from({ length: 20 }, (_, i) => a1566haUnit(i, T0));
    const nowW = 20 * 8_064;
    expect(decide(site(units), surplus(nowW - 9_000), green(), T0).commands).toEqual([]);
    const d = decide(site(units), surplus(nowW - 15_000), green(), T0);
    // Standard → Eco removes 1,613 W at 24.1 J/TH, worse than sleeping an Eco unit (15.3 J/TH): 10 steps.
    expect(d.commands).toHaveLength(10);
    expect(d.commands.every((c) => c.action === "set-mode" && c.mode === 0)).toBe(true);
    expect(d.commands[0]?.unitId).toBe("u019");
    expect(d.plannedPowerW).toBe(nowW - 16_130);
    expect(d.reasons.find((r) => r.effect === "10 steps down")?.detail).toMatch(
      /^planned 161,280 W was more than the 10,000 W deadband above target 146,280 W; stepped down least efficient first/,
    );
  });

  it("reports the deadband when the site is close enough to the target", () => {
    const units = Array.from({ length: 20 }, (_, i) => a1566haUnit(i, T0));
    const d = decide(site(units), surplus(20 * 8_064 + 5_000), green(), T0);
    expect(d.commands).toEqual([]);
    expect(d.reasons.find((r) => r.rule === "deadband")?.detail).toBe(
      "planned 161,280 W is within the 10,000 W deadband below target 166,280 W",
    );
  });

  it("keeps the hysteresis headroom below the target when adding a step", () => {
    const target = 240 + 6_331 + 10_000;
    const justShort = decide(site(asleep(2)), surplus(target - 1), green({ deadbandW: 0 }), T0);
    expect(justShort.commands).toEqual([]);
    expect(justShort.reasons.find((r) => r.rule === "hysteresis")?.detail).toMatch(
      /stopped: next step \(u000 wake \+6,331 W\) would leave less than the 10,000 W hysteresis below target$/,
    );
    const enough = decide(site(asleep(2)), surplus(target), green({ deadbandW: 0 }), T0);
    expect(enough.commands).toEqual([{ unitId: "u000", action: "wake", mode: 0, cause: "allocator" }]);
  });

  it("does not shed units inside their minimum on time for a soft target", () => {
    const units = Array.from({ length: 10 }, (_, i) => a1566haUnit(i, T0, { sinceMs: T0 - 60_000 }));
    const d = decide(site(units), surplus(0), green(), T0);
    expect(d.commands).toEqual([]);
    expect(d.reasons.find((r) => r.effect === "0 steps down")?.detail).toMatch(
      /; 10 units still running held by dwell or in transition$/,
    );
  });

  it("does not wake units inside their minimum off time", () => {
    const units = asleep(4, { sinceMs: T0 - 60_000 });
    const d = decide(site(units), surplus(1_000_000), green(), T0);
    expect(d.commands).toEqual([]);
    expect(d.reasons.find((r) => r.rule === "dwell")?.detail).toBe(
      "within their 300 s minimum off time: u000, u001, u002, u003",
    );
  });

  it("wakes at most maxWakesPerTick units", () => {
    const d = decide(
      referenceSnapshot({ state: "sleeping" }),
      freshSignals(T0),
      policyWith({ maxWakesPerTick: 5 }),
      T0,
    );
    expect(d.commands.filter((c) => c.action === "wake")).toHaveLength(5);
    expect(d.reasons.find((r) => r.rule === "stagger")?.detail).toMatch(
      /stopped: 5 wakes this tick \(stagger limit\); next: u005 wake/,
    );
  });

  it("limits the upward ramp with an allowance that carries over between ticks", () => {
    const p = green({ ramp: { upWPerS: 1_000, burstS: 5 } });
    const first: SiteSnapshot = {
      ...site(asleep(3)),
      memory: { atMs: T0 - 5_000, auxiliaryW: 0, rampCreditW: 0 },
    };
    const d1 = decide(first, surplus(1_000_000), p, T0);
    expect(d1.commands).toEqual([]);
    expect(d1.memory.rampCreditW).toBe(5_000);
    expect(d1.reasons.find((r) => r.rule === "ramp-limit")?.detail).toMatch(
      /stopped: up-ramp allowance left 5,000 W \(1,000 W\/s\); next: u000 wake \+8,750 W$/,
    );
    // The allowance holds up to the largest single step (8,870 W), so a slow ramp still wakes one unit at a time.
    const second: SiteSnapshot = { ...first, memory: d1.memory };
    const d2 = decide(second, freshSignals(T0 + 5_000, { surplusW: 1_000_000 }), p, T0 + 5_000);
    expect(d2.commands).toEqual([{ unitId: "u000", action: "wake", mode: 2, cause: "allocator" }]);
    expect(d2.memory.rampCreditW).toBe(8_870 - 8_750);
  });

  it("counts starting units as the power that is coming", () => {
    const units = [
      ...Array.from({ length: 4 }, (_, i) =>
        a1566haUnit(i, T0, { state: "starting", mode: 1, sinceMs: T0 - 10_000 }),
      ),
      ...Array.from({ length: 4 }, (_, i) => a1566haUnit(i + 4, T0, { state: "sleeping" })),
    ];
    // Room for 6 units in Standard: 4 are coming, so 2 wake.
    const d = decide(site(units), surplus(6 * 8_064 + 2 * 120 + 10_000), green(), T0);
    expect(d.commands.map((c) => c.unitId)).toEqual(["u004", "u005"]);
  });

  it("emits nothing for units already where they should be or with a command in flight", () => {
    const units = [
      a1566haUnit(0, T0),
      {
        ...a1566haUnit(1, T0, { state: "sleeping" }),
        pending: { action: "wake" as const, mode: 1, atMs: T0 - 1_000 },
      },
    ];
    const d = decide(site(units), surplus(2 * 8_064 + 500), green(), T0);
    expect(d.commands).toEqual([]);
    expect(d.plannedPowerW).toBe(2 * 8_064);
  });

  it("raises nothing in a tick that stepped a unit down", () => {
    const units = [
      a1566haUnit(0, T0, { faultFlags: ["psu-error"] }),
      ...asleep(3).map((u, i) => ({ ...u, id: `s${i}` })),
    ];
    const d = decide(site(units), surplus(1_000_000), green(), T0);
    expect(d.commands).toEqual([{ unitId: "u000", action: "sleep", cause: "safety" }]);
    expect(d.reasons.find((r) => r.effect === "no raise")?.detail).toBe(
      "units were stepped down this tick; none is raised in the same tick",
    );
  });

  it("sleeps the least efficient free units first under an obligation", () => {
    const units = [
      a1566haUnit(0, T0),
      a1566(1),
      a1566haUnit(2, T0, { sinceMs: T0 - 1_000 }),
      a1566(3, { sinceMs: T0 - 1_000 }),
    ];
    const limit = freshSignals(T0, { surplusW: 1_000_000 }, { importLimitW: 8_064 + 3_731 + 60 + 120 });
    const d = decide(site(units), limit, green(), T0);
    // u001 (A1566, 20.2 J/TH) is free and least efficient; u000 is free too, but u003 alone is enough after u001.
    expect(d.commands.map((c) => c.unitId)).toEqual(["u001", "u000"]);
  });

  it("brings the 558-unit reference site from asleep to the merit-order ideal without flapping", () => {
    let s = referenceSnapshot({ state: "sleeping" });
    const policy = policyWith();
    const decisions: Decision[] = [];
    for (let k = 0; k < 45; k++) {
      const nowMs = T0 + k * 5_000;
      const d = decide(s, freshSignals(nowMs), policy, nowMs);
      decisions.push(d);
      s = step(s, d, nowMs + 5_000, { bootS: 60, auxW: 100_000 });
    }
    const commands = decisions.flatMap((d) => d.commands);
    // 558 wakes at 20 per tick, each straight into its final mode: no mode changes, no sleeps.
    expect(commands).toHaveLength(558);
    expect(commands.every((c) => c.action === "wake")).toBe(true);
    expect(decisions.slice(28).every((d) => d.commands.length === 0)).toBe(true);
    // 4,500,000 W − 10,000 W hysteresis: all 558 in Eco, then 489 of them upgraded to Standard.
    const last = decisions.at(-1);
    expect(last?.plannedPowerW).toBe(4_488_415);
    expect(s.units.filter((u) => u.workMode === 1)).toHaveLength(489);
    expect(s.units.every((u) => u.state === "hashing")).toBe(true);
  });
});
