// Money per slot, the same way for every strategy: energy cost through src/simulator/economics (surplus at the
// PPA price, the rest at spot + network charge + taxes), revenue and BTC from the work done at the day's hashprice.
import { intervalEnergyCost } from "../economics/energy-cost.js";
import type { BacktestSlots, BacktestTerms, StrategyLedger, StrategyTotals } from "./types.js";

const SECONDS_PER_DAY = 86_400;

export function newLedger(slots: number): StrategyLedger {
  return {
    energyKwh: new Float64Array(slots),
    surplusAbsorbedKwh: new Float64Array(slots),
    btc: new Float64Array(slots),
    revenue: new Float64Array(slots),
    energyCost: new Float64Array(slots),
  };
}

/** Delivered grid price of a slot: what gridminer's economics compares with and what grid energy costs. */
export function gridPricePerKwh(slots: BacktestSlots, i: number, terms: BacktestTerms): number {
  return (slots.spotPricePerKwh[i] as number) + terms.networkChargePerKwh + terms.taxPerKwh;
}

/** Hashprice net of the pool fee. */
export function netHashpricePerThsDay(slots: BacktestSlots, i: number, terms: BacktestTerms): number {
  return (slots.hashpricePerThsDay[i] as number) * (1 - terms.poolFeeFraction);
}

/** Books one slot: `energyKwh` drawn at the grid connection, `hashTh` of work done (TH = 10^12 hashes). */
export function bookSlot(
  ledger: StrategyLedger,
  slots: BacktestSlots,
  i: number,
  terms: BacktestTerms,
  energyKwh: number,
  hashTh: number,
): void {
  const hours = (slots.durationMs[i] as number) / 3_600_000;
  const cost = intervalEnergyCost(
    {
      energyKwh,
      surplusAvailableKwh: ((slots.surplusW[i] as number) * hours) / 1000,
      spotPriceJpyPerKwh: slots.spotPricePerKwh[i] as number,
    },
    {
      grid: { networkChargeJpyPerKwh: terms.networkChargePerKwh, taxJpyPerKwh: terms.taxPerKwh },
      surplusPpaPriceJpyPerKwh: terms.surplusPpaPricePerKwh,
    },
  );
  const thsDays = hashTh / SECONDS_PER_DAY;
  ledger.energyKwh[i] = energyKwh;
  ledger.surplusAbsorbedKwh[i] = cost.surplusAbsorbedKwh;
  ledger.energyCost[i] = cost.costJpy;
  ledger.revenue[i] = thsDays * netHashpricePerThsDay(slots, i, terms);
  ledger.btc[i] = thsDays * (slots.btcPerThsDay[i] as number) * (1 - terms.poolFeeFraction);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

export function totalsOf(ledger: StrategyLedger): StrategyTotals {
  const revenue = sum(ledger.revenue);
  const energyCost = sum(ledger.energyCost);
  const btc = sum(ledger.btc);
  return {
    energyMwh: sum(ledger.energyKwh) / 1000,
    surplusAbsorbedMwh: sum(ledger.surplusAbsorbedKwh) / 1000,
    btc: Number.isNaN(btc) ? null : btc,
    revenue,
    energyCost,
    profit: revenue - energyCost,
  };
}
