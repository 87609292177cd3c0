import { describe, expect, it } from "vitest";
import { decide } from "../decide.js";
import { fresh, freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { surplusRule } from "./surplus.js";

describe("surplus rule", () => {
  const green = policyWith({ mode: "green-only" });

  it("caps the site at the surplus in green-only mode", () => {
    const out = runRule(
      surplusRule,
      referenceSnapshot(),
      freshSignals(T0, { surplusW: 1_000_000 }),
      green,
      T0,
    );
    expect(out.envelope.window.maxW).toBe(1_000_000);
    expect(out.reasons[0]).toMatchObject({
      effect: "max 1,000,000 W",
      detail: "green-only: site power follows the 1,000,000 W renewable surplus",
    });
  });

  it("treats a negative surplus as none", () => {
    const out = runRule(surplusRule, referenceSnapshot(), freshSignals(T0, { surplusW: -5_000 }), green, T0);
    expect(out.envelope.window.maxW).toBe(0);
  });

  it("holds current power when the surplus is stale or missing", () => {
    const s = referenceSnapshot({ units: 10 });
    const stale = freshSignals(T0, { surplusW: null }, { surplusW: fresh(9e9, T0 - 31_000) });
    const out = runRule(surplusRule, s, stale, green, T0);
    expect(out.envelope.window.maxW).toBe(180_640);
    expect(out.reasons[0]?.detail).toBe(
      'surplus 31 s old (limit 30 s): holding current power 180,640 W (stale-data fallback "hold")',
    );
    const missing = runRule(surplusRule, s, freshSignals(T0, { surplusW: null }), green, T0);
    expect(missing.reasons[0]?.detail).toBe(
      'surplus missing: holding current power 180,640 W (stale-data fallback "hold")',
    );
  });

  it("sheds to the floor on stale surplus when the policy says so", () => {
    const p = policyWith({ mode: "green-only", stale: { ...green.stale, fallback: "shed-to-floor" } });
    const d = decide(referenceSnapshot({ units: 10 }), freshSignals(T0, { surplusW: null }), p, T0);
    expect(d.targetPowerW).toBe(30_000);
    expect(d.commands.filter((c) => c.action === "sleep")).toHaveLength(10);
  });

  it("leaves the window to economics in green-and-economic mode and ignores surplus in economic mode", () => {
    const both = runRule(
      surplusRule,
      referenceSnapshot(),
      freshSignals(T0, { surplusW: 1_000_000 }),
      policyWith(),
      T0,
    );
    expect(both.envelope).toBe(both.before);
    expect(both.reasons[0]?.detail).toBe(
      "surplus 1,000,000 W available; grid energy beyond it is decided by economics",
    );
    const econ = runRule(
      surplusRule,
      referenceSnapshot(),
      freshSignals(T0, { surplusW: null }),
      policyWith({ mode: "economic" }),
      T0,
    );
    expect(econ.envelope).toBe(econ.before);
  });
});
