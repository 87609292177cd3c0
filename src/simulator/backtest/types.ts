// Vocabulary of a backtest: the slots it runs over, the site it runs, the strategies and what each one earned.
// Money is in the series' currency (`currency`), prices per kWh, hashprice per TH/s per day.
import type { MinerModelSpec } from "../../domain/miner.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { MinerPhysicsParams } from "../physics/index.js";
import type { PlannerOptions } from "./planned-strategy.js";

export type StrategyName = "alwaysOn" | "threshold" | "green" | "gridminer" | "planned" | "hindsight";

export const STRATEGIES: readonly StrategyName[] = [
  "alwaysOn",
  "threshold",
  "green",
  "gridminer",
  "planned",
  "hindsight",
];

export const STRATEGY_LABELS: Readonly<Record<StrategyName, string>> = {
  alwaysOn: "Always on",
  threshold: "Break-even threshold",
  green: "Green only",
  gridminer: "gridminer policy",
  planned: "Day-ahead plan",
  hindsight: "Hindsight optimum",
};

/** What happens to a stretch of time without a price (or without a hashprice). */
export type GapPolicy = "fail" | "skip" | "carry";

export const GAP_POLICIES: readonly GapPolicy[] = ["fail", "skip", "carry"];

/** Columnar slot data: one entry per accounting slot (a price interval), sorted, non-overlapping. */
export interface BacktestSlots {
  readonly length: number;
  readonly startMs: Float64Array;
  readonly durationMs: Float64Array;
  /** Market price of the slot (before adders), currency per kWh. */
  readonly spotPricePerKwh: Float64Array;
  /** Surplus available to the site, mean over the slot, W. */
  readonly surplusW: Float64Array;
  /** Gross hashprice of the slot's UTC day, currency per TH/s per day. */
  readonly hashpricePerThsDay: Float64Array;
  /** BTC per TH/s per day of that day; NaN when the input gives none. */
  readonly btcPerThsDay: Float64Array;
}

/** A stretch the data do not cover, how it was treated, and where it is in the files. */
export interface GapNote {
  readonly series: "price" | "surplus" | "hashprice";
  readonly fromMs: number;
  readonly toMs: number;
  readonly treatedAs: "skipped" | "carried forward" | "no surplus";
  readonly where: string;
}

export interface BacktestInputs {
  /** e.g. "JEPX day-ahead, Kyushu area" or "prices.csv". */
  readonly market: string;
  readonly currency: string;
  readonly slots: BacktestSlots;
  readonly gapPolicy: GapPolicy;
  readonly gaps: readonly GapNote[];
  /** Files read, for the report. */
  readonly sources: readonly string[];
  /** Assumptions the data needed (fees assumed, plant share, …), one sentence each. */
  readonly notes: readonly string[];
  /** UTC offset used to group slots into days in the report (JST for JEPX). */
  readonly dayOffsetMs: number;
}

export interface BacktestSite {
  readonly name: string;
  readonly spec: MinerModelSpec;
  readonly units: number;
  /** gridminer's policy; its import limit, auxiliaries and dwell times bind every strategy. */
  readonly policy: SitePolicy;
}

export interface BacktestTerms {
  /** Network (wheeling) charge added to the spot price, currency per kWh. */
  readonly networkChargePerKwh: number;
  /** Per-kWh levies and taxes added to the spot price, currency per kWh. */
  readonly taxPerKwh: number;
  /** Price of absorbed surplus energy, currency per kWh. */
  readonly surplusPpaPricePerKwh: number;
  /** Pool fee taken off revenue and BTC, 0..1. */
  readonly poolFeeFraction: number;
}

export interface BacktestOptions {
  readonly site: BacktestSite;
  readonly terms: BacktestTerms;
  /** gridminer's decision period in the simulation, s (default: the policy's tick). */
  readonly decisionStepS?: number;
  /** Overrides of the shared physics model (boot, ramp and mode-change times); default: the model's own. */
  readonly physics?: Partial<MinerPhysicsParams>;
  /** Outdoor temperature for the cooling curve, °C (constant; default 20). */
  readonly ambientC?: number;
  /** Check every n-th reused decision against decide() (default 499; 0 = never). */
  readonly verifyEvery?: number;
  /** Report progress: strategy being run, slots done, slots in total. */
  readonly onProgress?: (strategy: StrategyName, done: number, total: number) => void;
  /**
   * The planner for the planned strategy: solver and the curtailment notices it may count on. Without it the
   * planned strategy is left out of a default run (and asking for it is an error).
   */
  readonly planner?: PlannerOptions;
  /** Strategies to run; default all (the planned one only with `planner`). */
  readonly strategies?: readonly StrategyName[];
  /** A monotonic clock in ms, only to report how long each strategy took (the simulation never reads time). */
  readonly timer?: () => number;
}

/** Per-slot figures of one strategy. */
export interface StrategyLedger {
  readonly energyKwh: Float64Array;
  readonly surplusAbsorbedKwh: Float64Array;
  readonly btc: Float64Array;
  readonly revenue: Float64Array;
  readonly energyCost: Float64Array;
}

export interface StrategyTotals {
  readonly energyMwh: number;
  readonly surplusAbsorbedMwh: number;
  /** null when the input has no BTC figures (a hashprice file without btc_per_th_day). */
  readonly btc: number | null;
  readonly revenue: number;
  readonly energyCost: number;
  readonly profit: number;
}

export interface SimulationStats {
  readonly decisions: number;
  readonly decideCalls: number;
  readonly memoHits: number;
  readonly verifiedReuses: number;
  readonly commandsSent: number;
  readonly commandsRefused: number;
  /** Planner solves (the planned strategy only). */
  readonly plans?: number;
  /** Wall time of the strategy's run when the caller passed a timer, else null. */
  readonly wallMs: number | null;
}

export interface BacktestResult {
  readonly inputs: BacktestInputs;
  readonly options: BacktestOptions;
  readonly decisionStepS: number;
  readonly ledgers: Partial<Record<StrategyName, StrategyLedger>>;
  readonly totals: Partial<Record<StrategyName, StrategyTotals>>;
  /** (hindsight profit − gridminer profit) / |hindsight profit| · 100; null without both. */
  readonly regretPct: number | null;
  /** (hindsight profit − planned profit) / |hindsight profit| · 100; null without both. */
  readonly plannedRegretPct: number | null;
  readonly simulation: Partial<Record<StrategyName, SimulationStats>>;
}
