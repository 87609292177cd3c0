// The best configuration of identical units for one slot when everything about the slot is known: how many units
// run in each mode. Site power P = auxiliaries + standby of every unit + what running units add. The slot's value
// per hour is revenue − energy cost, with the energy inside the surplus at the PPA price and the rest at the grid
// price (as src/simulator/economics charges it):
//
//   value(P, H) = r·H − ppa·min(P, S) − grid·max(0, P − S)        (per hour; P, S in kW)
//
// On each side of S the value is linear in the unit counts, so the slot optimum is the better of two exact integer
// programmes, one with P ≤ min(S, L) and one with S ≤ P ≤ L (L the import limit). Sleeping everything is always
// possible, even when auxiliaries and standby alone exceed L.
import { solveIntegerProgram } from "./integer-program.js";

export interface ModeFigures {
  readonly mode: number;
  readonly powerW: number;
  readonly hashrateThs: number;
}

export interface SlotFleet {
  readonly units: number;
  readonly standbyPowerW: number;
  readonly modes: readonly ModeFigures[];
  readonly auxiliaryW: number;
  readonly importLimitW: number;
}

export interface SlotPrices {
  /** Revenue of one TH/s for one hour, currency. */
  readonly revenuePerThsHour: number;
  /** Delivered grid price, currency per kWh. */
  readonly gridPricePerKwh: number;
  readonly ppaPricePerKwh: number;
  readonly surplusW: number;
}

export interface SlotConfiguration {
  /** Units per mode, in the order of SlotFleet.modes. */
  readonly counts: readonly number[];
  readonly powerW: number;
  readonly hashrateThs: number;
  readonly valuePerHour: number;
}

/** Site power and hashrate of a configuration. */
export function configurationOf(
  fleet: SlotFleet,
  counts: readonly number[],
): { powerW: number; hashrateThs: number } {
  let powerW = fleet.auxiliaryW + fleet.units * fleet.standbyPowerW;
  let hashrateThs = 0;
  fleet.modes.forEach((m, i) => {
    const n = counts[i] ?? 0;
    powerW += n * (m.powerW - fleet.standbyPowerW);
    hashrateThs += n * m.hashrateThs;
  });
  return { powerW, hashrateThs };
}

/** Revenue minus energy cost per hour, exactly as the backtest's accounting charges a slot. */
export function slotValuePerHour(powerW: number, hashrateThs: number, p: SlotPrices): number {
  const kw = powerW / 1000;
  const surplusKw = Math.max(0, p.surplusW) / 1000;
  const absorbedKw = Math.min(kw, surplusKw);
  return (
    p.revenuePerThsHour * hashrateThs - p.ppaPricePerKwh * absorbedKw - p.gridPricePerKwh * (kw - absorbedKw)
  );
}

function configuration(fleet: SlotFleet, counts: readonly number[], prices: SlotPrices): SlotConfiguration {
  const { powerW, hashrateThs } = configurationOf(fleet, counts);
  return { counts, powerW, hashrateThs, valuePerHour: slotValuePerHour(powerW, hashrateThs, prices) };
}

/** The exact optimum over every whole-unit configuration within the import limit. */
export function bestSlotConfiguration(fleet: SlotFleet, prices: SlotPrices): SlotConfiguration {
  const baseW = fleet.auxiliaryW + fleet.units * fleet.standbyPowerW;
  const q = fleet.modes.map((m) => m.powerW - fleet.standbyPowerW);
  const surplusW = Math.max(0, prices.surplusW);
  const regions = [
    // Inside the surplus: every kWh at the PPA price.
    {
      price: prices.ppaPricePerKwh,
      lo: Number.NEGATIVE_INFINITY,
      hi: Math.min(surplusW, fleet.importLimitW),
    },
    // Beyond it: the surplus at the PPA price, the rest at the grid price.
    { price: prices.gridPricePerKwh, lo: surplusW, hi: fleet.importLimitW },
  ];
  let best = configuration(
    fleet,
    fleet.modes.map(() => 0),
    prices,
  );
  for (const r of regions) {
    if (r.lo > r.hi) continue;
    const solution = solveIntegerProgram({
      u: fleet.modes.map(
        (m, i) => prices.revenuePerThsHour * m.hashrateThs - (r.price * (q[i] as number)) / 1000,
      ),
      q,
      k: fleet.units,
      lo: r.lo - baseW,
      hi: r.hi - baseW,
    });
    if (solution === undefined) continue;
    const c = configuration(fleet, solution.x, prices);
    if (c.valuePerHour > best.valuePerHour) best = c;
  }
  return best;
}

/** Most hashrate within a power cap (the green-only strategy: run on the surplus alone, whatever it earns). */
export function maxHashrateWithin(fleet: SlotFleet, capW: number): SlotConfiguration {
  const baseW = fleet.auxiliaryW + fleet.units * fleet.standbyPowerW;
  const none = fleet.modes.map(() => 0);
  const zeroPrices: SlotPrices = { revenuePerThsHour: 1, gridPricePerKwh: 0, ppaPricePerKwh: 0, surplusW: 0 };
  const cap = Math.min(capW, fleet.importLimitW);
  if (cap < baseW) return configuration(fleet, none, zeroPrices);
  const solution = solveIntegerProgram({
    u: fleet.modes.map((m) => m.hashrateThs),
    q: fleet.modes.map((m) => m.powerW - fleet.standbyPowerW),
    k: fleet.units,
    lo: Number.NEGATIVE_INFINITY,
    hi: cap - baseW,
  });
  return configuration(fleet, solution?.x ?? none, zeroPrices);
}
