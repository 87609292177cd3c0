import { blockSubsidyBtc, HALVING_INTERVAL_BLOCKS } from "./subsidy.js";

// Subsidy for a UTC day when the day's block heights are unknown (e.g. a generic CSV without block_height).
// Header timestamps of the halving blocks as block explorers publish them: they are history, so a table is exact.
export const KNOWN_HALVINGS: readonly { height: number; timeMs: number }[] = [
  { height: 210_000, timeMs: 1_354_116_278_000 }, // 2012-11-28 15:24:38 UTC
  { height: 420_000, timeMs: 1_468_082_773_000 }, // 2016-07-09 16:46:13 UTC
  { height: 630_000, timeMs: 1_589_225_023_000 }, // 2020-05-11 19:23:43 UTC
  { height: 840_000, timeMs: 1_713_571_767_000 }, // 2024-04-20 00:09:27 UTC
];

const DAY_MS = 86_400_000;
// Beyond the table, halvings are projected at the 600 s target spacing. Real blocks have come ~2 % faster, so the
// projected date may be a few weeks late: give block heights for days near a future halving.
const TARGET_BLOCK_SPACING_MS = 600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of a UTC day in epoch ms; throws on anything but a real YYYY-MM-DD date. */
export function utcDayStartMs(dateUtc: string): number {
  const m = ISO_DATE.exec(dateUtc);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== dateUtc) {
    throw new RangeError(`not a YYYY-MM-DD date: "${dateUtc}"`);
  }
  return ms;
}

/** Time of the halving at `height` (a multiple of 210 000): known, or projected from the last known one. */
export function halvingTimeMs(height: number): number {
  const known = KNOWN_HALVINGS.find((h) => h.height === height);
  if (known) return known.timeMs;
  const last = KNOWN_HALVINGS[KNOWN_HALVINGS.length - 1];
  if (!last || height < last.height || height % HALVING_INTERVAL_BLOCKS !== 0) {
    throw new RangeError(`${height} is not a halving height after the known ones`);
  }
  return last.timeMs + (height - last.height) * TARGET_BLOCK_SPACING_MS;
}

/** First height of the subsidy epoch in force at an instant. */
function epochStartHeightAtTime(timeMs: number): number {
  let height = 0;
  while (halvingTimeMs(height + HALVING_INTERVAL_BLOCKS) <= timeMs) height += HALVING_INTERVAL_BLOCKS;
  return height;
}

/** Subsidy in force at an instant, by the halving times above. */
export function blockSubsidyBtcAtTime(timeMs: number): number {
  return blockSubsidyBtc(epochStartHeightAtTime(timeMs));
}

/**
 * Mean subsidy per block over a UTC day, weighting each epoch by the share of the day it covers
 * (blocks arrive uniformly in expectation). Equals the epoch subsidy on every day but a halving day.
 */
export function meanBlockSubsidyBtcForUtcDay(dateUtc: string): number {
  const startMs = utcDayStartMs(dateUtc);
  const endMs = startMs + DAY_MS;
  const height = epochStartHeightAtTime(startMs);
  const nextHalvingMs = halvingTimeMs(height + HALVING_INTERVAL_BLOCKS);
  const atStart = blockSubsidyBtc(height);
  if (nextHalvingMs >= endMs) return atStart;
  const fractionBefore = (nextHalvingMs - startMs) / DAY_MS;
  return fractionBefore * atStart + (1 - fractionBefore) * blockSubsidyBtc(height + HALVING_INTERVAL_BLOCKS);
}
