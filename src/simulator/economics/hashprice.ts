import type { PriceCurrency } from "../../domain/economics.js";
import { assertNonNegative, assertPositive } from "./validate.js";

// Expected hashes per block is D · 2^32. The exact figure is 2^256 / (target + 1) = D · 2^48 / 0xFFFF, 0.0015 %
// higher; Luxor's hashprice and Coin Metrics' HashRate use 2^32, so published numbers compare like for like.
export const HASHES_PER_UNIT_DIFFICULTY = 2 ** 32;
export const SECONDS_PER_DAY = 86_400;
export const HASHES_PER_TH = 1e12;
export const TH_PER_PH = 1_000;

export function expectedHashesPerBlock(difficulty: number): number {
  assertPositive(difficulty, "difficulty");
  return difficulty * HASHES_PER_UNIT_DIFFICULTY;
}

/**
 * Blocks one TH/s finds per day on average. Depends on difficulty only, not on network hashrate: the network
 * changes how soon the next retarget comes, not the odds of each hash.
 */
export function blocksPerThDay(difficulty: number): number {
  return (SECONDS_PER_DAY * HASHES_PER_TH) / expectedHashesPerBlock(difficulty);
}

export interface BlockRevenueInput {
  difficulty: number;
  subsidyBtcPerBlock: number;
  feesBtcPerBlock: number;
}

/** BTC earned per TH/s per day before pool fees: blocksPerThDay · (subsidy + fees). */
export function hashpriceBtcPerThDay(input: BlockRevenueInput): number {
  assertNonNegative(input.subsidyBtcPerBlock, "subsidyBtcPerBlock");
  assertNonNegative(input.feesBtcPerBlock, "feesBtcPerBlock");
  return blocksPerThDay(input.difficulty) * (input.subsidyBtcPerBlock + input.feesBtcPerBlock);
}

/** A BTC price in one currency, with the JPY-per-USD rate when the other currency is wanted. */
export interface BtcPrice {
  price: number;
  currency: PriceCurrency;
  usdJpy?: number;
}

/** The BTC price in `currency`, converting through usdJpy when the quote is in the other one. */
export function btcPriceIn(btcPrice: BtcPrice, currency: PriceCurrency): number {
  assertPositive(btcPrice.price, "btc price");
  if (btcPrice.currency === currency) return btcPrice.price;
  if (btcPrice.usdJpy === undefined) {
    throw new RangeError(`a BTC price in ${btcPrice.currency} needs usdJpy to be expressed in ${currency}`);
  }
  assertPositive(btcPrice.usdJpy, "usdJpy");
  return currency === "JPY" ? btcPrice.price * btcPrice.usdJpy : btcPrice.price / btcPrice.usdJpy;
}

export function hashpriceJpyPerThDay(btcPerThDay: number, btcPrice: BtcPrice): number {
  assertNonNegative(btcPerThDay, "btcPerThDay");
  return btcPerThDay * btcPriceIn(btcPrice, "JPY");
}

/** USD per PH/s per day, the unit Luxor's Hashprice Index quotes. */
export function hashpriceUsdPerPhDay(btcPerThDay: number, btcPrice: BtcPrice): number {
  assertNonNegative(btcPerThDay, "btcPerThDay");
  return btcPerThDay * TH_PER_PH * btcPriceIn(btcPrice, "USD");
}
