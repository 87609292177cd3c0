import { describe, expect, it } from "vitest";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { dayAheadPlanRule } from "./day-ahead-plan.js";

const slot = { startMs: T0 - 600_000, endMs: T0 + 1_200_000, targetW: 2_500_000 };

describe("day-ahead-plan rule", () => {
  it("caps at the slot's target plus tolerance", () => {
    const signals = freshSignals(T0, {}, { plan: { ...slot, toleranceW: 50_000 } });
    const out = runRule(dayAheadPlanRule, referenceSnapshot(), signals, policyWith(), T0);
    expect(out.envelope.window.maxW).toBe(2_550_000);
    expect(out.reasons[0]?.detail).toBe(
      "plan target 2,500,000 W + tolerance 50,000 W for the slot 2026-04-01T02:50:00.000Z–2026-04-01T03:20:00.000Z",
    );
  });

  it("ignores a plan whose slot does not contain now, and a missing plan", () => {
    const old = freshSignals(T0, {}, { plan: { ...slot, endMs: T0 } });
    const out = runRule(dayAheadPlanRule, referenceSnapshot(), old, policyWith(), T0);
    expect(out.envelope).toBe(out.before);
    expect(out.reasons[0]?.detail).toMatch(/does not contain now: not applied$/);
    expect(
      runRule(dayAheadPlanRule, referenceSnapshot(), freshSignals(T0), policyWith(), T0).reasons[0]?.detail,
    ).toBe("no day-ahead plan");
  });
});
