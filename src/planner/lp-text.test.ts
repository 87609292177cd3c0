import { describe, expect, it } from "vitest";
import type { LpModel } from "./lp-model.js";
import { LpModelBuilder } from "./lp-model.js";
import { formatLpNumber, LP_MAX_LINE_CHARS, writeLp } from "./lp-text.js";
import { testSolver } from "./testing/solver.js";

describe("formatLpNumber", () => {
  it("writes plain decimals, never exponents", () => {
    expect(formatLpNumber(3)).toBe("3");
    expect(formatLpNumber(-6.331)).toBe("-6.331");
    expect(formatLpNumber(0.0000001)).toBe("0.0000001");
    expect(formatLpNumber(-0)).toBe("0");
    expect(formatLpNumber(1 / 3)).toBe("0.333333333333");
    expect(formatLpNumber(4_500_000)).toBe("4500000");
    expect(formatLpNumber(123456789.1234)).toBe("123456789.123");
  });

  it("refuses values HiGHS would read as infinite or garbage", () => {
    expect(() => formatLpNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatLpNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatLpNumber(2e20)).toThrow(RangeError);
  });
});

function tinyModel(): LpModel {
  const b = new LpModelBuilder("maximize");
  b.column({ name: "a", lower: 0, upper: Number.POSITIVE_INFINITY, integer: false, cost: 2 });
  b.column({ name: "b", lower: 0, upper: 5, integer: true, cost: -1.5 });
  b.column({
    name: "c",
    lower: Number.NEGATIVE_INFINITY,
    upper: Number.POSITIVE_INFINITY,
    integer: false,
    cost: 0,
  });
  b.column({ name: "d", lower: 3, upper: 3, integer: true, cost: 0 });
  b.row({
    name: "r1",
    terms: [
      { coef: 1, name: "a" },
      { coef: -2, name: "b" },
      { coef: 1, name: "c" },
    ],
    sense: "<=",
    rhs: 4,
    family: "import-limit",
    slotIndex: 0,
  });
  b.row({
    name: "r2",
    terms: [
      { coef: 1, name: "c" },
      { coef: 1, name: "d" },
    ],
    sense: "=",
    rhs: 3,
    family: "definition",
    slotIndex: 0,
  });
  return b.build();
}

describe("writeLp", () => {
  it("writes sections, default bounds left out, free and fixed columns, Generals", () => {
    expect(writeLp(tinyModel())).toBe(
      [
        "Maximize",
        " obj: 2 a - 1.5 b + 0 c + 0 d",
        "Subject To",
        " r1: 1 a - 2 b + 1 c <= 4",
        " r2: 1 c + 1 d = 3",
        "Bounds",
        " 0 <= b <= 5",
        " c >= -inf",
        " d = 3",
        "Generals",
        " b d",
        "End",
        "",
      ].join("\n"),
    );
  });

  it("wraps long rows onto continuation lines of at most 200 characters", () => {
    const b = new LpModelBuilder("minimize");
    const names: string[] = [];
    for (let i = 0; i < 120; i++) {
      names.push(b.column({ name: `x_g0_k${i}_t${i}`, lower: 0, upper: 1, integer: true, cost: 1 }));
    }
    b.row({
      name: "long",
      terms: names.map((name) => ({ coef: 6.331, name })),
      sense: ">=",
      rhs: 1,
      family: "definition",
      slotIndex: 0,
    });
    const lines = writeLp(b.build()).split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(LP_MAX_LINE_CHARS);
    const rowLines = lines.slice(lines.findIndex((l) => l.startsWith(" long:")));
    expect(rowLines[1]?.startsWith("   + 6.331 x_g0_k")).toBe(true);
  });

  it("rejects names the LP format would misread and terms on unknown columns", () => {
    const bad = new LpModelBuilder("maximize");
    bad.column({ name: "1x", lower: 0, upper: 1, integer: false, cost: 1 });
    expect(() => writeLp(bad.build())).toThrow(/invalid LP name/);
    const unknown: LpModel = {
      sense: "maximize",
      columns: [{ name: "a", lower: 0, upper: 1, integer: false, cost: 1 }],
      rows: [
        {
          name: "r",
          terms: [{ coef: 1, name: "b" }],
          sense: "<=",
          rhs: 1,
          family: "definition",
          slotIndex: 0,
        },
      ],
    };
    expect(() => writeLp(unknown)).toThrow(/unknown column b/);
    expect(() =>
      new LpModelBuilder("maximize").row({
        name: "r",
        terms: [],
        sense: "<=",
        rhs: 0,
        family: "definition",
        slotIndex: 0,
      }),
    ).toThrow(/no terms/);
  });

  it("is read by HiGHS as written: free column, fixed column, integrality", async () => {
    const solver = await testSolver();
    const model = tinyModel();
    const r = solver(
      { lpText: writeLp(model), columnNames: model.columns.map((c) => c.name) },
      { timeLimitS: 5, mipRelGap: 0 },
    );
    expect(r.status).toBe("optimal");
    // c = 3 − d = 0 is forced; a ≤ 4 + 2b, so 2a − 1.5b = 8 + 2.5b grows with b up to its bound 5.
    expect(r.values.get("d")).toBe(3);
    expect(r.values.get("c")).toBeCloseTo(0, 9);
    expect(r.values.get("b")).toBe(5);
    expect(r.values.get("a")).toBeCloseTo(14, 9);
    expect(r.objective).toBeCloseTo(20.5, 9);
  });
});
