// Vocabulary for mining economics. Units are in the names: Btc, Usd, Jpy, Ths (TH/s), Kwh, Kg, W.
// Hashprice units follow the trade: BTC or JPY per TH/s per day, USD per PH/s per day (Luxor's quote unit).

/** One UTC day of the inputs that hashprice needs. */
export interface DailyMiningEconomics {
  /** UTC calendar day, YYYY-MM-DD. */
  dateUtc: string;
  /** Mean difficulty of the day's blocks: the epoch difficulty, blended on retarget days. */
  difficulty: number;
  /** Height of the last block mined that UTC day; fixes the subsidy epoch. */
  blockHeight?: number;
  /** Blocks mined that UTC day. */
  blocksPerDay?: number;
  /** Mean transaction fees per block, BTC. */
  feesBtcPerBlock: number;
  /** "assumed" when the source had no fee figure for the day and a configured fallback was used. */
  feesSource?: "observed" | "assumed";
  /** BTC price, USD per BTC (daily close). */
  btcUsd: number;
  /** JPY per USD. */
  usdJpy: number;
}

export type PriceCurrency = "USD" | "JPY";

/** Expected revenue of one TH/s for one day, in every unit the project quotes. */
export interface Hashprice {
  /** Mean block subsidy over the day's blocks (differs from the epoch value only on a halving day). */
  subsidyBtcPerBlock: number;
  feesBtcPerBlock: number;
  /** Blocks one TH/s finds per day on average: 86 400 · 10^12 / (difficulty · 2^32). */
  blocksPerThDay: number;
  btcPerThDay: number;
  usdPerPhDay: number;
  jpyPerThDay: number;
}

/**
 * How a pool pays. Fee fractions are 0..1 (0.02 = 2 %). Pool hashrate is needed only where the miner carries
 * the pool's luck: PPLNS fully, PPS+ for the fee part.
 */
export type PayoutScheme =
  | { kind: "fpps"; poolFeeFraction: number }
  | { kind: "pps"; poolFeeFraction: number }
  | { kind: "pps-plus"; poolFeeFraction: number; poolHashrateThs: number }
  | { kind: "pplns"; poolFeeFraction: number; poolHashrateThs: number }
  | { kind: "solo" };

export type PayoutSchemeKind = PayoutScheme["kind"];

/** Revenue of a hashrate over a period under a payout scheme: expectation and Poisson spread. */
export interface PayoutEstimate {
  scheme: PayoutSchemeKind;
  days: number;
  expectedBtc: number;
  /** Standard deviation of the period's revenue; 0 where the pool carries the variance (PPS, FPPS). */
  stdDevBtc: number;
  /** Blocks whose luck the revenue depends on (the pool's for PPLNS/PPS+, the miner's own for solo). */
  expectedBlocks?: number;
  /** Solo only: probability of finding at least one block in the period. */
  probabilityOfAnyBlock?: number;
}

/** Grid supply: the spot price of each interval plus fixed per-kWh adders. */
export interface GridTariff {
  /** Network (wheeling) charge, JPY/kWh. */
  networkChargeJpyPerKwh: number;
  /** Per-kWh levies and taxes (e.g. the renewable-energy surcharge), JPY/kWh. */
  taxJpyPerKwh: number;
}

export interface EnergySupplyTerms {
  grid: GridTariff;
  /** When set, surplus energy the site absorbs is bought at this PPA price instead of the grid price. */
  surplusPpaPriceJpyPerKwh?: number;
}

/** Energy drawn by the site over one interval, with what the grid would otherwise have curtailed. */
export interface EnergyInterval {
  energyKwh: number;
  /** Renewable energy available to the site in the interval that would otherwise be curtailed. Default 0. */
  surplusAvailableKwh?: number;
  /** Day-ahead spot price of the interval; needed only for energy bought from the grid. */
  spotPriceJpyPerKwh?: number;
}

export interface EnergyCostSummary {
  energyKwh: number;
  surplusAbsorbedKwh: number;
  /** Energy bought at the surplus PPA price (the absorbed surplus when a PPA is configured, else 0). */
  ppaPricedEnergyKwh: number;
  /** Energy bought at spot + network charge + tax. */
  gridPricedEnergyKwh: number;
  costJpy: number;
  /** costJpy / energyKwh; NaN when no energy was drawn. */
  averagePriceJpyPerKwh: number;
}

/** Grid emission factor with its provenance, so reports can name it. */
export interface EmissionFactor {
  /** CO2 per kWh of grid energy. Japanese utility factors are CO2 only, not CO2e. */
  emissionFactorKgPerKwh: number;
  label: string;
  source: string;
  /** Renewable share of the grid mix behind the factor; only feeds the reported renewable share. */
  renewableShareFraction?: number;
}

export interface CarbonSummary {
  energyKwh: number;
  /** Energy drawn that would otherwise have been curtailed: Σ min(drawn, surplus available) per interval. */
  surplusAbsorbedKwh: number;
  /** Energy at the grid's emission factor: energyKwh − surplusAbsorbedKwh. */
  gridEnergyKwh: number;
  emissionsKg: number;
  /** surplusAbsorbedKwh / energyKwh; NaN when no energy was drawn. */
  surplusShareFraction: number;
  /** (surplus absorbed + grid energy · the factor's renewable share) / energyKwh; NaN when no energy was drawn. */
  renewableShareFraction: number;
  /** emissionsKg / energyKwh; NaN when no energy was drawn. */
  intensityKgPerKwh: number;
}
