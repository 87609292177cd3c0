import { describe, expect, it } from "vitest";
import { interpolate } from "./piecewise.js";

describe("interpolate", () => {
  const curve = [
    { x: 35, y: 3_900_000 },
    { x: 25, y: 4_700_000 },
    { x: 30, y: 4_400_000 },
  ];

  it("is linear between points, whatever their order", () => {
    expect(interpolate(curve, 32.5)).toBe(4_150_000);
    expect(interpolate(curve, 30)).toBe(4_400_000);
  });

  it("is flat beyond the ends and undefined when empty", () => {
    expect(interpolate(curve, -10)).toBe(4_700_000);
    expect(interpolate(curve, 50)).toBe(3_900_000);
    expect(interpolate([], 20)).toBeUndefined();
  });
});
