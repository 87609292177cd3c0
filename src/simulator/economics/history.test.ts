import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { DailyMiningEconomics } from "../../domain/economics.js";
import { loadBundledDailyMiningEconomics } from "../../signals/bitcoin/bundled.js";
import { hashpriceForDay } from "./daily-hashprice.js";

// Hashprice over the bundled daily history (data/bitcoin), checked against the reference figures.
const DATA_DIR = fileURLToPath(new URL("../../../data/bitcoin/", import.meta.url));
const SATS = 1e8;

let rows: DailyMiningEconomics[];

beforeAll(async () => {
  rows = await loadBundledDailyMiningEconomics(DATA_DIR, { missingFees: { feesBtcPerBlock: 0 } });
});

function day(dateUtc: string): DailyMiningEconomics {
  const row = rows.find((r) => r.dateUtc === dateUtc);
  if (!row) throw new Error(`no row for ${dateUtc}`);
  return row;
}

describe("hashprice on known days", () => {
  it("2024-04-20, the halving day: 298.06 sats/TH/day with its fee spike, 72.77 sats from the subsidy", () => {
    const h = hashpriceForDay(day("2024-04-20"));
    expect(h.subsidyBtcPerBlock).toBe(3.125);
    expect(h.btcPerThDay * SATS).toBeCloseTo(298.0565, 4);
    expect(h.usdPerPhDay).toBeCloseTo(193.7202, 4);
    expect(h.jpyPerThDay).toBeCloseTo(29.9395, 4);
    expect(hashpriceForDay({ ...day("2024-04-20"), feesBtcPerBlock: 0 }).btcPerThDay * SATS).toBeCloseTo(
      72.7692,
      4,
    );
  });

  it("2024-04-19, the last 6.25 BTC day, same difficulty: 145.54 sats/TH/day from the subsidy", () => {
    const h = hashpriceForDay({ ...day("2024-04-19"), feesBtcPerBlock: 0 });
    expect(h.subsidyBtcPerBlock).toBe(6.25);
    expect(h.btcPerThDay * SATS).toBeCloseTo(145.5384, 4);
  });

  it("2025-12-31: 42.7 sats/TH/day, $37.4/PH/day (reference example)", () => {
    const h = hashpriceForDay(day("2025-12-31"));
    expect(h.btcPerThDay * SATS).toBeCloseTo(42.713, 3);
    expect(h.usdPerPhDay).toBeCloseTo(37.378, 3);
    expect(h.jpyPerThDay).toBeCloseTo(5.8464, 4);
  });

  it("2022: subsidy-only range $53.7 .. $247.0/PH/day (Hashrate Index reported $55.94 .. $246.86 with fees)", () => {
    const year = rows.filter((r) => r.dateUtc.startsWith("2022-")).map((r) => hashpriceForDay(r).usdPerPhDay);
    expect(year).toHaveLength(365);
    expect(Math.max(...year)).toBeCloseTo(247.013, 3);
    expect(Math.min(...year)).toBeCloseTo(53.7, 1);
  });

  it("2020-05-11 splits the day's blocks across the third halving", () => {
    // Blocks 629 873..630 029: 127 at 12.5 BTC, 30 at 6.25 BTC.
    expect(hashpriceForDay(day("2020-05-11")).subsidyBtcPerBlock).toBeCloseTo(
      (127 * 12.5 + 30 * 6.25) / 157,
      12,
    );
  });
});
