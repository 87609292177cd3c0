import { describe, expect, it } from "vitest";
import type { DecisionRecord, DecisionStore } from "../../src/store/store.js";

function record(atMs: number, targetPowerW: number): DecisionRecord {
  return {
    atMs,
    targetPowerW,
    previousTargetPowerW: targetPowerW - 8064,
    windowMinW: 0,
    windowMaxW: 4_500_000,
    measuredPowerW: null,
    reasons: [{ rule: "surplus", effect: "max 1,000,000 W", detail: "surplus 1.00 MW" }],
    commands: [{ unitId: "127.0.1.1:4028", action: "sleep", acknowledged: true, confirmed: true }],
  };
}

/** Every DecisionStore implementation runs this suite. */
export function runDecisionStoreContract(name: string, create: () => DecisionStore): void {
  describe(`DecisionStore contract: ${name}`, () => {
    it("returns decisions oldest first with their reasons and commands intact", () => {
      const store = create();
      store.appendDecision(record(2_000, 16_128));
      store.appendDecision(record(1_000, 8_064));
      const all = store.listDecisions();
      expect(all.map((d) => d.atMs)).toEqual([1_000, 2_000]);
      expect(all[1]?.reasons).toEqual([
        { rule: "surplus", effect: "max 1,000,000 W", detail: "surplus 1.00 MW" },
      ]);
      expect(all[1]?.commands[0]?.action).toBe("sleep");
      store.close();
    });

    it("filters by time and keeps the newest when limited", () => {
      const store = create();
      for (let i = 1; i <= 10; i++) store.appendDecision(record(i * 1000, i));
      expect(store.listDecisions({ sinceMs: 8_000 }).map((d) => d.targetPowerW)).toEqual([8, 9, 10]);
      expect(store.listDecisions({ limit: 2 }).map((d) => d.targetPowerW)).toEqual([9, 10]);
      expect(store.listDecisions({ sinceMs: 3_000, untilMs: 4_000 }).map((d) => d.atMs)).toEqual([
        3_000, 4_000,
      ]);
      store.close();
    });
  });
}
