import { describe, expect, it } from "vitest";
import type { DispatchMemory } from "../../domain/decision.js";
import { decide } from "../decide.js";
import { failed, freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { droopFraction, frequencyResponseRule } from "./frequency-response.js";

// Round numbers: deadband 0.05 Hz, full response 0.25 Hz, trip 0.2 Hz below 60 Hz, floor 30 kW.
const policy = policyWith({
  frequency: {
    enabled: true,
    tripDeltaHz: 0.2,
    restoreDelayS: 300,
    droopDeadbandHz: 0.05,
    droopFullDeltaHz: 0.25,
  },
});
const mem = (m: Partial<DispatchMemory>): DispatchMemory => ({
  atMs: T0 - 5_000,
  auxiliaryW: 100_000,
  rampCreditW: 0,
  ...m,
});
const at = (hz: number) => freshSignals(T0, { hz });

describe("frequency-response rule", () => {
  it("droopFraction is 0 in the deadband, linear, then 1", () => {
    expect(droopFraction(0.05, 0.05, 0.25)).toBe(0);
    expect(droopFraction(0.1, 0.05, 0.25)).toBeCloseTo(0.25, 12);
    expect(droopFraction(0.25, 0.05, 0.25)).toBe(1);
    expect(droopFraction(0.4, 0.05, 0.25)).toBe(1);
  });

  it("trips to the floor at exactly nominal − 0.2 Hz and remembers when", () => {
    const out = runRule(frequencyResponseRule, referenceSnapshot(), at(59.8), policy, T0);
    expect(out.envelope.window.maxW).toBe(30_000);
    expect(out.memory).toEqual({ underFrequencyAtMs: T0, droopReferenceW: null });
    expect(out.reasons[0]?.detail).toBe(
      "frequency 59.800 Hz at or below trip threshold 59.800 Hz: floor 30,000 W, held 300 s after recovery",
    );
    const d = decide(referenceSnapshot(), at(59.8), policy, T0);
    expect(d.targetPowerW).toBe(30_000);
    expect(d.memory.underFrequencyAtMs).toBe(T0);
    expect(d.commands.every((c) => c.action === "sleep" && c.cause === "frequency-response")).toBe(true);
  });

  it("stays at the floor for the restore delay after recovery, then releases", () => {
    const s = { ...referenceSnapshot(), memory: mem({ underFrequencyAtMs: T0 - 100_000 }) };
    const held = runRule(frequencyResponseRule, s, at(60), policy, T0);
    expect(held.envelope.window.maxW).toBe(30_000);
    expect(held.reasons[0]?.detail).toBe(
      "under-frequency trip latched: floor 30,000 W for another 200 s of the 300 s restore delay",
    );
    const later = { ...referenceSnapshot(), memory: mem({ underFrequencyAtMs: T0 - 300_000 }) };
    const free = runRule(frequencyResponseRule, later, at(60), policy, T0);
    expect(free.envelope.window.maxW).toBe(free.before.window.maxW);
    expect(free.memory).toEqual({ underFrequencyAtMs: null, droopReferenceW: null });
  });

  it("droops linearly from the reference power to the floor", () => {
    // 0.15 Hz low: (0.15 − 0.05) / (0.25 − 0.05) = 50 % of (4,000,000 − 30,000) shed.
    const s = { ...referenceSnapshot(), memory: mem({ droopReferenceW: 4_000_000 }) };
    const out = runRule(frequencyResponseRule, s, at(59.85), policy, T0);
    expect(out.envelope.window.maxW).toBe(2_015_000);
    expect(out.memory).toEqual({ underFrequencyAtMs: null, droopReferenceW: 4_000_000 });
    expect(out.reasons[0]?.detail).toBe(
      "frequency 59.850 Hz (0.150 Hz low): droop sheds 50.0 % of 4,000,000 W reference above floor 30,000 W → 2,015,000 W",
    );
    const quarter = runRule(frequencyResponseRule, s, at(59.9), policy, T0);
    expect(quarter.envelope.window.maxW).toBe(4_000_000 - 0.25 * 3_970_000);
  });

  it("takes the droop reference from current power when the frequency first leaves the deadband", () => {
    // 558 × 8,064 W + 100,000 W = 4,599,712 W, capped by the import limit first but the reference is site power.
    const d = decide(referenceSnapshot(), at(59.85), policy, T0);
    expect(d.memory.droopReferenceW).toBe(4_599_712);
    expect(d.targetPowerW).toBe(Math.round(4_599_712 - 0.5 * (4_599_712 - 30_000)));
  });

  it("does nothing inside the deadband and forgets the reference", () => {
    const s = { ...referenceSnapshot(), memory: mem({ droopReferenceW: 4_000_000 }) };
    const out = runRule(frequencyResponseRule, s, at(59.96), policy, T0);
    expect(out.envelope).toBe(out.before);
    expect(out.memory).toEqual({ underFrequencyAtMs: null, droopReferenceW: null });
    expect(out.reasons[0]?.detail).toBe("frequency 59.960 Hz within the 0.050 Hz deadband");
  });

  it("falls back on a stale frequency, and stays latched if tripped", () => {
    const stale = freshSignals(T0, { hz: null }, { frequency: { hz: failed(T0), nominalHz: 60 } });
    const out = runRule(frequencyResponseRule, referenceSnapshot({ units: 10 }), stale, policy, T0);
    expect(out.envelope.window.maxW).toBe(180_640);
    expect(out.reasons[0]?.detail).toBe(
      'grid frequency failed: timeout (last good 0 s old, limit 5 s): holding current power 180,640 W (stale-data fallback "hold")',
    );
    const tripped = { ...referenceSnapshot(), memory: mem({ underFrequencyAtMs: T0 - 1_000 }) };
    expect(runRule(frequencyResponseRule, tripped, stale, policy, T0).envelope.window.maxW).toBe(30_000);
  });

  it("does nothing when disabled or unmeasured", () => {
    const off = policyWith({ frequency: { ...policy.frequency, enabled: false } });
    expect(runRule(frequencyResponseRule, referenceSnapshot(), at(59), off, T0).reasons[0]?.detail).toBe(
      "frequency response disabled",
    );
    const none = runRule(
      frequencyResponseRule,
      referenceSnapshot(),
      freshSignals(T0, { hz: null }),
      policy,
      T0,
    );
    expect(none.reasons[0]?.detail).toBe("no frequency measurement");
  });

  it("keeps a latched trip when the measurement disappears", () => {
    const s = { ...referenceSnapshot(), memory: mem({ underFrequencyAtMs: T0 - 100_000 }) };
    const out = runRule(frequencyResponseRule, s, freshSignals(T0, { hz: null }), policy, T0);
    expect(out.envelope.window.maxW).toBe(30_000);
    expect(out.memory).toBeUndefined();
  });
});
