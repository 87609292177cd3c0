import { describe, expect, it } from "vitest";
import { loadHighsSolver } from "./highs-solver.js";

const LP = [
  "Maximize",
  " obj: 1 a + 1 b",
  "Subject To",
  " r1: 3 a + 7 b <= 10",
  "Bounds",
  " 0 <= a <= 2",
  "Generals",
  " a b",
  "End",
  "",
].join("\n");
const OPTS = { timeLimitS: 5, mipRelGap: 0 };

describe("highsSolver", () => {
  it("solves a MIP and reports status, objective, gap and values by name", async () => {
    const solve = await loadHighsSolver();
    const r = solve({ lpText: LP, columnNames: ["a", "b"] }, OPTS);
    expect(r).toMatchObject({ status: "optimal", hasSolution: true, objective: 2, mipGap: 0 });
    expect(r.values.get("a")).toBe(2);
    expect(r.values.get("b")).toBe(0);
    expect(r.runTimeS).toBeGreaterThanOrEqual(0);
  });

  it("solves the relaxation when asked, and maps names right even when the order hint is wrong", async () => {
    const solve = await loadHighsSolver();
    const r = solve({ lpText: LP, columnNames: ["b", "a"], relaxation: true }, OPTS);
    expect(r.status).toBe("optimal");
    expect(r.values.get("a")).toBe(2);
    expect(r.values.get("b")).toBeCloseTo(4 / 7, 9);
    expect(r.mipGap).toBeNaN();
  });

  it("accepts a MIP start and says infeasible without a solution", async () => {
    const solve = await loadHighsSolver();
    const started = solve(
      {
        lpText: LP,
        columnNames: ["a", "b"],
        start: new Map([
          ["a", 1],
          ["b", 1],
        ]),
      },
      OPTS,
    );
    expect(started.objective).toBe(2);
    const infeasible = [
      "Minimize",
      " obj: 1 x",
      "Subject To",
      " c1: 1 x >= 5",
      " c2: 1 x <= 3",
      "End",
      "",
    ].join("\n");
    const r = solve({ lpText: infeasible, columnNames: ["x"] }, OPTS);
    expect(r).toMatchObject({ status: "infeasible", hasSolution: false });
    expect(r.values.size).toBe(0);
  });

  it("throws on LP text HiGHS cannot read", async () => {
    const solve = await loadHighsSolver();
    expect(() =>
      solve({ lpText: "Maximize\n obj: 1 x +\nSubject To\n c: x <=\nEnd\n", columnNames: [] }, OPTS),
    ).toThrow();
  });
});
