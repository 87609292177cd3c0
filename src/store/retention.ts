// How long each resolution of the time series is kept. Raw rows roll up into 1-minute averages, those into
// 15-minute averages; a tier is deleted only after the next coarser one has been computed from it.

export const MINUTE_MS = 60_000;
export const QUARTER_MS = 15 * MINUTE_MS;
const DAY_MS = 86_400_000;

export interface TierRetention {
  rawMs: number;
  minuteMs: number;
  /** null keeps 15-minute averages forever. */
  quarterMs: number | null;
}

export interface RetentionPolicy {
  site: TierRetention;
  unit: TierRetention;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  site: { rawMs: 7 * DAY_MS, minuteMs: 90 * DAY_MS, quarterMs: null },
  unit: { rawMs: 7 * DAY_MS, minuteMs: 90 * DAY_MS, quarterMs: null },
};

/**
 * The newest bucket of a tier is recomputed on every roll-up, so its source rows must outlive it by at least one
 * coarser bucket; a shorter retention would recompute a bucket from rows already deleted.
 */
export function checkRetention(p: RetentionPolicy): void {
  for (const [name, t] of Object.entries(p) as [string, TierRetention][]) {
    if (!(t.rawMs >= 2 * QUARTER_MS))
      throw new Error(`retention.${name}.rawMs ${t.rawMs}: keep raw rows at least 30 minutes`);
    if (!(t.minuteMs >= 2 * QUARTER_MS))
      throw new Error(`retention.${name}.minuteMs ${t.minuteMs}: keep 1-minute rows at least 30 minutes`);
    if (t.quarterMs !== null && !(t.quarterMs >= t.minuteMs))
      throw new Error(
        `retention.${name}.quarterMs ${t.quarterMs}: keep 15-minute rows at least as long as 1-minute`,
      );
  }
}

/** Start of the bucket that contains atMs. */
export function bucketStart(atMs: number, bucketMs: number): number {
  return Math.floor(atMs / bucketMs) * bucketMs;
}
