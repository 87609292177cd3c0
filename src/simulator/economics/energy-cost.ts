import type {
  EnergyCostSummary,
  EnergyInterval,
  EnergySupplyTerms,
  GridTariff,
} from "../../domain/economics.js";
import { surplusAbsorbedKwh } from "./surplus.js";
import { assertFinite, assertNonNegative } from "./validate.js";

/** Delivered grid price: spot + network charge + per-kWh taxes. Spot may be negative in markets that allow it. */
export function gridPriceJpyPerKwh(spotPriceJpyPerKwh: number, tariff: GridTariff): number {
  assertFinite(spotPriceJpyPerKwh, "spotPriceJpyPerKwh");
  assertNonNegative(tariff.networkChargeJpyPerKwh, "networkChargeJpyPerKwh");
  assertNonNegative(tariff.taxJpyPerKwh, "taxJpyPerKwh");
  return spotPriceJpyPerKwh + tariff.networkChargeJpyPerKwh + tariff.taxJpyPerKwh;
}

/**
 * Cost of one interval. With a surplus PPA, the absorbed surplus is bought at the PPA price and only the rest
 * from the grid; without one, all energy is grid energy (curtailment hours usually clear at the spot floor anyway).
 */
export function intervalEnergyCost(interval: EnergyInterval, terms: EnergySupplyTerms): EnergyCostSummary {
  const ppaPrice = terms.surplusPpaPriceJpyPerKwh;
  const absorbedKwh = surplusAbsorbedKwh(interval);
  const ppaKwh = ppaPrice === undefined ? 0 : absorbedKwh;
  const gridKwh = interval.energyKwh - ppaKwh;
  let costJpy = 0;
  if (ppaPrice !== undefined) {
    assertFinite(ppaPrice, "surplusPpaPriceJpyPerKwh");
    costJpy += ppaKwh * ppaPrice;
  }
  if (gridKwh > 0) {
    if (interval.spotPriceJpyPerKwh === undefined) {
      throw new RangeError(`${gridKwh} kWh come from the grid but the interval has no spotPriceJpyPerKwh`);
    }
    costJpy += gridKwh * gridPriceJpyPerKwh(interval.spotPriceJpyPerKwh, terms.grid);
  }
  return summary({ energyKwh: interval.energyKwh, absorbedKwh, ppaKwh, gridKwh, costJpy });
}

export function totalEnergyCost(
  intervals: Iterable<EnergyInterval>,
  terms: EnergySupplyTerms,
): EnergyCostSummary {
  const total: Totals = { energyKwh: 0, absorbedKwh: 0, ppaKwh: 0, gridKwh: 0, costJpy: 0 };
  for (const interval of intervals) {
    const c = intervalEnergyCost(interval, terms);
    total.energyKwh += c.energyKwh;
    total.absorbedKwh += c.surplusAbsorbedKwh;
    total.ppaKwh += c.ppaPricedEnergyKwh;
    total.gridKwh += c.gridPricedEnergyKwh;
    total.costJpy += c.costJpy;
  }
  return summary(total);
}

interface Totals {
  energyKwh: number;
  absorbedKwh: number;
  ppaKwh: number;
  gridKwh: number;
  costJpy: number;
}

function summary(t: Totals): EnergyCostSummary {
  return {
    energyKwh: t.energyKwh,
    surplusAbsorbedKwh: t.absorbedKwh,
    ppaPricedEnergyKwh: t.ppaKwh,
    gridPricedEnergyKwh: t.gridKwh,
    costJpy: t.costJpy,
    averagePriceJpyPerKwh: t.energyKwh > 0 ? t.costJpy / t.energyKwh : Number.NaN,
  };
}
