// One grid-frequency measurement, and the band outside which a number cannot be a grid frequency at all.

export interface FrequencySample {
  /** Epoch milliseconds (UTC). */
  readonly atMs: number;
  readonly frequencyHz: number;
}

/**
 * Both 50 and 60 Hz systems stay far inside this band (under-frequency load shedding ends around 47-57 Hz). Anything
 * outside, such as the 0 Hz a logger writes when it loses its input, is a measurement fault and must never reach
 * the trip logic, where it would look like a collapse of the grid.
 */
export const PLAUSIBLE_FREQUENCY_HZ = { min: 40, max: 70 } as const;

export function isPlausibleFrequencyHz(hz: number): boolean {
  return Number.isFinite(hz) && hz >= PLAUSIBLE_FREQUENCY_HZ.min && hz <= PLAUSIBLE_FREQUENCY_HZ.max;
}
