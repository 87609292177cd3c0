// How the site wants to be run. Every field is documented with its default in docs/dispatch.md.

/**
 * green-only: draw only the renewable surplus, whatever the price.
 * economic: run every unit-mode that pays for its grid energy.
 * green-and-economic: use all surplus, and draw grid energy beyond it only for unit-modes that pay for it.
 */
export type DispatchMode = "green-only" | "economic" | "green-and-economic";

export type StaleFallback = "hold" | "shed-to-floor";

/** Inputs whose age is checked against SitePolicy.stale.maxAgeS. */
export type StaleInput = "surplus" | "energyPrice" | "hashprice" | "frequency" | "meter" | "ambient" | "unit";

/** One point of the dry coolers' heat-rejection capacity curve; linear between points, flat beyond the ends. */
export interface CoolingPoint {
  readonly ambientC: number;
  readonly capacityW: number;
}

export interface FrequencyPolicy {
  readonly enabled: boolean;
  /** Trip to the floor when f <= nominal - tripDeltaHz. */
  readonly tripDeltaHz: number;
  /** Stay at the floor this long after the frequency was last at or below the trip threshold. */
  readonly restoreDelayS: number;
  /** No droop response while nominal - f <= droopDeadbandHz. */
  readonly droopDeadbandHz: number;
  /** Droop reaches the floor at nominal - f >= droopFullDeltaHz; linear in between. */
  readonly droopFullDeltaHz: number;
}

export interface StalePolicy {
  readonly maxAgeS: Readonly<Record<StaleInput, number>>;
  /** What a rule does when its input is stale or missing: cap at current power, or cap at floorW. */
  readonly fallback: StaleFallback;
}

export interface RampPolicy {
  /** Site upward ramp limit. */
  readonly upWPerS: number;
  /** Optional downward limit for soft reductions; grid obligations and safety are never ramp-limited. */
  readonly downWPerS?: number;
  /** Upward allowance that may accumulate between ticks, in seconds of upWPerS. */
  readonly burstS: number;
}

export interface AuxiliaryPolicy {
  /** Assumed auxiliary power (pumps, dry-cooler fans, IT) when no meter exists. */
  readonly defaultW: number;
  readonly minW: number;
  readonly maxW: number;
  /** Low-pass time constant of the metered-minus-reported estimate. */
  readonly timeConstantS: number;
  /** Largest change of the estimate per second. */
  readonly maxSlewWPerS: number;
}

export interface SitePolicy {
  readonly mode: DispatchMode;
  readonly marginJpyPerKwh: number;
  /** Extra margin a unit-mode must earn to be entered (not to keep running): price hysteresis. */
  readonly economicHysteresisJpyPerKwh: number;
  /** Site import limit (contract or connection); the lower of this and GridSignals.importLimitW applies. */
  readonly importLimitW: number;
  /** Site power every "to floor" action goes to. */
  readonly floorW: number;
  /** Dry-cooler capacity versus ambient temperature; empty = not limited by cooling. */
  readonly coolingCapacity: readonly CoolingPoint[];
  readonly coolantOutletLimitC: number;
  /** Within this margin below the limit a unit may keep its mode but not step up. */
  readonly coolantWarnMarginC: number;
  readonly frequency: FrequencyPolicy;
  /** Cap for shed level i as a fraction of the import limit; levels beyond the list use the last entry. */
  readonly shedLevelMaxFraction: readonly number[];
  readonly stale: StalePolicy;
  readonly dwell: { readonly minOnS: number; readonly minOffS: number };
  readonly ramp: RampPolicy;
  readonly maxWakesPerTick: number;
  /** Overshoot above a soft target tolerated before units are shed. */
  readonly deadbandW: number;
  /** Headroom kept below the target when a step is added. */
  readonly hysteresisW: number;
  /** Nominal tick period: the elapsed time assumed on the first tick. */
  readonly tickS: number;
  readonly auxiliary: AuxiliaryPolicy;
}
