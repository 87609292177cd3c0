import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveIntegerProgram } from "./integer-program.js";

/** Every x with Σx ≤ k, by enumeration: the reference the solver must match. */
function bruteForce(u: number[], q: number[], k: number, lo: number, hi: number): number | undefined {
  let best: number | undefined;
  const x = new Array<number>(u.length).fill(0);
  const rec = (i: number, left: number) => {
    if (i === u.length) {
      const w = x.reduce((s, v, j) => s + v * (q[j] as number), 0);
      if (w < lo || w > hi) return;
      const value = x.reduce((s, v, j) => s + v * (u[j] as number), 0);
      if (best === undefined || value > best) best = value;
      return;
    }
    for (let t = 0; t <= left; t++) {
      x[i] = t;
      rec(i + 1, left - t);
    }
    x[i] = 0;
  };
  rec(0, k);
  return best;
}

describe("solveIntegerProgram", () => {
  it("finds the integer optimum, not a rounded LP point", () => {
    // Item 0: value 1, weight 3; item 1: value 4, weight 4; weight ≤ 10. The LP takes 2.5 of item 1 (value 10);
    // whole units: 2 of item 1 (weight 8, value 8) beat 1 of item 1 + 2 of item 0 (weight 10, value 6).
    const s = solveIntegerProgram({ u: [1, 4], q: [3, 4], k: 5, lo: Number.NEGATIVE_INFINITY, hi: 10 });
    expect(s?.x).toEqual([0, 2]);
    expect(s?.value).toBe(8);
  });

  it("uses a cheaper mode to fill the gap the better mode leaves", () => {
    // Eco 6,331 W above standby, Standard 7,944 W, Super 8,750 W; 20 kW fits 2 Super (17.5 kW) but 2 Standard +
    // nothing or 1 Super + 1 Standard (16.7 kW)… the optimum by hashrate is 3 Eco (19.0 kW, 1,239 TH/s).
    const s = solveIntegerProgram({
      u: [413, 480, 509],
      q: [6331, 7944, 8750],
      k: 10,
      lo: Number.NEGATIVE_INFINITY,
      hi: 20_000,
    });
    expect(s?.x).toEqual([3, 0, 0]);
    expect(s?.value).toBe(1239);
  });

  it("honours a lower bound and reports infeasibility", () => {
    expect(solveIntegerProgram({ u: [-1], q: [5], k: 3, lo: 11, hi: 20 })?.x).toEqual([3]);
    expect(solveIntegerProgram({ u: [1], q: [5], k: 3, lo: 16, hi: 20 })).toBeUndefined();
  });

  it("matches enumeration on random small programmes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 100 }), fc.integer({ min: 1, max: 40 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 9 }),
        fc.option(fc.integer({ min: -20, max: 200 }), { nil: undefined }),
        fc.integer({ min: -10, max: 300 }),
        (items, k, loOpt, hi) => {
          const u = items.map(([a]) => a);
          const q = items.map(([, b]) => b);
          const lo = loOpt ?? Number.NEGATIVE_INFINITY;
          const expected = bruteForce(u, q, k, lo, hi);
          const got = solveIntegerProgram({ u, q, k, lo, hi });
          if (expected === undefined) expect(got).toBeUndefined();
          else expect(got?.value).toBe(expected);
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
  });
});
