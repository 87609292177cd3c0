import { describe, expect, it } from "vitest";
import { formatNumber, formatW, listSome } from "./format.js";

describe("format", () => {
  it("groups thousands without relying on ICU", () => {
    expect(formatW(1_000_000)).toBe("1,000,000 W");
    expect(formatW(999)).toBe("999 W");
    expect(formatW(-4_500_000.4)).toBe("-4,500,000 W");
    expect(formatNumber(1234.5, 2)).toBe("1,234.50");
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
  });

  it("lists a few items and counts the rest", () => {
    expect(listSome(["a", "b"])).toBe("a, b");
    expect(listSome(["a", "b", "c", "d"], 2)).toBe("a, b and 2 more");
  });
});
