import { describe, expect, it } from "vitest";
import { decodeRegisters, formatWords, registerCount, scaleByPowerOfTen } from "./codec.js";

describe("decodeRegisters", () => {
  it.each([
    ["int16", [0xfb2e], "big", -1234],
    ["int16", [0x7fff], "big", 32767],
    ["uint16", [0x9c40], "big", 40000],
    // 42135005 = 0x0282EDDD: big = [0x0282, 0xEDDD], word-swapped = [0xEDDD, 0x0282]
    ["int32", [0x0282, 0xeddd], "big", 42_135_005],
    ["int32", [0xeddd, 0x0282], "little", 42_135_005],
    ["int32", [0xffe8, 0xce80], "big", -1_520_000],
    ["uint32", [0xb2d0, 0x5e00], "big", 3_000_000_000],
    ["uint32", [0x5e00, 0xb2d0], "little", 3_000_000_000],
    // 1404.25 = 0x4095_F100_0000_0000
    ["float64", [0x4095, 0xf100, 0, 0], "big", 1404.25],
    ["float64", [0, 0, 0xf100, 0x4095], "little", 1404.25],
    // 1234567.5 = 0x4996B43C
    ["float32", [0x4996, 0xb43c], "big", 1_234_567.5],
    ["float32", [0xb43c, 0x4996], "little", 1_234_567.5],
  ] as const)("%s %j (%s) = %d", (type, words, order, expected) => {
    expect(decodeRegisters(words, type, order)).toBe(expected);
  });

  it("keeps float32 precision honest and passes NaN through for the caller to judge", () => {
    expect(decodeRegisters([0x426f, 0xe148], "float32")).toBe(Math.fround(59.97));
    expect(decodeRegisters([0x7fc0, 0x0000], "float32")).toBeNaN();
  });

  it("refuses the wrong number of registers and values that are not 16-bit words", () => {
    expect(() => decodeRegisters([1], "int32")).toThrow("int32 needs 2 register(s), got 1");
    expect(() => decodeRegisters([0x10000], "uint16")).toThrow("not a 16-bit word");
    expect(() => decodeRegisters([-1], "int16")).toThrow("not a 16-bit word");
  });

  it("counts registers per type", () => {
    expect(
      ["int16", "uint16", "int32", "uint32", "float32", "float64"].map((t) => registerCount(t as never)),
    ).toEqual([1, 1, 2, 2, 2, 4]);
  });
});

describe("helpers", () => {
  it("scales by powers of ten without binary-fraction noise", () => {
    expect(scaleByPowerOfTen(5998, -2)).toBe(59.98);
    expect(scaleByPowerOfTen(4213, 3)).toBe(4_213_000);
    expect(scaleByPowerOfTen(-1520, 2)).toBe(-152_000);
    expect(scaleByPowerOfTen(3, -1)).toBe(0.3);
  });

  it("prints registers as hex", () => {
    expect(formatWords([0x7fc0, 0])).toBe("[0x7FC0, 0x0000]");
  });
});
