import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findGaps,
  intervalAt,
  isSortedSeries,
  type PriceInterval,
  seriesIndexAt,
  sliceByStart,
  valueAt,
} from "./series.js";

const H = 3_600_000;
const series: PriceInterval[] = [
  { startMs: 0, durationMs: H, priceJpyPerKwh: 10 },
  { startMs: H, durationMs: H, priceJpyPerKwh: 11 },
  { startMs: 3 * H, durationMs: H, priceJpyPerKwh: 13 },
];
const price = (i: PriceInterval) => i.priceJpyPerKwh;

describe("valueAt", () => {
  it("finds the interval whose half-open span contains the time", () => {
    expect(valueAt(series, 0, price)).toBe(10);
    expect(valueAt(series, H - 1, price)).toBe(10);
    expect(valueAt(series, H, price)).toBe(11);
    expect(valueAt(series, 3 * H + 1, price)).toBe(13);
  });

  it("is undefined before, after and inside gaps", () => {
    expect(valueAt(series, -1, price)).toBeUndefined();
    expect(valueAt(series, 2 * H, price)).toBeUndefined();
    expect(valueAt(series, 4 * H, price)).toBeUndefined();
    expect(valueAt([], 0, price)).toBeUndefined();
  });

  it("agrees with a linear scan on random sorted series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 5 }), len: fc.integer({ min: 1, max: 5 }) })),
        fc.integer({ min: -5, max: 200 }),
        (parts, t) => {
          let at = 0;
          const s = parts.map((p, k) => {
            const startMs = at + p.gap;
            at = startMs + p.len;
            return { startMs, durationMs: p.len, powerW: k };
          });
          const linear = s.find((i) => i.startMs <= t && t < i.startMs + i.durationMs);
          expect(intervalAt(s, t)).toBe(linear);
          expect(seriesIndexAt(s, t)).toBe(linear === undefined ? -1 : s.indexOf(linear));
        },
      ),
    );
  });
});

describe("series helpers", () => {
  it("lists gaps between intervals", () => {
    expect(findGaps(series)).toEqual([{ afterIndex: 1, fromMs: 2 * H, toMs: 3 * H }]);
  });

  it("checks the sorted, non-overlapping precondition", () => {
    expect(isSortedSeries(series)).toBe(true);
    expect(isSortedSeries([series[1], series[0]] as PriceInterval[])).toBe(false);
    expect(
      isSortedSeries([
        { startMs: 0, durationMs: 2 * H },
        { startMs: H, durationMs: H },
      ]),
    ).toBe(false);
  });

  it("slices by start time, half-open", () => {
    expect(sliceByStart(series, H, 3 * H).map(price)).toEqual([11]);
    expect(sliceByStart(series, 0, 3 * H + 1).map(price)).toEqual([10, 11, 13]);
    expect(sliceByStart(series, 5 * H, 6 * H)).toEqual([]);
  });
});
