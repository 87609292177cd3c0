import { describe, expect, it } from "vitest";
import { decide } from "../decide.js";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { importLimitRule } from "./import-limit.js";

const policy = policyWith();

describe("import-limit rule", () => {
  it("applies the policy's limit", () => {
    const out = runRule(importLimitRule, referenceSnapshot(), freshSignals(T0), policy, T0);
    expect(out.envelope.window.maxW).toBe(4_500_000);
    expect(out.reasons[0]?.effect).toBe("max 4,500,000 W");
  });

  it("takes the lowest of policy, contract and active import-limit events", () => {
    const signals = freshSignals(
      T0,
      {},
      {
        importLimitW: 4_000_000,
        events: [
          {
            id: "e1",
            kind: "import-limit",
            limitW: 3_000_000,
            startMs: T0 - 1,
            endMs: T0 + 1,
            source: "kyuden",
          },
          { id: "e2", kind: "import-limit", limitW: 1_000_000, startMs: T0 + 1, endMs: T0 + 2 },
          { id: "e3", kind: "import-limit", limitW: 1_000_000, startMs: T0 - 2, endMs: T0 },
        ],
      },
    );
    const out = runRule(importLimitRule, referenceSnapshot(), signals, policy, T0);
    expect(out.envelope.window.maxW).toBe(3_000_000);
    expect(out.reasons[0]?.detail).toBe(
      "import limit 3,000,000 W from event e1 (kyuden) (policy 4,500,000 W, contract 4,000,000 W)",
    );
  });

  it("sheds units inside their minimum on time to meet the limit", () => {
    const s = referenceSnapshot({ sinceMs: T0 - 60_000 });
    const signals = freshSignals(T0, {}, { importLimitW: 3_000_000 });
    const d = decide(s, signals, policy, T0);
    expect(d.plannedPowerW).toBeLessThanOrEqual(3_000_000);
    const sleeps = d.commands.filter((c) => c.action === "sleep");
    // (4,599,712 − 3,000,000) / (8,064 − 120) = 201.4 → 202 units.
    expect(sleeps).toHaveLength(202);
    expect(sleeps.every((c) => c.cause === "import-limit")).toBe(true);
    expect(d.reasons.find((r) => r.rule === "dwell")?.effect).toBe("overridden for 202 units");
  });
});
