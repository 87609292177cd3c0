import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import type { PlanInput } from "./input.js";
import type { Plan, PlannedSlot } from "./plan.js";
import { DAY0_MS, group, input, mode, planFromCounts, SLOT_MS, slots } from "./testing/inputs.js";

/** 4 units of 1 kW (Eco 800 W), 100 W standby, min-up 2, min-down 2, 2 wakes per slot; 3 kW import limit. */
function site(o: Partial<PlanInput> = {}): PlanInput {
  return input(
    slots([10, 10, 10, 10], { importLimitW: 3_500 }),
    [
      group("a", 4, [mode(0, 800, 90), mode(1, 1000, 100)], {
        standbyW: 100,
        minUpSlots: 2,
        minDownSlots: 2,
        maxStartsPerSlot: 2,
        initial: { running: [{ mode: 1, count: 2, onForMs: 10 * SLOT_MS }] },
      }),
    ],
    o,
  );
}

const families = (inp: PlanInput, p: Plan) => checkPlan(inp, p).map((v) => `${v.family}@${v.slotIndex}`);

describe("checkPlan", () => {
  it("accepts a plan within every constraint", () => {
    const inp = site();
    // 2 → 3 → 3 → 2 running: wakes within the ramp, the sleep after 2 slots on; 3 kW + 100 W standby ≤ 3.5 kW.
    expect(checkPlan(inp, planFromCounts(inp, [[[0, 2]], [[0, 3]], [[0, 3]], [[1, 1]]]))).toEqual([]);
  });

  it("finds import-limit, demand-response and cooling violations with slot and amount", () => {
    const s = slots([10, 10, 10, 10], { importLimitW: 3_500 }).map((slot, t) =>
      t === 3 ? { ...slot, ambientC: 35 } : slot,
    );
    const inp = site({
      commitments: [
        {
          kind: "reduction",
          id: "erab",
          startMs: DAY0_MS + 2 * SLOT_MS,
          endMs: DAY0_MS + 3 * SLOT_MS,
          baselineW: 4_000,
          reductionW: 2_000,
        },
      ],
      coolingCurve: [{ ambientC: 35, capacityW: 2_000 }],
    });
    const withCooling = { ...inp, slots: s };
    const v = checkPlan(withCooling, planFromCounts(withCooling, [[[0, 2]], [[0, 4]], [[0, 4]], [[0, 4]]]));
    expect(v.map((x) => `${x.family}@${x.slotIndex}:${x.amount}`)).toEqual([
      "import-limit@1:500",
      "import-limit@2:500",
      "demand-response@2:2000",
      "import-limit@3:500",
      "cooling@3:2000",
    ]);
    expect(v.find((x) => x.family === "demand-response")).toMatchObject({ commitmentId: "erab", unit: "W" });
    expect(v[0]?.message).toBe(
      "import limit in slot 2026-11-26 00:30 JST is 3.5 kW but the plan draws 4.0 kW",
    );
  });

  it("finds wakes beyond the ramp and beyond the minimum down time", () => {
    const inp = site();
    // 2 → 0 → 4 (Eco, 3.2 kW): the two units slept in slot 1 may not wake in slot 2 (min-down 2), and 4 wakes > 2.
    expect(families(inp, planFromCounts(inp, [[[0, 2]], [[0, 0]], [[4, 0]], [[4, 0]]]))).toEqual([
      "ramp@2",
      "min-down@2",
    ]);
  });

  it("finds sleeps before the minimum up time has run, counting units woken in the horizon", () => {
    const inp = site();
    // 2 → 4 → 1: three sleeps in slot 2, but the two units woken in slot 1 must run through slot 2.
    const v = checkPlan(inp, planFromCounts(inp, [[[0, 2]], [[4, 0]], [[0, 1]], [[0, 1]]]));
    expect(v).toEqual([
      expect.objectContaining({ family: "min-up", slotIndex: 2, amount: 1, groupId: "a", unit: "units" }),
    ]);
  });

  it("finds counts beyond the group, fractions, and plans that contradict themselves", () => {
    const inp = site();
    const p = planFromCounts(inp, [[[0, 2]], [[0, 2]], [[0, 2]], [[0, 2]]]);
    const broken = (t: number, change: (s: PlannedSlot) => PlannedSlot): Plan => ({
      ...p,
      slots: p.slots.map((s, i) => (i === t ? change(s) : s)),
    });
    const tooMany = broken(1, (s) => ({
      ...s,
      groups: s.groups.map((g) => ({
        ...g,
        unitsByMode: [
          { mode: 0, units: 3 },
          { mode: 1, units: 2 },
        ],
        runningUnits: 5,
        starts: 3,
      })),
    }));
    expect(families(inp, tooMany)).toContain("unit-count@1");
    const fractional = broken(1, (s) => ({
      ...s,
      groups: s.groups.map((g) => ({
        ...g,
        unitsByMode: [
          { mode: 0, units: 0.5 },
          { mode: 1, units: 2 },
        ],
        runningUnits: 2.5,
      })),
    }));
    expect(families(inp, fractional)).toContain("unit-count@1");
    const wrongStarts = broken(1, (s) => ({ ...s, groups: s.groups.map((g) => ({ ...g, starts: 1 })) }));
    expect(families(inp, wrongStarts)).toEqual(["consistency@1"]);
    const wrongPower = broken(2, (s) => ({ ...s, sitePowerW: s.sitePowerW - 1_000 }));
    expect(families(inp, wrongPower)).toEqual(["consistency@2"]);
    expect(families(inp, { ...p, slots: p.slots.slice(1) })).toEqual(["consistency@0"]);
  });

  it("honours min-up of units that were already running before the horizon", () => {
    const inp = site({
      groups: [
        group("a", 4, [mode(1, 1000, 100)], {
          minUpSlots: 3,
          initial: { running: [{ mode: 1, count: 2, onForMs: SLOT_MS }] },
        }),
      ],
    });
    // On for 1 slot of 3: they may sleep from slot 2 on, not in slot 1.
    expect(families(inp, planFromCounts(inp, [[[2]], [[0]], [[0]], [[0]]]))).toEqual(["min-up@1"]);
    expect(families(inp, planFromCounts(inp, [[[2]], [[2]], [[0]], [[0]]]))).toEqual([]);
  });
});
