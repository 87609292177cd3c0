import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { DailyMiningEconomics } from "../../domain/economics.js";
import {
  loadBundledDailyMiningEconomics,
  loadBundledDailySources,
  mergeBlockCounts,
  mergeUsdJpy,
} from "./bundled.js";
import type { DailySourceSeries } from "./daily-series.js";

const DATA_DIR = fileURLToPath(new URL("../../../data/bitcoin/", import.meta.url));

let sources: DailySourceSeries;
let observed: DailyMiningEconomics[];
let subsidyOnly: DailyMiningEconomics[];

beforeAll(async () => {
  sources = await loadBundledDailySources(DATA_DIR);
  observed = await loadBundledDailyMiningEconomics(DATA_DIR);
  subsidyOnly = await loadBundledDailyMiningEconomics(DATA_DIR, { missingFees: { feesBtcPerBlock: 0 } });
});

function day(rows: DailyMiningEconomics[], dateUtc: string): DailyMiningEconomics {
  const row = rows.find((r) => r.dateUtc === dateUtc);
  if (!row) throw new Error(`no row for ${dateUtc}`);
  return row;
}

describe("bundled daily history (data/bitcoin)", () => {
  it("covers the fee windows with observed fees, everything else with an assumption", () => {
    expect(observed).toHaveLength(460);
    expect(observed[0]?.dateUtc).toBe("2024-02-06");
    expect(observed.at(-1)?.dateUtc).toBe("2026-02-12");
    expect(observed.every((r) => r.feesSource === "observed")).toBe(true);
    // From the first BTC-USD close (2014-09-17) to the last difficulty (2026-02-12), less 2025-11-13..15.
    expect(subsidyOnly).toHaveLength(4164);
    expect(subsidyOnly.some((r) => r.dateUtc === "2025-11-14")).toBe(false);
  });

  it("gives the halving day 2024-04-20 from its sources", () => {
    expect(day(observed, "2024-04-20")).toEqual({
      dateUtc: "2024-04-20",
      difficulty: 86388558925171.2,
      blockHeight: 840_134,
      blocksPerDay: 130, // Coin Metrics' count; Hotstopper counts 135 with another day boundary
      feesBtcPerBlock: 1257.7154452499992 / 130,
      feesSource: "observed",
      btcUsd: 64994.44140625,
      usdJpy: 154.55, // FRED's Friday rate, carried over Saturday
    });
  });

  it("puts the day before wholly in the 6.25 BTC epoch: blocks 839 849..839 999", () => {
    const before = day(observed, "2024-04-19");
    expect([before.blockHeight, before.blocksPerDay]).toEqual([839_999, 151]);
  });

  it("gives 2025-12-31 from Coin Metrics fees and Yahoo FX (after FRED's last date)", () => {
    const row = day(observed, "2025-12-31");
    expect(row).toEqual({
      dateUtc: "2025-12-31",
      difficulty: 148_258_433_855_480,
      blocksPerDay: 133,
      feesBtcPerBlock: 3.05108551 / 133,
      feesSource: "observed",
      btcUsd: 87_508.828125,
      usdJpy: 156.41299438476562,
    });
    expect(day(subsidyOnly, "2022-01-01")).toMatchObject({ feesBtcPerBlock: 0, feesSource: "assumed" });
  });

  it("prefers FRED's noon rate inside FRED's range and Yahoo outside it", () => {
    // The BoJ's 2022-12-20 policy change: FRED's noon rate 131.08; Yahoo's day bar still says 136.99.
    expect(sources.usdJpy.get("2022-12-20")).toBe(131.08);
    expect(sources.usdJpy.get("2025-12-31")).toBe(156.41299438476562);
    const merged = mergeUsdJpy(
      new Map([
        ["2020-01-02", 1],
        ["2020-01-03", 2],
      ]),
      new Map([
        ["2020-01-01", 10],
        ["2020-01-02", 11],
        ["2020-01-04", 12],
      ]),
    );
    expect([...merged].sort()).toEqual([
      ["2020-01-01", 10],
      ["2020-01-02", 1],
      ["2020-01-03", 2],
      ["2020-01-04", 12],
    ]);
  });

  it("recovers whole block counts from Coin Metrics hashrate, else takes Hotstopper's", () => {
    const d = 1e13;
    const perBlockThs = (d * 2 ** 32) / 86_400 / 1e12;
    const merged = mergeBlockCounts(
      new Map([
        ["a", d],
        ["b", d],
        ["c", d],
      ]),
      new Map([
        ["a", 144 * perBlockThs],
        ["b", 144.4 * perBlockThs],
        ["c", 150.3 * perBlockThs],
      ]),
      new Map([["b", { blocksPerDay: 146, blockHeight: 1000 }]]),
    );
    expect([...merged]).toEqual([
      ["a", { blocksPerDay: 144 }],
      ["b", { blocksPerDay: 146, blockHeight: 1000 }],
    ]);
  });
});
