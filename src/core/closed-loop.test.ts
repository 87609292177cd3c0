import { describe, expect, it } from "vitest";
import { estimateAuxiliary } from "./closed-loop.js";
import { decide } from "./decide.js";
import { failed, fresh, freshSignals, policyWith, referenceSnapshot, T0 } from "./testing/reference-site.js";

const policy = policyWith();
const memory = (auxiliaryW: number) => ({ atMs: T0 - 5_000, auxiliaryW, rampCreditW: 0 });

describe("closed-loop auxiliary estimate", () => {
  it("assumes the policy default without a meter", () => {
    const a = estimateAuxiliary(referenceSnapshot({ meterAuxW: null }), policy, T0, 5);
    expect(a.auxiliaryW).toBe(100_000);
    expect(a.reason.detail).toBe("no site meter: auxiliary power assumed at 100,000 W");
  });

  it("takes metered minus reported on the first tick", () => {
    const a = estimateAuxiliary(referenceSnapshot({ units: 10, meterAuxW: 123_456 }), policy, T0, 5);
    expect(a.auxiliaryW).toBe(123_456);
    expect(a.reason.detail).toMatch(/^metered 204,096 W − units' reports 80,640 W = 123,456 W;/);
  });

  it("filters and slew-limits later ticks", () => {
    // τ 60 s over 5 s moves 8 % of the 100 kW step = 8 kW, but the slew limit allows 1 kW/s × 5 s.
    const s = { ...referenceSnapshot({ units: 10, meterAuxW: 200_000 }), memory: memory(100_000) };
    expect(estimateAuxiliary(s, policy, T0, 5).auxiliaryW).toBe(105_000);
    const slow = policyWith({ auxiliary: { ...policy.auxiliary, maxSlewWPerS: 1e9 } });
    expect(estimateAuxiliary(s, slow, T0, 5).auxiliaryW).toBe(
      Math.round(100_000 + 100_000 * (1 - Math.exp(-5 / 60))),
    );
  });

  it("clamps to the policy's range", () => {
    const s = referenceSnapshot({ units: 10, meterAuxW: 2_000_000 });
    expect(estimateAuxiliary(s, policy, T0, 5).auxiliaryW).toBe(400_000);
  });

  it("holds the last estimate when the meter is stale: a lower one would raise load", () => {
    const base = referenceSnapshot({ units: 10 });
    const s = {
      ...base,
      meteredImportW: failed<number>(T0, { value: 0, atMs: T0 - 60_000 }),
      memory: memory(150_000),
    };
    const a = estimateAuxiliary(s, policy, T0, 5);
    expect(a.auxiliaryW).toBe(150_000);
    expect(a.reason.detail).toBe(
      "site meter failed: timeout (last good 60 s old, limit 30 s): auxiliary estimate held at 150,000 W",
    );
  });

  it("does not follow a measurement that jumps every tick", () => {
    let mem = memory(100_000);
    const seen: number[] = [];
    for (let k = 0; k < 40; k++) {
      const spike = k % 2 === 0 ? 50_000 : -50_000;
      const base = referenceSnapshot({ units: 10, nowMs: T0 + k * 5_000 });
      const s = { ...base, meteredImportW: fresh(80_640 + 100_000 + spike, base.atMs), memory: mem };
      const a = estimateAuxiliary(s, policy, base.atMs, 5);
      seen.push(a.auxiliaryW);
      mem = { ...mem, atMs: base.atMs, auxiliaryW: a.auxiliaryW };
    }
    // The raw difference swings 100 kW peak to peak; the estimate moves less than a tenth of that.
    expect(Math.max(...seen) - Math.min(...seen)).toBeLessThan(10_000);
  });

  it("is part of every site-power figure the decision makes", () => {
    const s = referenceSnapshot({ units: 10, state: "sleeping", meterAuxW: 50_000 });
    const d = decide(s, freshSignals(T0, { surplusW: 150_000 }), policyWith({ mode: "green-only" }), T0);
    expect(d.auxiliaryW).toBe(50_000);
    // 10 units in Super (88,700 W) + 50 kW auxiliaries fit in the 150 kW surplus: all wake, and the plan says so.
    expect(d.plannedPowerW).toBe(10 * 8_870 + 50_000);
    expect(d.commands.filter((c) => c.action === "wake")).toHaveLength(10);
  });
});
