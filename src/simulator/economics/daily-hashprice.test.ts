import { describe, expect, it } from "vitest";
import type { DailyMiningEconomics } from "../../domain/economics.js";
import { hashpriceForDay, subsidyBtcPerBlockForDay } from "./daily-hashprice.js";

// 2024-04-20 as the bundled history gives it (see src/signals/bitcoin/bundled.test.ts).
const HALVING_DAY: DailyMiningEconomics = {
  dateUtc: "2024-04-20",
  difficulty: 86_388_558_925_171.2,
  blockHeight: 840_134,
  blocksPerDay: 130,
  feesBtcPerBlock: 1257.7154452499992 / 130,
  btcUsd: 64_994.44140625,
  usdJpy: 154.55,
};

function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe("subsidy of a day", () => {
  it("is exact from the end-of-day height and block count", () => {
    expect(subsidyBtcPerBlockForDay(HALVING_DAY)).toBe(3.125);
    expect(subsidyBtcPerBlockForDay({ ...HALVING_DAY, dateUtc: "2024-04-19", blockHeight: 839_999 })).toBe(
      6.25,
    );
    // 2020-05-11: blocks 629 873..630 029, 127 at 12.5 BTC and 30 at 6.25 BTC.
    expect(
      subsidyBtcPerBlockForDay({
        ...HALVING_DAY,
        dateUtc: "2020-05-11",
        blockHeight: 630_029,
        blocksPerDay: 157,
      }),
    ).toBeCloseTo((127 * 12.5 + 30 * 6.25) / 157, 14);
  });

  it("uses the end-of-day height alone, then the date", () => {
    const { blocksPerDay: _b, ...heightOnly } = HALVING_DAY;
    expect(subsidyBtcPerBlockForDay(heightOnly)).toBe(3.125);
    const { blockHeight: _h, ...dateOnly } = heightOnly;
    expect(subsidyBtcPerBlockForDay(dateOnly)).toBe(3.1455078125);
  });
});

describe("hashprice of a day", () => {
  it("gives 2024-04-20 in every unit", () => {
    const h = hashpriceForDay(HALVING_DAY);
    expect(h.subsidyBtcPerBlock).toBe(3.125);
    expectRelative(h.blocksPerThDay, 2.328614791354383e-7);
    expectRelative(h.btcPerThDay, 2.980565037009023e-6);
    expectRelative(h.usdPerPhDay, 193.72015965540032);
    expectRelative(h.jpyPerThDay, 29.93945067474212);
  });

  it("gives the subsidy-only figures either side of the halving", () => {
    const noFees = { ...HALVING_DAY, feesBtcPerBlock: 0 };
    const after = hashpriceForDay(noFees);
    const before = hashpriceForDay({
      ...noFees,
      dateUtc: "2024-04-19",
      blockHeight: 839_999,
      blocksPerDay: 151,
    });
    expectRelative(before.usdPerPhDay, 94.59188600900595);
    expectRelative(after.usdPerPhDay, 47.29594300450297);
    expectRelative(before.jpyPerThDay, 14.61917598269187);
    expectRelative(after.jpyPerThDay, 7.309587991345935);
  });
});
