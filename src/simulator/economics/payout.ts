import type { PayoutEstimate, PayoutScheme } from "../../domain/economics.js";
import { blocksPerThDay } from "./hashprice.js";
import { assertFraction, assertNonNegative, assertPositive } from "./validate.js";

// Variance model: blocks arrive as a Poisson process. A hashrate h (TH/s) finds Poisson(λ) blocks in `days` days,
// λ = h · blocksPerThDay(D) · days, so a revenue of c per block has mean c·λ and standard deviation c·√λ.
// - FPPS / PPS: the pool pays each share its expected value and carries all variance itself: SD 0 for the miner.
// - PPLNS: the pool (hashrate H ≥ h) finds K ~ Poisson(Λ = H · blocksPerThDay · days) blocks and the miner gets the
//   share q = h / H of each, net of the fee. Mean (1 − fee)·(S + F)·λ, SD (1 − fee)·q·(S + F)·√Λ, so the
//   coefficient of variation is 1/√Λ whatever the miner's size (a pool with 10 % of the network: Λ ≈ 14.4 blocks a
//   day, CV ≈ 26 %). Assumes steady hashing over the N-share window; share-count noise and fee variation between
//   blocks are ignored (both are small beside the block-count noise).
// - PPS+: subsidy as PPS, fees as PPLNS: SD (1 − fee)·q·F·√Λ.
// - Solo: the miner is its own pool: mean (S + F)·λ, SD (S + F)·√λ, P(no block) = e^−λ.

export const TARGET_BLOCKS_PER_DAY = 144;

export interface PayoutInput {
  hashrateThs: number;
  difficulty: number;
  subsidyBtcPerBlock: number;
  feesBtcPerBlock: number;
  /** Length of the period; default 1 day. Means scale with it, standard deviations with its square root. */
  days?: number;
}

/** Network hashrate that finds `blocksPerDay` blocks a day at this difficulty; turns a pool's share into TH/s. */
export function networkHashrateThs(difficulty: number, blocksPerDay: number = TARGET_BLOCKS_PER_DAY): number {
  assertPositive(blocksPerDay, "blocksPerDay");
  return blocksPerDay / blocksPerThDay(difficulty);
}

export function payoutEstimate(scheme: PayoutScheme, input: PayoutInput): PayoutEstimate {
  const days = input.days ?? 1;
  assertPositive(days, "days");
  assertNonNegative(input.hashrateThs, "hashrateThs");
  assertNonNegative(input.subsidyBtcPerBlock, "subsidyBtcPerBlock");
  assertNonNegative(input.feesBtcPerBlock, "feesBtcPerBlock");
  const perThPeriod = blocksPerThDay(input.difficulty) * days;
  const minerBlocks = input.hashrateThs * perThPeriod;
  const rewardBtc = input.subsidyBtcPerBlock + input.feesBtcPerBlock;

  switch (scheme.kind) {
    case "fpps":
    case "pps": {
      assertFraction(scheme.poolFeeFraction, "poolFeeFraction");
      const paidBtcPerBlock = scheme.kind === "fpps" ? rewardBtc : input.subsidyBtcPerBlock;
      const expectedBtc = (1 - scheme.poolFeeFraction) * paidBtcPerBlock * minerBlocks;
      return { scheme: scheme.kind, days, expectedBtc, stdDevBtc: 0 };
    }
    case "pplns":
    case "pps-plus": {
      assertFraction(scheme.poolFeeFraction, "poolFeeFraction");
      assertPositive(scheme.poolHashrateThs, "poolHashrateThs");
      if (scheme.poolHashrateThs < input.hashrateThs) {
        throw new RangeError(
          `poolHashrateThs ${scheme.poolHashrateThs} is below the miner's own ${input.hashrateThs}`,
        );
      }
      const net = 1 - scheme.poolFeeFraction;
      const shareOfPool = input.hashrateThs / scheme.poolHashrateThs;
      const poolBlocks = scheme.poolHashrateThs * perThPeriod;
      const luckyBtcPerBlock = scheme.kind === "pplns" ? rewardBtc : input.feesBtcPerBlock;
      return {
        scheme: scheme.kind,
        days,
        expectedBtc: net * rewardBtc * minerBlocks,
        stdDevBtc: net * shareOfPool * luckyBtcPerBlock * Math.sqrt(poolBlocks),
        expectedBlocks: poolBlocks,
      };
    }
    case "solo":
      return {
        scheme: "solo",
        days,
        expectedBtc: rewardBtc * minerBlocks,
        stdDevBtc: rewardBtc * Math.sqrt(minerBlocks),
        expectedBlocks: minerBlocks,
        probabilityOfAnyBlock: -Math.expm1(-minerBlocks),
      };
  }
}

/** Standard deviation over the mean; NaN when nothing is expected. */
export function coefficientOfVariation(estimate: PayoutEstimate): number {
  return estimate.expectedBtc > 0 ? estimate.stdDevBtc / estimate.expectedBtc : Number.NaN;
}
