// What the planner plans with: a horizon of equal slots, unit groups, grid commitments and prices.
// Powers are in W at the grid connection unless a name says otherwise; money in JPY; durations in ms or slots.
import type { WorkModeSpec } from "../domain/miner.js";
import type { CoolingPoint } from "../domain/policy.js";

/** One slot of the horizon (30 minutes by default). Slots are contiguous and of equal duration. */
export interface PlanSlotInput {
  readonly startMs: number;
  readonly durationMs: number;
  /** Day-ahead spot price of the area (JEPX Kyushu), before network charge and taxes. */
  readonly spotPriceJpyPerKwh: number;
  /** Renewable surplus the site may draw at the surplus price: a forecast or a curtailment notice. */
  readonly surplusW: number;
  /** Expected mining revenue per TH/s per day. */
  readonly hashpriceJpyPerThsDay: number;
  /** Import limit at the grid connection: the lowest of policy, contract and announced limits for this slot. */
  readonly importLimitW: number;
  /** Forecast outdoor temperature at the dry coolers; absent = cooling does not limit this slot. */
  readonly ambientC?: number;
  /** Auxiliary load (pumps, dry-cooler fans, IT) in this slot; default PlanInput.auxiliaryW. */
  readonly auxiliaryW?: number;
}

/** Units of a group that are running at the start of the horizon, and for how long they have been. */
export interface RunningCohort {
  readonly mode: number;
  readonly count: number;
  readonly onForMs: number;
}

/** Units of a group that went to sleep recently enough for the minimum down time to matter. */
export interface SleepingCohort {
  readonly count: number;
  readonly offForMs: number;
}

export interface GroupInitialState {
  readonly running: readonly RunningCohort[];
  /** Units neither listed here nor running count as asleep for long: free to wake. */
  readonly sleeping?: readonly SleepingCohort[];
}

/**
 * Identical units (same model, same allowed modes, same cooling loop). The planner decides how many of them run
 * in each mode, never which ones: grouping keeps the model small whatever the fleet size.
 */
export interface UnitGroup {
  readonly id: string;
  readonly count: number;
  /** Modes the planner may use, with their wall power and hashrate (from MinerModelSpec). */
  readonly modes: readonly WorkModeSpec[];
  /** Draw of a sleeping unit. */
  readonly standbyW: number;
  /** Energy one wake costs beyond running power (boot, calibration); priced at the slot's grid price. */
  readonly bootEnergyKwh: number;
  /** A unit woken in slot t runs through slot t + minUpSlots − 1. 0 and 1 mean the same. */
  readonly minUpSlots: number;
  /** A unit put to sleep in slot t sleeps through slot t + minDownSlots − 1. 0 and 1 mean the same. */
  readonly minDownSlots: number;
  /**
   * Upward ramp: the most units the group may wake in one slot (boot inrush, pool reconnects). Going to sleep is
   * never ramp-limited, so that demand response and safety can always shed at once.
   */
  readonly maxStartsPerSlot: number;
  readonly initial: GroupInitialState;
}

interface CommitmentWindow {
  readonly id: string;
  /** Applies to every slot that overlaps [startMs, endMs). */
  readonly startMs: number;
  readonly endMs: number;
  /** Programme or aggregator, for messages. */
  readonly source?: string;
}

/**
 * A demand-response commitment caps site power in its window: either directly, or as a committed reduction
 * below the settlement baseline (e.g. the ERAB "High 4 of 5" baseline), which caps at baselineW − reductionW.
 */
export type DemandResponseCommitment =
  | (CommitmentWindow & { readonly kind: "max-power"; readonly maxPowerW: number })
  | (CommitmentWindow & {
      readonly kind: "reduction";
      readonly baselineW: number;
      readonly reductionW: number;
    });

export interface EnergyPricing {
  /** Network (wheeling) charge on grid energy. */
  readonly networkChargeJpyPerKwh: number;
  /** Per-kWh levies on grid energy (renewable-energy surcharge). */
  readonly taxJpyPerKwh: number;
  /** Price of surplus energy up to the surplus available: a PPA price, or 0 when it would be curtailed anyway. */
  readonly surplusPriceJpyPerKwh: number;
}

export interface PlanInput {
  readonly slots: readonly PlanSlotInput[];
  readonly groups: readonly UnitGroup[];
  readonly commitments: readonly DemandResponseCommitment[];
  readonly pricing: EnergyPricing;
  /** Dry-cooler heat rejection versus ambient; empty = cooling never limits. */
  readonly coolingCurve: readonly CoolingPoint[];
  /** Default auxiliary load for slots that do not state their own. */
  readonly auxiliaryW: number;
}

/** The cap a commitment puts on site power. */
export function commitmentCapW(c: DemandResponseCommitment): number {
  return c.kind === "max-power" ? c.maxPowerW : c.baselineW - c.reductionW;
}

/** Grid energy price of a slot: spot + network charge + taxes. */
export function gridPriceJpyPerKwh(slot: PlanSlotInput, pricing: EnergyPricing): number {
  return slot.spotPriceJpyPerKwh + pricing.networkChargeJpyPerKwh + pricing.taxJpyPerKwh;
}

export function slotAuxiliaryW(input: PlanInput, slot: PlanSlotInput): number {
  return slot.auxiliaryW ?? input.auxiliaryW;
}
