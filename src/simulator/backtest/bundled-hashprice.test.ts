import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../core/index.js";
import { A1566HA } from "../../drivers/miners/avalon/models.js";
import { bundledHashprice } from "./bundled-hashprice.js";
import { thresholdPricePerKwh } from "./strategies.js";
import { hourlyInputs, NO_ADDERS } from "./testing/toy-site.js";

// Subsidy only (the bundled history has no fees for 2014-09 .. 2024-02):
//   BTC/TH/day = 86,400 · 10^12 / (difficulty · 2^32) · 6.25, JPY/TH/day = that · BTCUSD · USDJPY.
const KNOWN = [
  // date, difficulty, BTCUSD, USDJPY (FRED), BTC/TH/day, JPY/TH/day
  ["2021-01-01", 18_599_593_048_299, 29_374.15234375, 103.19, 6.759747229232411e-6, 20.4895967769558],
  ["2022-06-15", 30_283_293_547_737, 22_572.83984375, 134.5, 4.1517461558432436e-6, 12.604896290922948],
  ["2023-04-08", 47_887_764_338_536, 27_947.794921875, 132.11, 2.6254837599907323e-6, 9.693766996717766],
] as const;

describe("hashprice from the bundled history", () => {
  it("gives the subsidy-only hashprice of known days in JPY and USD", async () => {
    const from = Date.UTC(2021, 0, 1);
    const to = Date.UTC(2023, 11, 31);
    const jpy = await bundledHashprice({ currency: "JPY", fromMs: from, toMs: to, feesBtcPerBlock: 0 });
    const usd = await bundledHashprice({ currency: "USD", fromMs: from, toMs: to, feesBtcPerBlock: 0 });
    for (const [date, difficulty, btcUsd, usdJpy, btc, yen] of KNOWN) {
      const day = jpy.byDay.get(date);
      expect(day?.btcPerThsDay).toBeCloseTo(btc, 18);
      expect(day?.btcPerThsDay).toBeCloseTo((86_400e12 / (difficulty * 2 ** 32)) * 6.25, 18);
      expect(day?.perThsDay).toBeCloseTo(yen, 10);
      expect(day?.perThsDay).toBeCloseTo(btc * btcUsd * usdJpy, 10);
      expect(usd.byDay.get(date)?.perThsDay).toBeCloseTo(btc * btcUsd, 12);
    }
    expect(jpy.notes[0]).toBe(
      "hashprice: the bundled history has no fee figures for 1094 of 1094 days; those assume 0 BTC of fees per block (subsidy only)",
    );
  });

  it("turns a hashprice into the threshold strategy's break-even price", () => {
    // A1566HA Standard, 480 TH/s at 8,064 W, 120 W standby netted: 480 · hashprice / 24 / 7.944 kWh.
    const site = { name: "ref", spec: A1566HA, units: 558, policy: DEFAULT_POLICY };
    const cases = [
      [20.4895967769558, 51.58508755527643],
      [12.604896290922948, 31.73438139708698],
      [9.693766996717766, 24.405254271696293],
    ] as const;
    for (const [hashprice, breakEven] of cases) {
      const inputs = hourlyInputs({
        prices: [10],
        surplusW: [0],
        hashpricePerThsDay: hashprice,
        btcPerThsDay: 0,
      });
      expect(thresholdPricePerKwh(site, inputs.slots, 0, NO_ADDERS)).toBeCloseTo(breakEven, 10);
    }
    // A 2 % pool fee lowers it by 2 %.
    const inputs = hourlyInputs({ prices: [10], surplusW: [0], hashpricePerThsDay: 10, btcPerThsDay: 0 });
    expect(thresholdPricePerKwh(site, inputs.slots, 0, { ...NO_ADDERS, poolFeeFraction: 0.02 })).toBeCloseTo(
      (480 * 10 * 0.98) / 24 / 7.944,
      10,
    );
  });
});
