import { describe, expect, it } from "vitest";
import type { GridSignals } from "../domain/signals.js";
import { freezeSnapshot } from "../domain/site.js";
import { decide } from "./decide.js";
import { DEFAULT_POLICY } from "./default-policy.js";
import {
  freshSignals,
  policyWith,
  REFERENCE_UNITS,
  referenceSnapshot,
  T0,
} from "./testing/reference-site.js";

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe("decide", () => {
  it("builds a 558-unit reference site drawing 4.5 MW", () => {
    const s = referenceSnapshot();
    expect(s.units).toHaveLength(REFERENCE_UNITS);
    expect(s.units.reduce((sum, u) => sum + u.powerW, 0)).toBe(4_499_712);
  });

  it("is deterministic and leaves frozen inputs alone", () => {
    const s = freezeSnapshot(referenceSnapshot({ state: "sleeping" }));
    const g = deepFreeze(freshSignals(T0, { surplusW: 2_000_000 }));
    const a = decide(s, g, DEFAULT_POLICY, T0);
    const b = decide(
      structuredClone(s),
      structuredClone(g) as GridSignals,
      structuredClone(DEFAULT_POLICY),
      T0,
    );
    expect(b).toEqual(a);
    expect(decide(s, g, DEFAULT_POLICY, T0)).toEqual(a);
  });

  it("gives a reason for every rule in order, then the allocator's", () => {
    const d = decide(referenceSnapshot(), freshSignals(T0), DEFAULT_POLICY, T0);
    const rules = [...new Set(d.reasons.map((r) => r.rule))];
    expect(rules).toEqual([
      "closed-loop",
      "initial",
      "safety",
      "import-limit",
      "demand-response",
      "frequency-response",
      "surplus",
      "economics",
      "day-ahead-plan",
      "operator-override",
      "allocator",
    ]);
    expect(d.reasons.at(-1)?.detail).toMatch(
      /^target 4,500,000 W \(window 0 W–4,500,000 W, top set by import-limit\); current 4,599,712 W/,
    );
  });

  it("follows a noon curtailment in green-only mode down the merit order", () => {
    // 558 units in Standard draw 4,599,712 W with auxiliaries; the surplus is 3 MW. Standard → Eco steps
    // (24.1 J/TH) go before Eco → off (15.3 J/TH): all 558 to Eco (3,699,658 W), then 111 to sleep.
    const d = decide(
      referenceSnapshot(),
      freshSignals(T0, { surplusW: 3_000_000 }),
      policyWith({ mode: "green-only" }),
      T0,
    );
    expect(d.targetPowerW).toBe(3_000_000);
    expect(d.plannedPowerW).toBe(3_699_658 - 111 * 6_331);
    expect(d.commands.filter((c) => c.action === "sleep")).toHaveLength(111);
    expect(d.commands.filter((c) => c.action === "set-mode" && c.mode === 0)).toHaveLength(447);
    // The 4.5 MW import limit binds first: (4,599,712 − 4,500,000) / 7,944 W → 13 units sleep for it.
    expect(d.commands.filter((c) => c.cause === "import-limit")).toHaveLength(13);
    expect(d.commands.filter((c) => c.cause === "allocator")).toHaveLength(558 - 13);
  });

  it("carries its memory to the next tick through the snapshot", () => {
    const d1 = decide(referenceSnapshot(), freshSignals(T0, { hz: 59.7 }), DEFAULT_POLICY, T0);
    expect(d1.memory).toEqual({
      atMs: T0,
      auxiliaryW: 100_000,
      rampCreditW: 250_000,
      underFrequencyAtMs: T0,
    });
    const next = { ...referenceSnapshot({ nowMs: T0 + 5_000 }), memory: d1.memory };
    const d2 = decide(next, freshSignals(T0 + 5_000), DEFAULT_POLICY, T0 + 5_000);
    expect(d2.targetPowerW).toBe(30_000);
    expect(d2.memory.underFrequencyAtMs).toBe(T0);
  });
});
