import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Heap } from "./heap.js";

describe("Heap", () => {
  it("pops in sorted order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (xs) => {
        const h = new Heap<number>((a, b) => a - b);
        for (const x of xs) h.push(x);
        const out: number[] = [];
        for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x);
        expect(out).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
  });
});
