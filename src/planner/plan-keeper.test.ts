import { describe, expect, it } from "vitest";
import type { PlanOutcome } from "./plan.js";
import { PlanKeeper, planSlotTarget } from "./plan-keeper.js";
import { DAY0_MS, planFromCounts, SLOT_MS, twoGroupsFourSlots } from "./testing/inputs.js";

const plan = planFromCounts(twoGroupsFourSlots(), [
  [[3], [2]],
  [[3], [0]],
  [[3], [2]],
  [[0], [0]],
]);
const good: PlanOutcome = { ok: true, plan };
const bad: PlanOutcome = {
  ok: false,
  failure: { kind: "infeasible", message: "DR commitment dr-1 … because of min-up times" },
};

describe("PlanKeeper", () => {
  it("keeps the last good plan when a later solve fails, with the failure's reason and time", () => {
    const keeper = new PlanKeeper();
    expect(keeper.targetAt(DAY0_MS)).toBeUndefined();
    expect(keeper.offer(good, DAY0_MS - 1_000)).toBe(true);
    expect(keeper.offer(bad, DAY0_MS + SLOT_MS)).toBe(false);
    expect(keeper.plan).toEqual({ plan, acceptedAtMs: DAY0_MS - 1_000 });
    expect(keeper.status(DAY0_MS + SLOT_MS)).toMatchObject({
      failing: true,
      coversNow: true,
      lastFailure: { atMs: DAY0_MS + SLOT_MS, failure: { kind: "infeasible" } },
    });
    // The kept plan still drives rule 5.
    expect(keeper.targetAt(DAY0_MS + SLOT_MS + 5)).toEqual({
      startMs: DAY0_MS + SLOT_MS,
      endMs: DAY0_MS + 2 * SLOT_MS,
      targetW: 3_000,
      toleranceW: 0,
    });
  });

  it("clears the failing flag once a new plan is accepted, and says when the plan has run out", () => {
    const keeper = new PlanKeeper();
    keeper.offer(bad, DAY0_MS);
    expect(keeper.status(DAY0_MS)).toMatchObject({ failing: true, coversNow: false });
    keeper.offer(good, DAY0_MS + 1);
    expect(keeper.status(DAY0_MS + 1).failing).toBe(false);
    expect(keeper.status(DAY0_MS + 4 * SLOT_MS).coversNow).toBe(false);
    expect(keeper.targetAt(DAY0_MS + 4 * SLOT_MS)).toBeUndefined();
  });
});

describe("planSlotTarget", () => {
  it("targets the planned site power of the slot containing now, with the given tolerance", () => {
    expect(planSlotTarget(plan, DAY0_MS, 8_870)).toEqual({
      startMs: DAY0_MS,
      endMs: DAY0_MS + SLOT_MS,
      targetW: 7_000,
      toleranceW: 8_870,
    });
    expect(planSlotTarget(plan, DAY0_MS - 1, 0)).toBeUndefined();
  });
});
