import type { DailyMiningEconomics } from "../../domain/economics.js";
import { parseIsoDate, utcDayNumber } from "./utc-date.js";

// Joins per-quantity daily series into DailyMiningEconomics rows. Pure: the loaders do the reading.

export interface DailyBlocks {
  blocksPerDay: number;
  blockHeight?: number;
}

export interface DailySourceSeries {
  /** The spine: one output row per day that has a difficulty (and the other required values). */
  difficulty: ReadonlyMap<string, number>;
  blocks?: ReadonlyMap<string, DailyBlocks>;
  /** Total transaction fees paid on the day, BTC; divided by the day's block count. */
  feesBtcPerDay?: ReadonlyMap<string, number>;
  btcUsd: ReadonlyMap<string, number>;
  usdJpy: ReadonlyMap<string, number>;
}

export interface AssembleOptions {
  fromDateUtc?: string;
  toDateUtc?: string;
  /** Days without a fee figure (or block count to divide it by): left out, or given an assumed fee. Default "skip". */
  missingFees?: "skip" | { feesBtcPerBlock: number };
  /**
   * A price or FX rate carries forward over at most this many days without a quote: FX has no weekend quotes and
   * U.S. holidays can stretch the gap to 4 days. Never carried backward, so no row sees a later price. Default 4.
   */
  maxCarryForwardDays?: number;
}

export const DEFAULT_MAX_CARRY_FORWARD_DAYS = 4;

/** Latest value on or before a day, within a carry-forward limit; dates sorted once, looked up by bisection. */
export function carryForwardLookup(
  series: ReadonlyMap<string, number>,
  maxCarryForwardDays: number,
): (dateUtc: string) => number | undefined {
  const dates = [...series.keys()].sort();
  return (dateUtc) => {
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((dates[mid] ?? "") <= dateUtc) lo = mid + 1;
      else hi = mid;
    }
    const found = dates[lo - 1];
    if (found === undefined || utcDayNumber(dateUtc) - utcDayNumber(found) > maxCarryForwardDays)
      return undefined;
    return series.get(found);
  };
}

function checkDateOption(name: string, value: string | undefined): void {
  if (value !== undefined && parseIsoDate(value) === undefined) {
    throw new RangeError(`${name} must be a YYYY-MM-DD date, got "${value}"`);
  }
}

export function assembleDailyMiningEconomics(
  series: DailySourceSeries,
  options: AssembleOptions = {},
): DailyMiningEconomics[] {
  checkDateOption("fromDateUtc", options.fromDateUtc);
  checkDateOption("toDateUtc", options.toDateUtc);
  const carry = options.maxCarryForwardDays ?? DEFAULT_MAX_CARRY_FORWARD_DAYS;
  if (!(Number.isInteger(carry) && carry >= 0))
    throw new RangeError(`maxCarryForwardDays must be >= 0, got ${carry}`);
  const missingFees = options.missingFees ?? "skip";
  if (missingFees !== "skip" && !(missingFees.feesBtcPerBlock >= 0)) {
    throw new RangeError(`missingFees.feesBtcPerBlock must be >= 0, got ${missingFees.feesBtcPerBlock}`);
  }
  const btcUsdAt = carryForwardLookup(series.btcUsd, carry);
  const usdJpyAt = carryForwardLookup(series.usdJpy, carry);

  const rows: DailyMiningEconomics[] = [];
  for (const dateUtc of [...series.difficulty.keys()].sort()) {
    if (options.fromDateUtc !== undefined && dateUtc < options.fromDateUtc) continue;
    if (options.toDateUtc !== undefined && dateUtc > options.toDateUtc) continue;
    const difficulty = series.difficulty.get(dateUtc);
    const btcUsd = btcUsdAt(dateUtc);
    const usdJpy = usdJpyAt(dateUtc);
    if (difficulty === undefined || btcUsd === undefined || usdJpy === undefined) continue;

    const blocks = series.blocks?.get(dateUtc);
    const feesPerDay = series.feesBtcPerDay?.get(dateUtc);
    let feesBtcPerBlock: number;
    let feesSource: "observed" | "assumed";
    if (feesPerDay !== undefined && blocks !== undefined && blocks.blocksPerDay > 0) {
      feesBtcPerBlock = feesPerDay / blocks.blocksPerDay;
      feesSource = "observed";
    } else if (missingFees !== "skip") {
      feesBtcPerBlock = missingFees.feesBtcPerBlock;
      feesSource = "assumed";
    } else {
      continue;
    }
    rows.push({
      dateUtc,
      difficulty,
      ...(blocks?.blockHeight === undefined ? {} : { blockHeight: blocks.blockHeight }),
      ...(blocks === undefined ? {} : { blocksPerDay: blocks.blocksPerDay }),
      feesBtcPerBlock,
      feesSource,
      btcUsd,
      usdJpy,
    });
  }
  return rows;
}
