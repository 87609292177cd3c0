import { describe, expect, it } from "vitest";
import { buildPlanModel } from "./build-model.js";
import { elasticModel } from "./diagnose.js";
import type { PlanInput } from "./input.js";
import type { PlanFailure } from "./plan.js";
import { planWithSolver } from "./solve-plan.js";
import { DAY0_MS, group, input, mode, SLOT_MS, slots } from "./testing/inputs.js";
import { testSolver } from "./testing/solver.js";

async function failure(inp: PlanInput): Promise<PlanFailure> {
  const out = planWithSolver(inp, await testSolver(), { nowMs: DAY0_MS, timeLimitS: 10, mipRelGap: 0 });
  if (out.ok) throw new Error("expected an infeasible plan");
  return out.failure;
}

/** 12 units of 100 kW that all woke just now with a 2-hour minimum up time; a DR cap of 1.0 MW in slot 2. */
function drAgainstMinUp(): PlanInput {
  return input(
    slots([10, 10, 10, 10, 10, 10]),
    [
      group("hall-a", 12, [mode(1, 100_000, 5_000)], {
        minUpSlots: 4,
        initial: { running: [{ mode: 1, count: 12, onForMs: 0 }] },
      }),
    ],
    {
      commitments: [
        {
          kind: "max-power",
          id: "dr-1",
          startMs: DAY0_MS + 2 * SLOT_MS,
          endMs: DAY0_MS + 3 * SLOT_MS,
          maxPowerW: 1_000_000,
        },
      ],
    },
  );
}

describe("diagnoseInfeasible", () => {
  it("names the commitment, the slot, how low the site can go and the min-up cause", async () => {
    const f = await failure(drAgainstMinUp());
    expect(f.kind).toBe("infeasible");
    expect(f.findings).toHaveLength(1);
    const finding = f.findings?.[0];
    expect(finding).toMatchObject({
      family: "demand-response",
      slotIndex: 2,
      commitmentId: "dr-1",
      limitW: 1_000_000,
    });
    expect(finding?.lowestW).toBeCloseTo(1_200_000, 3);
    expect(finding?.causes.map((c) => c.family)).toEqual(["min-up"]);
    expect(f.message).toBe(
      "DR commitment dr-1 in slot 2026-11-26 01:00 JST needs ≤ 1.00 MW but the site cannot go below 1.20 MW " +
        "because of min-up times",
    );
  });

  it("blames the standby and auxiliary floor when sleeping everything is not enough", async () => {
    const inp = input(slots([10, 10]), [group("a1566ha", 558, [mode(1, 8_064, 480)], { standbyW: 120 })], {
      auxiliaryW: 100_000,
      commitments: [
        {
          kind: "max-power",
          id: "shed",
          startMs: DAY0_MS + SLOT_MS,
          endMs: DAY0_MS + 2 * SLOT_MS,
          maxPowerW: 150_000,
        },
      ],
    });
    const f = await failure(inp);
    const finding = f.findings?.[0];
    // 558 × 120 W + 100 kW = 166.96 kW.
    expect(finding?.lowestW).toBeCloseTo(166_960, 2);
    expect(finding?.causes).toEqual([
      { family: "standby-floor", amount: expect.closeTo(16_960, 2), unit: "W" },
    ]);
    expect(f.message).toContain(
      "needs ≤ 150.0 kW but the site cannot go below 167.0 kW because of standby and auxiliary power",
    );
  });

  it("diagnoses an import limit and a cooling limit the must-run units exceed", async () => {
    const s = slots([10, 10]).map((slot, t) => ({
      ...slot,
      importLimitW: t === 0 ? 500_000 : 2_000_000,
      ambientC: 40,
    }));
    const inp = input(
      s,
      [
        group("hall-a", 10, [mode(1, 100_000, 5_000)], {
          minUpSlots: 3,
          initial: { running: [{ mode: 1, count: 8, onForMs: 0 }] },
        }),
      ],
      {
        coolingCurve: [{ ambientC: 40, capacityW: 700_000 }],
      },
    );
    const f = await failure(inp);
    const families = (f.findings ?? []).map((x) => `${x.family}@${x.slotIndex}`).sort();
    expect(families).toEqual(["cooling@0", "cooling@1", "import-limit@0"]);
    const imp = f.findings?.find((x) => x.family === "import-limit");
    expect(imp?.lowestW).toBeCloseTo(800_000, 3);
    expect(f.message).toMatch(
      /needs ≤ 500\.0 kW but the site cannot go below 800\.0 kW because of min-up times/,
    );
    expect(f.message).toMatch(
      /cooling capacity in slot .* needs ≤ 700\.0 kW but the miners' heat cannot go below 800\.0 kW/,
    );
  });

  it("says the plan is infeasible without a diagnosis when asked not to diagnose", async () => {
    const out = planWithSolver(drAgainstMinUp(), await testSolver(), { nowMs: DAY0_MS, diagnose: false });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.failure).toMatchObject({ kind: "infeasible", message: "the plan is infeasible" });
  });
});

describe("elasticModel", () => {
  it("adds one slack per row of a weighted family, drops the economic objective and minimises", () => {
    const { model } = buildPlanModel(drAgainstMinUp());
    const elastic = elasticModel(model, { "demand-response": 2, "min-up": 1 });
    expect(elastic.sense).toBe("minimize");
    const slacks = elastic.columns.filter((c) => c.name.startsWith("z_"));
    expect(slacks.map((c) => c.name)).toEqual([
      "z_dr_c0_t2",
      ...[0, 1, 2, 3, 4, 5].map((t) => `z_minup_g0_t${t}`),
    ]);
    expect(slacks.find((c) => c.name === "z_dr_c0_t2")?.cost).toBe(2);
    expect(elastic.columns.filter((c) => !c.name.startsWith("z_")).every((c) => c.cost === 0)).toBe(true);
    const dr = elastic.rows.find((r) => r.name === "dr_c0_t2");
    expect(dr?.terms.at(-1)).toEqual({ coef: -1, name: "z_dr_c0_t2" });
    const minup = elastic.rows.find((r) => r.name === "minup_g0_t0");
    expect(minup?.terms.at(-1)).toEqual({ coef: 1, name: "z_minup_g0_t0" });
    // Definitions and unweighted families stay hard.
    expect(elastic.rows.find((r) => r.name === "import_t0")?.terms).toHaveLength(1);
  });
});
