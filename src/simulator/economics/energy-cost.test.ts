import { describe, expect, it } from "vitest";
import type { EnergySupplyTerms } from "../../domain/economics.js";
import { gridPriceJpyPerKwh, intervalEnergyCost, totalEnergyCost } from "./energy-cost.js";
import { surplusAbsorbedKwh } from "./surplus.js";

// Illustrative terms: spot at the JEPX floor, network charge 4.5 and levies 3.49 JPY/kWh, surplus PPA 5 JPY/kWh.
const GRID = { networkChargeJpyPerKwh: 4.5, taxJpyPerKwh: 3.49 };
const GRID_ONLY: EnergySupplyTerms = { grid: GRID };
const WITH_PPA: EnergySupplyTerms = { grid: GRID, surplusPpaPriceJpyPerKwh: 5 };
// The 4.5 MW site for one 30-minute slot draws 2 250 kWh; 1 500 kWh would otherwise be curtailed.
const SLOT = { energyKwh: 2250, surplusAvailableKwh: 1500, spotPriceJpyPerKwh: 0.01 };

describe("energy cost", () => {
  it("adds network charge and taxes to spot", () => {
    expect(gridPriceJpyPerKwh(0.01, GRID)).toBeCloseTo(8, 12);
    expect(gridPriceJpyPerKwh(-3, GRID)).toBeCloseTo(4.99, 12);
  });

  it("absorbs min(drawn, surplus)", () => {
    expect(surplusAbsorbedKwh(SLOT)).toBe(1500);
    expect(surplusAbsorbedKwh({ energyKwh: 1000, surplusAvailableKwh: 3000 })).toBe(1000);
    expect(surplusAbsorbedKwh({ energyKwh: 1000 })).toBe(0);
    expect(() => surplusAbsorbedKwh({ energyKwh: -1 })).toThrow(RangeError);
  });

  it("prices everything at the grid price without a PPA: 2 250 kWh × 8 = 18 000 JPY", () => {
    const c = intervalEnergyCost(SLOT, GRID_ONLY);
    expect(c.costJpy).toBeCloseTo(18_000, 9);
    expect(c.surplusAbsorbedKwh).toBe(1500);
    expect(c.ppaPricedEnergyKwh).toBe(0);
    expect(c.gridPricedEnergyKwh).toBe(2250);
  });

  it("buys the absorbed surplus at the PPA price: 1 500 × 5 + 750 × 8 = 13 500 JPY", () => {
    const c = intervalEnergyCost(SLOT, WITH_PPA);
    expect(c.costJpy).toBeCloseTo(13_500, 9);
    expect(c.ppaPricedEnergyKwh).toBe(1500);
    expect(c.gridPricedEnergyKwh).toBe(750);
    expect(c.averagePriceJpyPerKwh).toBeCloseTo(6, 12);
  });

  it("needs no spot price when the surplus covers the draw, and demands one otherwise", () => {
    expect(intervalEnergyCost({ energyKwh: 1000, surplusAvailableKwh: 3000 }, WITH_PPA).costJpy).toBe(5000);
    expect(() => intervalEnergyCost({ energyKwh: 1000, surplusAvailableKwh: 300 }, WITH_PPA)).toThrow(
      /spotPriceJpyPerKwh/,
    );
  });

  it("sums intervals", () => {
    const total = totalEnergyCost(
      [SLOT, { energyKwh: 2250, spotPriceJpyPerKwh: 12 }, { energyKwh: 0, spotPriceJpyPerKwh: 30 }],
      WITH_PPA,
    );
    expect(total.energyKwh).toBe(4500);
    expect(total.surplusAbsorbedKwh).toBe(1500);
    expect(total.costJpy).toBeCloseTo(13_500 + 2250 * 19.99, 9);
    expect(totalEnergyCost([], WITH_PPA).averagePriceJpyPerKwh).toBeNaN();
  });
});
