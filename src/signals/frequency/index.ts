export { berlinToUtcMs, type CivilTime, isBerlinSummerTime } from "./berlin-time.js";
export { CE_HEADER, type CeFrequencyData, FrequencyDataError, parseCeFrequencyCsv } from "./ce-csv.js";
export {
  BUNDLED_CE_DAYS,
  type BundledCeDay,
  bundledCeFrequencyFile,
  loadCeFrequencyFile,
} from "./ce-file.js";
export { lastSampleIndexAtOrBefore, ReplayFrequencySource, type ReplayOptions } from "./replay.js";
export {
  checkResponseTime,
  type DroopParams,
  droopAllowedFraction,
  type FrequencyResponseParams,
  NOT_TRIPPED,
  type PowerSample,
  type ResponseCheck,
  type ResponsePoint,
  type ResponseRequirement,
  replayResponse,
  responseParamsFromPolicy,
  roundHz,
  stepUnderFrequencyTrip,
  type TripState,
  type TripStep,
  type TripThreshold,
  tripFrequencyHz,
  type UnderFrequencyTripParams,
} from "./response.js";
export { type FrequencySample, isPlausibleFrequencyHz, PLAUSIBLE_FREQUENCY_HZ } from "./sample.js";
export { toFrequencySignal } from "./signal.js";
export { type FrequencyStep, withFrequencyStep } from "./synthetic.js";
