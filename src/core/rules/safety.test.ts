import { describe, expect, it } from "vitest";
import { decide } from "../decide.js";
import { failed, freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { safetyRule } from "./safety.js";

const policy = policyWith();
const signals = freshSignals(T0);

describe("safety rule", () => {
  it("keeps faulted units asleep, even inside their dwell time", () => {
    const s = referenceSnapshot({
      units: 4,
      each: (i) => (i === 2 ? { faultFlags: ["board-error"], sinceMs: T0 - 10_000 } : {}),
    });
    const out = runRule(safetyRule, s, signals, policy, T0);
    expect(out.envelope.units.get("u002")).toEqual({ stayModes: [], enterModes: [], restrictedBy: "safety" });
    expect(out.reasons[0]?.detail).toBe("fault flags set, kept asleep: u002 (board-error)");
    const d = decide(s, signals, policy, T0);
    expect(d.commands).toEqual([{ unitId: "u002", action: "sleep", cause: "safety" }]);
    expect(d.reasons.find((r) => r.rule === "dwell")?.detail).toBe(
      "safety required a step down inside the dwell time or transition of u002",
    );
  });

  it("sleeps a unit whose coolant outlet is over the limit and takes its share off the site", () => {
    const s = referenceSnapshot({ units: 10, each: (i) => (i === 5 ? { coolantOutletC: 61.5 } : {}) });
    const out = runRule(safetyRule, s, signals, policy, T0);
    // current: 10 × 8,064 W + 100,000 W auxiliaries = 180,640 W; minus u005's 8,064 − 120 W standby.
    expect(out.envelope.window.maxW).toBe(180_640 - 7_944);
    expect(out.reasons.find((r) => r.effect.startsWith("max"))?.detail).toBe(
      "coolant outlet over 60.0 °C on 1 unit (u005 61.5 °C): those sleep and their 7,944 W comes off the current 180,640 W",
    );
    const d = decide(s, signals, policy, T0);
    expect(d.commands).toEqual([{ unitId: "u005", action: "sleep", cause: "safety" }]);
  });

  it("lets a warm unit keep its mode but not step up or wake", () => {
    const s = referenceSnapshot({
      units: 2,
      each: (i) => (i === 0 ? { coolantOutletC: 58, mode: 0 } : { coolantOutletC: 58, state: "sleeping" }),
    });
    const out = runRule(safetyRule, s, signals, policy, T0);
    expect(out.envelope.units.get("u000")).toEqual({ stayModes: [0, 1, 2], enterModes: [0] });
    expect(out.envelope.units.get("u001")).toEqual({ stayModes: [0, 1, 2], enterModes: [] });
    expect(out.reasons[0]?.detail).toBe(
      "coolant outlet within 3.0 °C of the limit: u000 58.0 °C, u001 58.0 °C",
    );
    expect(decide(s, signals, policy, T0).commands).toEqual([]);
  });

  it("caps the site at the dry coolers' capacity at the current ambient temperature", () => {
    const s = referenceSnapshot({ ambientC: 32.5 });
    const out = runRule(safetyRule, s, signals, policy, T0);
    expect(out.envelope.window.maxW).toBe(4_150_000 + 100_000);
    expect(out.reasons[0]?.detail).toBe(
      "dry-cooler capacity 4,150,000 W at ambient 32.5 °C plus auxiliaries 100,000 W",
    );
  });

  it("falls back when the ambient temperature is stale", () => {
    const base = referenceSnapshot({ units: 10 });
    const s = { ...base, ambientC: failed<number>(T0, { value: 20, atMs: T0 - 900_000 }) };
    const out = runRule(safetyRule, s, signals, policy, T0);
    expect(out.envelope.window.maxW).toBe(180_640);
    expect(out.reasons[0]?.detail).toBe(
      'ambient temperature failed: timeout (last good 900 s old, limit 600 s): holding current power 180,640 W (stale-data fallback "hold")',
    );
  });

  it("counts unreachable and stale units as fixed load and never commands them", () => {
    const s = referenceSnapshot({
      units: 3,
      each: (i) => (i === 0 ? { state: "unreachable" } : i === 1 ? { readAtMs: T0 - 120_000 } : {}),
    });
    const out = runRule(safetyRule, s, signals, policy, T0);
    expect(out.envelope.units.has("u000")).toBe(false);
    expect(out.reasons[0]?.detail).toBe(
      "2 units excluded from control, their 8,184 W counted as fixed load: u000 (unreachable), u001 (telemetry 120 s old)",
    );
    const shed = decide(
      s,
      freshSignals(T0, {}, { events: [{ id: "e", kind: "shed-to-floor", startMs: 0, endMs: 2 * T0 }] }),
      policy,
      T0,
    );
    expect(shed.commands.map((c) => c.unitId)).toEqual(["u002"]);
  });
});
