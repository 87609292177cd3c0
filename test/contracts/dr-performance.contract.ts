// Demand-response performance read back through each Store implementation gives the same hand-worked figures.
import { describe, expect, it } from "vitest";
import { DEFAULT_DR_SETTINGS, performanceOf } from "../../src/runtime/dr-performance.js";
import type { Store } from "../../src/store/store.js";
import { DR_EVENT, DR_EXPECTED, DR_NOW_MS, DR_RECEIVED_MS, seedDrScenario } from "./dr-scenario.js";

export function runDrPerformanceContract(open: () => Promise<Store>): void {
  describe("demand-response performance from stored telemetry", () => {
    it("gives High 4 of 5 with same-day adjustment, compliance and latency", async () => {
      const store = await open();
      await seedDrScenario(store);
      const [p] = await performanceOf(
        store,
        [{ event: DR_EVENT, receivedAtMs: DR_RECEIVED_MS }],
        DEFAULT_DR_SETTINGS,
        DR_NOW_MS,
      );
      if (!p) throw new Error("no performance");
      expect(p.baseline.method).toBe("high-x-of-y");
      expect(p.baseline.days.filter((d) => d.used).map((d) => d.date)).toEqual(DR_EXPECTED.usedDates);
      expect(p.baseline.days.find((d) => d.date === "2023-04-06")?.excludedBecause).toBe("event-day");
      expect(p.baseline.adjustmentW).toBeCloseTo(DR_EXPECTED.adjustmentW, 3);
      for (const s of p.slots) expect(s.baselineW).toBeCloseTo(DR_EXPECTED.baselineW, 3);
      expect(p.slots[0]?.actualW).toBeCloseTo(DR_EXPECTED.firstSlotActualW, 3);
      expect(p.slots.map((s) => s.actualW)).toEqual([expect.any(Number), 1_000_000, 1_000_000, 1_500_000]);
      expect(p.requestedReductionKwh).toBeCloseTo(DR_EXPECTED.requestedReductionKwh, 6);
      expect(p.compliancePct).toBeCloseTo(DR_EXPECTED.compliancePct, 6);
      expect(p.capHeldPct).toBeCloseTo(DR_EXPECTED.capHeldPct, 6);
      expect(p.responseLatencyMs).toBe(DR_EXPECTED.responseLatencyMs);
      expect(p.decisionLatencyMs).toBe(DR_EXPECTED.decisionLatencyMs);
      expect(p.status).toBe("complete");
    }, 60_000);
  });
}
