import { join } from "node:path";
import type { DailyMiningEconomics } from "../../domain/economics.js";
import { parseBlockchainComChartJson } from "./blockchain-com-json.js";
import {
  type AssembleOptions,
  assembleDailyMiningEconomics,
  type DailyBlocks,
  type DailySourceSeries,
} from "./daily-series.js";
import { readDataFile } from "./read-data-file.js";
import {
  type DailyBlockCount,
  parseBlockCountsCsv,
  parseCoinMetricsFeesCsv,
  parseDifficultyCsv,
  parseFredCsv,
  parseHashrateCsv,
  parseYahooCloseCsv,
} from "./source-formats.js";

// The daily history copied into data/bitcoin/ (provenance in each folder's SOURCE.md), relative to that folder.
export const BUNDLED_BITCOIN_FILES = {
  difficulty: "coinmetrics-lukmol/difficulty.csv.gz",
  hashrate: "coinmetrics-lukmol/hashrate.csv.gz",
  coinMetricsFees: "coinmetrics-lukmol/coinmetrics.csv",
  blockCounts: "hotstopper-blocks/blocks.csv.gz",
  blockchainComFees: "blockchain-com-krisp140/transaction-fees.json",
  btcUsd: "yahoo-jonsflow/btc.csv.gz",
  usdJpyYahoo: "yahoo-jonsflow/usdjpy.csv.gz",
  usdJpyFred: "fred-dexjpus/DEXJPUS.csv",
} as const;

const HASHES_PER_UNIT_DIFFICULTY = 2 ** 32;
const HASHES_PER_TH = 1e12;
const SECONDS_PER_DAY = 86_400;
// Coin Metrics' HashRate is DiffMean · 2^32 · BlkCnt / 86400, so the block count comes back as a whole number up to
// float noise. 55 days of 2016–2018 miss by more (up to 0.48); those take the Hotstopper count instead.
const BLOCK_COUNT_TOLERANCE = 0.05;

/**
 * Blocks per day: Coin Metrics' count (recovered from hashrate and difficulty) where it is whole, because difficulty
 * and fees come from the same day boundaries; else the Hotstopper count. End-of-day height is Hotstopper's.
 */
export function mergeBlockCounts(
  difficulty: ReadonlyMap<string, number>,
  hashrateThs: ReadonlyMap<string, number>,
  counted: ReadonlyMap<string, DailyBlockCount>,
): Map<string, DailyBlocks> {
  const merged = new Map<string, DailyBlocks>();
  for (const [date, d] of difficulty) {
    const h = hashrateThs.get(date);
    const implied =
      h === undefined ? Number.NaN : (h * HASHES_PER_TH * SECONDS_PER_DAY) / (d * HASHES_PER_UNIT_DIFFICULTY);
    const whole = Math.round(implied);
    const c = counted.get(date);
    const blocksPerDay = Math.abs(implied - whole) <= BLOCK_COUNT_TOLERANCE ? whole : c?.blocksPerDay;
    if (blocksPerDay === undefined) continue;
    merged.set(date, c === undefined ? { blocksPerDay } : { blocksPerDay, blockHeight: c.blockHeight });
  }
  return merged;
}

/** FRED noon rates inside FRED's own date range (more exact than Yahoo's day bars), Yahoo outside it. */
export function mergeUsdJpy(
  fred: ReadonlyMap<string, number>,
  yahoo: ReadonlyMap<string, number>,
): Map<string, number> {
  const fredDates = [...fred.keys()].sort();
  const first = fredDates[0];
  const last = fredDates[fredDates.length - 1];
  const merged = new Map<string, number>();
  for (const [date, rate] of yahoo) {
    if (first === undefined || last === undefined || date < first || date > last) merged.set(date, rate);
  }
  for (const [date, rate] of fred) merged.set(date, rate);
  return merged;
}

/** Reads every bundled file and returns the per-quantity series, before joining. */
export async function loadBundledDailySources(dataDir: string): Promise<DailySourceSeries> {
  const read = async <T>(
    name: keyof typeof BUNDLED_BITCOIN_FILES,
    parse: (text: string, file: string) => T,
  ) => {
    const file = join(dataDir, BUNDLED_BITCOIN_FILES[name]);
    return parse(await readDataFile(file), file);
  };
  const [difficulty, hashrate, cmFees, counts, bcFees, btcUsd, yahooFx, fredFx] = await Promise.all([
    read("difficulty", parseDifficultyCsv),
    read("hashrate", parseHashrateCsv),
    read("coinMetricsFees", parseCoinMetricsFeesCsv),
    read("blockCounts", parseBlockCountsCsv),
    read("blockchainComFees", (t, f) => parseBlockchainComChartJson(t, f, "transaction-fees")),
    read("btcUsd", parseYahooCloseCsv),
    read("usdJpyYahoo", parseYahooCloseCsv),
    read("usdJpyFred", (t, f) => parseFredCsv(t, f, "DEXJPUS")),
  ]);
  // Coin Metrics wins where both have fees: it also supplies the difficulty and block count.
  const feesBtcPerDay = new Map([...bcFees, ...cmFees]);
  return {
    difficulty,
    blocks: mergeBlockCounts(difficulty, hashrate, counts),
    feesBtcPerDay,
    btcUsd,
    usdJpy: mergeUsdJpy(fredFx, yahooFx),
  };
}

/** The bundled daily history as DailyMiningEconomics rows. `dataDir` is the project's data/bitcoin folder. */
export async function loadBundledDailyMiningEconomics(
  dataDir: string,
  options: AssembleOptions = {},
): Promise<DailyMiningEconomics[]> {
  return assembleDailyMiningEconomics(await loadBundledDailySources(dataDir), options);
}
