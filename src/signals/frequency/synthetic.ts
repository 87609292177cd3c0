// Events the recordings lack (no real under-frequency contingency occurs in the bundled days), laid over real data
// so that trip and droop logic is tested on a realistic noise floor.
import type { FrequencySample } from "./sample.js";

export interface FrequencyStep {
  /** First instant at the stepped frequency. */
  readonly fromMs: number;
  /** First instant back on the recording. */
  readonly toMs: number;
  readonly frequencyHz: number;
  /** Spacing of the injected samples. Default 1000 ms, the recordings' cadence. */
  readonly cadenceMs?: number;
}

/**
 * The recording with [fromMs, toMs) replaced by a constant frequency, sampled every cadenceMs from fromMs on (so the
 * step exists even where the recording has a gap). Samples MUST be sorted; the result is sorted.
 */
export function withFrequencyStep(
  samples: readonly FrequencySample[],
  step: FrequencyStep,
): FrequencySample[] {
  const cadenceMs = step.cadenceMs ?? 1000;
  if (!(cadenceMs > 0) || !(step.toMs > step.fromMs)) {
    throw new RangeError(`a step needs toMs > fromMs and cadenceMs > 0, got ${JSON.stringify(step)}`);
  }
  const before = samples.filter((s) => s.atMs < step.fromMs);
  const after = samples.filter((s) => s.atMs >= step.toMs);
  const injected: FrequencySample[] = [];
  for (let t = step.fromMs; t < step.toMs; t += cadenceMs)
    injected.push({ atMs: t, frequencyHz: step.frequencyHz });
  return [...before, ...injected, ...after];
}
