import type { DailyMiningEconomics, Hashprice } from "../../domain/economics.js";
import { meanBlockSubsidyBtcForUtcDay } from "./halving-dates.js";
import {
  blocksPerThDay,
  hashpriceBtcPerThDay,
  hashpriceJpyPerThDay,
  hashpriceUsdPerPhDay,
} from "./hashprice.js";
import { blockSubsidyBtc, meanBlockSubsidyBtc } from "./subsidy.js";

/**
 * Mean subsidy per block of a day. Exact from heights when the day carries its end-of-day height and block count
 * (blocks blockHeight − blocksPerDay + 1 .. blockHeight); from the end-of-day height alone when only that is known;
 * otherwise by date, with the halving day split at the halving block's timestamp.
 */
export function subsidyBtcPerBlockForDay(day: DailyMiningEconomics): number {
  const { blockHeight, blocksPerDay } = day;
  if (blockHeight !== undefined && blocksPerDay !== undefined && blocksPerDay > 0) {
    return meanBlockSubsidyBtc(Math.max(0, blockHeight - blocksPerDay + 1), blockHeight);
  }
  if (blockHeight !== undefined) return blockSubsidyBtc(blockHeight);
  return meanBlockSubsidyBtcForUtcDay(day.dateUtc);
}

export function hashpriceForDay(day: DailyMiningEconomics): Hashprice {
  const subsidyBtcPerBlock = subsidyBtcPerBlockForDay(day);
  const btcPerThDay = hashpriceBtcPerThDay({
    difficulty: day.difficulty,
    subsidyBtcPerBlock,
    feesBtcPerBlock: day.feesBtcPerBlock,
  });
  const price = { price: day.btcUsd, currency: "USD", usdJpy: day.usdJpy } as const;
  return {
    subsidyBtcPerBlock,
    feesBtcPerBlock: day.feesBtcPerBlock,
    blocksPerThDay: blocksPerThDay(day.difficulty),
    btcPerThDay,
    usdPerPhDay: hashpriceUsdPerPhDay(btcPerThDay, price),
    jpyPerThDay: hashpriceJpyPerThDay(btcPerThDay, price),
  };
}
