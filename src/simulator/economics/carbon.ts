import type { CarbonSummary, EmissionFactor, EnergyInterval } from "../../domain/economics.js";
import { surplusAbsorbedKwh } from "./surplus.js";
import { assertNonNegative } from "./validate.js";

// Default: Kyushu Electric's own figure for its retail supply in FY2022 (April 2022 – March 2023), as reported
// under the Act on Promotion of Global Warming Countermeasures. The "basic" factor is the physical supply mix
// before credits and FIT adjustment, the nearest published proxy for location-based Scope 2 in Kyushu.
// It is an annual average, not the marginal plant: set a site-specific or newer factor in config when known.
export const KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR: EmissionFactor = {
  emissionFactorKgPerKwh: 0.399,
  label: "Kyushu Electric Power, retail supply FY2022, basic emission factor (基礎排出係数)",
  source:
    "https://www.kyuden.co.jp/environment_notice02.html (reported value; final figure published by MOE/METI)",
};

// The same report's adjusted factor (調整後排出係数, company-wide): credits and FIT adjustment applied, the figure
// Japanese mandatory reporting uses. Menu-specific values were 0.000 (renewable plans) and 0.467 (all others).
export const KYUSHU_EPCO_FY2022_ADJUSTED_EMISSION_FACTOR: EmissionFactor = {
  emissionFactorKgPerKwh: 0.453,
  label:
    "Kyushu Electric Power, retail supply FY2022, adjusted emission factor (調整後排出係数, company-wide)",
  source:
    "https://www.kyuden.co.jp/environment_notice02.html (reported value; final figure published by MOE/METI)",
};

function assertFactor(factor: EmissionFactor): void {
  assertNonNegative(factor.emissionFactorKgPerKwh, "emissionFactorKgPerKwh");
  const share = factor.renewableShareFraction;
  if (share !== undefined && !(share >= 0 && share <= 1)) {
    throw new RangeError(`renewableShareFraction must be in [0, 1], got ${share}`);
  }
}

/** Emissions of one interval: absorbed surplus is zero-carbon, the rest carries the grid factor. */
export function intervalEmissionsKg(interval: EnergyInterval, factor: EmissionFactor): number {
  assertFactor(factor);
  return (interval.energyKwh - surplusAbsorbedKwh(interval)) * factor.emissionFactorKgPerKwh;
}

export function summariseCarbon(intervals: Iterable<EnergyInterval>, factor: EmissionFactor): CarbonSummary {
  assertFactor(factor);
  let energyKwh = 0;
  let absorbedKwh = 0;
  for (const interval of intervals) {
    absorbedKwh += surplusAbsorbedKwh(interval);
    energyKwh += interval.energyKwh;
  }
  const gridEnergyKwh = energyKwh - absorbedKwh;
  const emissionsKg = gridEnergyKwh * factor.emissionFactorKgPerKwh;
  const renewableKwh = absorbedKwh + gridEnergyKwh * (factor.renewableShareFraction ?? 0);
  const perKwh = (x: number): number => (energyKwh > 0 ? x / energyKwh : Number.NaN);
  return {
    energyKwh,
    surplusAbsorbedKwh: absorbedKwh,
    gridEnergyKwh,
    emissionsKg,
    surplusShareFraction: perKwh(absorbedKwh),
    renewableShareFraction: perKwh(renewableKwh),
    intensityKgPerKwh: perKwh(emissionsKg),
  };
}
