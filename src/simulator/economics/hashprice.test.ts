import { describe, expect, it } from "vitest";
import {
  blocksPerThDay,
  btcPriceIn,
  expectedHashesPerBlock,
  hashpriceBtcPerThDay,
  hashpriceJpyPerThDay,
  hashpriceUsdPerPhDay,
} from "./hashprice.js";

// Daily mean difficulty of 2024-04-20 in data/bitcoin/coinmetrics-lukmol (block 840 000's header: 86388558925171.02).
const D_2024_04_20 = 86_388_558_925_171.2;
const SATS = 1e8;

function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe("hashprice from difficulty, subsidy and fees", () => {
  it("expects D · 2^32 hashes per block", () => {
    expect(expectedHashesPerBlock(1)).toBe(4_294_967_296);
    expectRelative(expectedHashesPerBlock(D_2024_04_20), 3.7103601e23, 1e-7);
  });

  it("gives blocks per TH/s per day on the halving day", () => {
    expectRelative(blocksPerThDay(D_2024_04_20), 2.328614791354383e-7);
  });

  it("halves the subsidy part of hashprice at block 840 000 (same difficulty)", () => {
    const before = hashpriceBtcPerThDay({
      difficulty: D_2024_04_20,
      subsidyBtcPerBlock: 6.25,
      feesBtcPerBlock: 0,
    });
    const after = hashpriceBtcPerThDay({
      difficulty: D_2024_04_20,
      subsidyBtcPerBlock: 3.125,
      feesBtcPerBlock: 0,
    });
    expectRelative(before, 1.4553842445964894e-6);
    expectRelative(after, 7.276921222982447e-7);
    expect(before * SATS).toBeCloseTo(145.538, 3);
    expect(after * SATS).toBeCloseTo(72.769, 3);
  });

  it("adds the halving day's fee spike: 1,257.7 BTC over 130 blocks", () => {
    const feesBtcPerBlock = 1257.7154452499992 / 130;
    const btc = hashpriceBtcPerThDay({
      difficulty: D_2024_04_20,
      subsidyBtcPerBlock: 3.125,
      feesBtcPerBlock,
    });
    expectRelative(btc, 2.980565037009023e-6);
    const price = { price: 64_994.44140625, currency: "USD", usdJpy: 154.55 } as const;
    expectRelative(hashpriceUsdPerPhDay(btc, price), 193.72015965540032);
    expectRelative(hashpriceJpyPerThDay(btc, price), 29.93945067474212);
  });

  it("reproduces the 2025-12-31 reference example: 42.7 sats/TH/day, $37.4/PH/day", () => {
    const btc = hashpriceBtcPerThDay({
      difficulty: 148_258_433_855_480,
      subsidyBtcPerBlock: 3.125,
      feesBtcPerBlock: 3.05108551 / 133,
    });
    expect(btc * SATS).toBeCloseTo(42.713, 3);
    expect(hashpriceUsdPerPhDay(btc, { price: 87_508.828125, currency: "USD" })).toBeCloseTo(37.378, 3);
  });

  it("takes the BTC price in either currency", () => {
    const btc = 1e-6;
    const inJpy = { price: 10_000_000, currency: "JPY", usdJpy: 160 } as const;
    expect(hashpriceJpyPerThDay(btc, inJpy)).toBeCloseTo(10, 12);
    expect(hashpriceUsdPerPhDay(btc, inJpy)).toBeCloseTo(62.5, 12);
    expect(btcPriceIn({ price: 62_500, currency: "USD", usdJpy: 160 }, "JPY")).toBe(10_000_000);
  });

  it("refuses a cross-currency figure without an FX rate, and bad inputs", () => {
    expect(() => hashpriceJpyPerThDay(1e-6, { price: 60_000, currency: "USD" })).toThrow(/usdJpy/);
    expect(() => blocksPerThDay(0)).toThrow(RangeError);
    expect(() =>
      hashpriceBtcPerThDay({ difficulty: 1, subsidyBtcPerBlock: 3.125, feesBtcPerBlock: Number.NaN }),
    ).toThrow(RangeError);
  });
});
