import { describe, expect, it } from "vitest";
import { blocksPerThDay } from "./hashprice.js";
import { coefficientOfVariation, networkHashrateThs, payoutEstimate } from "./payout.js";

// The site: 558 A1566HA at 480 TH/s = 267 840 TH/s, at 2024-04-20's difficulty, 3.125 BTC subsidy, 0.125 BTC fees.
const D = 86_388_558_925_171.2;
const SITE = { hashrateThs: 558 * 480, difficulty: D, subsidyBtcPerBlock: 3.125, feesBtcPerBlock: 0.125 };
const SITE_BLOCKS_PER_DAY = 0.062369618571635796;

function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe("pool payout schemes", () => {
  it("finds the site's expected blocks per day", () => {
    expectRelative(SITE.hashrateThs * blocksPerThDay(D), SITE_BLOCKS_PER_DAY);
  });

  it("FPPS pays subsidy and fees net of the fee, PPS subsidy only; neither varies", () => {
    const fpps = payoutEstimate({ kind: "fpps", poolFeeFraction: 0.02 }, SITE);
    const pps = payoutEstimate({ kind: "pps", poolFeeFraction: 0.02 }, SITE);
    expectRelative(fpps.expectedBtc, 0.19864723515066002); // 0.98 · 3.25 · λ
    expectRelative(pps.expectedBtc, 0.19100695687563463); // 0.98 · 3.125 · λ
    expect(fpps.stdDevBtc).toBe(0);
    expect(pps.stdDevBtc).toBe(0);
    expectRelative(fpps.expectedBtc - pps.expectedBtc, 0.98 * 0.125 * SITE_BLOCKS_PER_DAY);
  });

  it("PPLNS in a pool with 10 % of the network: same mean as FPPS, CV 1/√14.4 = 26.4 % a day", () => {
    const poolHashrateThs = 0.1 * networkHashrateThs(D);
    expectRelative(networkHashrateThs(D), 618_393_392.2202986);
    const e = payoutEstimate({ kind: "pplns", poolFeeFraction: 0.02, poolHashrateThs }, SITE);
    expectRelative(e.expectedBtc, 0.19864723515066002);
    expectRelative(e.expectedBlocks ?? 0, 14.4);
    expectRelative(e.stdDevBtc, 0.052348142830928916, 1e-11);
    expectRelative(coefficientOfVariation(e), 0.26352313834736496, 1e-11);
  });

  it("PPLNS spread shrinks with the square root of the period", () => {
    const scheme = {
      kind: "pplns",
      poolFeeFraction: 0.02,
      poolHashrateThs: 0.1 * networkHashrateThs(D),
    } as const;
    const month = payoutEstimate(scheme, { ...SITE, days: 30 });
    expectRelative(month.expectedBtc, 30 * 0.19864723515066002);
    expectRelative(coefficientOfVariation(month), 0.26352313834736496 / Math.sqrt(30), 1e-11);
  });

  it("PPS+ carries only the fee part's luck", () => {
    const poolHashrateThs = 0.1 * networkHashrateThs(D);
    const e = payoutEstimate({ kind: "pps-plus", poolFeeFraction: 0.02, poolHashrateThs }, SITE);
    expectRelative(e.expectedBtc, 0.19864723515066002);
    expectRelative(e.stdDevBtc, 0.0020133901088818813, 1e-11);
  });

  it("solo: Poisson in the site's own blocks, one every ~16 days", () => {
    const day = payoutEstimate({ kind: "solo" }, SITE);
    expectRelative(day.expectedBtc, 0.20270126035781633);
    expectRelative(day.stdDevBtc, 0.8116520782717821, 1e-11);
    expectRelative(day.probabilityOfAnyBlock ?? 0, 0.060464447184533414, 1e-11);
    const month = payoutEstimate({ kind: "solo" }, { ...SITE, days: 30 });
    expectRelative(month.stdDevBtc, 4.445601521154037, 1e-11);
    expectRelative(month.probabilityOfAnyBlock ?? 0, 0.8460440193169734, 1e-11);
  });

  it("rejects a pool smaller than the miner and fees of 100 %", () => {
    expect(() =>
      payoutEstimate({ kind: "pplns", poolFeeFraction: 0.02, poolHashrateThs: 1000 }, SITE),
    ).toThrow(/below the miner/);
    expect(() => payoutEstimate({ kind: "fpps", poolFeeFraction: 1 }, SITE)).toThrow(RangeError);
    expect(() => payoutEstimate({ kind: "solo" }, { ...SITE, days: 0 })).toThrow(RangeError);
  });
});
