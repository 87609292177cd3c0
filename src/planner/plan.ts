// What the planner returns: how many units of each group run in each mode in each slot, what that draws and earns,
// or why no plan could be made. Powers in W, money in JPY, energy in kWh.

export interface ModeCount {
  readonly mode: number;
  readonly units: number;
}

export interface GroupSlotPlan {
  readonly groupId: string;
  /** Units running in each of the group's modes, in the order of UnitGroup.modes. */
  readonly unitsByMode: readonly ModeCount[];
  readonly runningUnits: number;
  /** Units woken at the start of the slot. */
  readonly starts: number;
  /** Units put to sleep at the start of the slot. */
  readonly stops: number;
}

export interface PlannedSlot {
  readonly startMs: number;
  readonly durationMs: number;
  readonly groups: readonly GroupSlotPlan[];
  /** Running units at their mode power plus sleeping units at standby. */
  readonly minerPowerW: number;
  /** Miner power plus auxiliary load: what the import limit and commitments apply to. */
  readonly sitePowerW: number;
  readonly surplusUsedW: number;
  readonly gridImportW: number;
  readonly hashrateThs: number;
  readonly revenueJpy: number;
  /** Surplus energy at the surplus price plus grid energy at spot + network charge + taxes. */
  readonly energyCostJpy: number;
  readonly bootCostJpy: number;
  readonly profitJpy: number;
}

export interface PlanTotals {
  readonly energyKwh: number;
  readonly surplusUsedKwh: number;
  readonly gridEnergyKwh: number;
  readonly revenueJpy: number;
  readonly energyCostJpy: number;
  readonly bootCostJpy: number;
  readonly profitJpy: number;
  readonly starts: number;
}

/** "optimal" within the requested MIP gap, or the best plan found when the time limit stopped the search. */
export type PlanStatus = "optimal" | "time-limit";

export interface Plan {
  /** When the planner was asked (the nowMs of the request). */
  readonly createdAtMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly status: PlanStatus;
  /** Relative distance between the plan and the best bound the solver proved, in percent. */
  readonly mipGapPct: number;
  /** The solver's objective: profit as the model prices it (see docs/planner.md on surplus priced above grid). */
  readonly objectiveJpy: number;
  /** Solver run time as HiGHS measured it. */
  readonly solverTimeMs: number;
  readonly slots: readonly PlannedSlot[];
  readonly totals: PlanTotals;
}

/** Constraint families, as the model and the plan checker name them. */
export type ConstraintFamily =
  | "import-limit"
  | "demand-response"
  | "cooling"
  | "ramp"
  | "min-up"
  | "min-down"
  | "unit-count";

/** A plan breaking a constraint of the input, found by the independent checker. */
export interface PlanViolation {
  /** "consistency": the plan contradicts itself (counts vs starts, reported vs recomputed power). */
  readonly family: ConstraintFamily | "consistency";
  readonly slotIndex: number;
  readonly startMs: number;
  readonly groupId?: string;
  readonly commitmentId?: string;
  /** How far the plan is beyond the limit. */
  readonly amount: number;
  readonly unit: "W" | "units";
  readonly message: string;
}

/** Why a site cannot meet a cap: a unit constraint that had to be broken, or the standby floor. */
export interface InfeasibilityCause {
  readonly family: "min-up" | "min-down" | "ramp" | "standby-floor";
  readonly groupId?: string;
  /** How much of that constraint had to be given up, summed over the horizon. */
  readonly amount: number;
  readonly unit: "W" | "units";
}

/** A cap (import limit, commitment, cooling) that no schedule of the units can meet in one slot. */
export interface InfeasibilityFinding {
  readonly family: "import-limit" | "demand-response" | "cooling";
  readonly slotIndex: number;
  readonly startMs: number;
  readonly commitmentId?: string;
  /** What the constraint allows (site power; miner heat for cooling). */
  readonly limitW: number;
  /** The lowest the site could get to in that slot while keeping every unit constraint. */
  readonly lowestW: number;
  readonly causes: readonly InfeasibilityCause[];
  readonly message: string;
}

export type PlanFailureKind =
  | "invalid-input"
  | "infeasible"
  | "no-solution"
  | "solver-error"
  | "check-failed"
  | "worker-error";

export interface PlanFailure {
  readonly kind: PlanFailureKind;
  readonly message: string;
  readonly findings?: readonly InfeasibilityFinding[];
  readonly violations?: readonly PlanViolation[];
  /** Solver status text, when a solver ran. */
  readonly solverStatus?: string;
}

export type PlanOutcome =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly failure: PlanFailure };
