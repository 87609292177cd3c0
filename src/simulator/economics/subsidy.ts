// Block subsidy exactly as Bitcoin Core's GetBlockSubsidy computes it: integer satoshis, shifted right once per
// 210 000 blocks. BigInt is needed because JavaScript's `>>` works on 32-bit integers and 50 BTC is 5·10^9 sat.

export const SATS_PER_BTC = 100_000_000;
export const HALVING_INTERVAL_BLOCKS = 210_000;
export const INITIAL_SUBSIDY_SATS = 50 * SATS_PER_BTC;

// Core returns 0 from 64 halvings on, where a 64-bit shift would be undefined in C++; the value is already 0 at 33.
const MAX_HALVINGS = 64;

function assertHeight(height: number, name: string): void {
  if (!Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${height}`);
  }
}

export function halvingsAtHeight(height: number): number {
  assertHeight(height, "height");
  return Math.floor(height / HALVING_INTERVAL_BLOCKS);
}

export function blockSubsidySats(height: number): number {
  const halvings = halvingsAtHeight(height);
  if (halvings >= MAX_HALVINGS) return 0;
  return Number(BigInt(INITIAL_SUBSIDY_SATS) >> BigInt(halvings));
}

export function blockSubsidyBtc(height: number): number {
  return blockSubsidySats(height) / SATS_PER_BTC;
}

/** Mean subsidy over the blocks firstHeight..lastHeight inclusive: what a day that spans a halving pays per block. */
export function meanBlockSubsidyBtc(firstHeight: number, lastHeight: number): number {
  assertHeight(firstHeight, "firstHeight");
  assertHeight(lastHeight, "lastHeight");
  if (lastHeight < firstHeight) {
    throw new RangeError(`lastHeight ${lastHeight} is below firstHeight ${firstHeight}`);
  }
  let totalSats = 0;
  let from = firstHeight;
  // Walk epoch by epoch so a long range costs one step per halving, not per block.
  while (from <= lastHeight) {
    const epochEnd = (halvingsAtHeight(from) + 1) * HALVING_INTERVAL_BLOCKS - 1;
    const to = Math.min(epochEnd, lastHeight);
    totalSats += (to - from + 1) * blockSubsidySats(from);
    from = to + 1;
  }
  return totalSats / (lastHeight - firstHeight + 1) / SATS_PER_BTC;
}
