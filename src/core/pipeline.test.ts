import { describe, expect, it } from "vitest";
import { buildContext } from "./context.js";
import { decideWithRules } from "./decide.js";
import { capMax, isWithin } from "./envelope.js";
import { runPipeline } from "./pipeline.js";
import { RULES, type Rule } from "./rules/index.js";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "./testing/reference-site.js";

const widen: Rule = {
  name: "rogue",
  binding: "soft",
  apply: (env) => ({
    envelope: {
      window: { minW: 0, maxW: 1e12 },
      units: new Map([...env.units].map(([id]) => [id, { stayModes: [0, 1, 2], enterModes: [0, 1, 2] }])),
    },
    reasons: [{ rule: "rogue", effect: "max ∞", detail: "asks for everything", inputs: {} }],
  }),
};

const capAt = (name: string, w: number, binding: Rule["binding"] = "soft"): Rule => ({
  name,
  binding,
  apply: (env) => ({ envelope: capMax(env, w), reasons: [] }),
});

describe("pipeline", () => {
  const snapshot = referenceSnapshot({ units: 20 });
  const signals = freshSignals(T0, { surplusW: 90_000 });
  const policy = policyWith({ mode: "green-only" });

  it("each rule's envelope lies within the previous one", () => {
    const pipe = runPipeline(RULES, buildContext(snapshot, signals, policy, T0));
    expect(pipe.trace.map((s) => s.rule)).toEqual([
      "initial",
      "safety",
      "import-limit",
      "demand-response",
      "frequency-response",
      "surplus",
      "economics",
      "day-ahead-plan",
      "operator-override",
    ]);
    for (let i = 1; i < pipe.trace.length; i++) {
      expect(
        isWithin(pipe.trace[i]?.envelope ?? pipe.envelope, pipe.trace[i - 1]?.envelope ?? pipe.envelope),
      ).toBe(true);
    }
    expect(pipe.envelope.window.maxW).toBe(90_000);
    expect(pipe.maxSetBy).toBe("surplus");
    // 20 units are far below the 4.5 MW import limit: only the fleet's own size bounds it.
    expect(pipe.mandatoryMaxSetBy).toBe("physical");
    expect(pipe.mandatory.window.maxW).toBe(20 * 8870 + 100_000);
  });

  it("clamps a rule that tries to widen, and says so", () => {
    const ctx = buildContext(snapshot, signals, policy, T0);
    const pipe = runPipeline([capAt("first", 200_000), widen, capAt("last", 150_000)], ctx);
    expect(pipe.trace[2]?.envelope.window.maxW).toBe(200_000);
    expect(pipe.envelope.window).toEqual({ minW: 0, maxW: 150_000 });
    const r = pipe.reasons.find((x) => x.rule === "pipeline");
    expect(r?.effect).toBe("widening ignored");
    expect(r?.detail).toBe(
      "rule rogue tried to widen the envelope (max 1000000000000 above 200000); clamped to what earlier rules allowed",
    );
  });

  it("a widening rule cannot raise the decision above what earlier rules allow", () => {
    const asleep = referenceSnapshot({ units: 20, state: "sleeping" });
    const d = decideWithRules([capAt("first", 150_000), widen], asleep, signals, policy, T0);
    expect(d.window.maxW).toBe(150_000);
    expect(d.plannedPowerW).toBeLessThanOrEqual(150_000);
    expect(d.commands.length).toBeGreaterThan(0);
  });

  it("gives a rule that returns no reason a 'none' reason", () => {
    const pipe = runPipeline([capAt("quiet", 1e12)], buildContext(snapshot, signals, policy, T0));
    expect(pipe.reasons.at(-1)).toEqual({ rule: "quiet", effect: "none", detail: "no limit", inputs: {} });
  });

  it("refuses a mandatory rule after a soft one", () => {
    const ctx = buildContext(snapshot, signals, policy, T0);
    expect(() => runPipeline([capAt("soft", 1), capAt("hard", 1, "mandatory")], ctx)).toThrow(
      /mandatory rule hard after a soft rule/,
    );
  });
});
