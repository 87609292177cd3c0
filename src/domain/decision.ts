// What the dispatcher decided in one tick, and why. Powers are site power at the grid connection (W, positive =
// drawn from the grid) unless a name says otherwise.

/** The closed interval of site power the rules allow. minW <= maxW always holds. */
export interface PowerWindow {
  readonly minW: number;
  readonly maxW: number;
}

export type UnitAction = "wake" | "sleep" | "set-mode";

/** One change for one unit. The dispatcher emits a command only when the unit is not already in that state. */
export interface UnitCommand {
  readonly unitId: string;
  readonly action: UnitAction;
  /** Mode to run in after "wake" or "set-mode"; absent for "sleep". */
  readonly mode?: number;
  /** The rule or allocator step that caused the command, for the decision log. */
  readonly cause: string;
}

export type ReasonInput = number | string | boolean | null;

/** A human-readable record of what one rule limited and why, with the numbers it used. */
export interface Reason {
  /** Rule name, e.g. "import-limit", "economics", "allocator". */
  readonly rule: string;
  /** The effect in a few words, e.g. "max 1,000,000 W" or "none". */
  readonly effect: string;
  readonly detail: string;
  readonly inputs: Readonly<Record<string, ReasonInput>>;
}

/**
 * State the dispatcher carries from one tick to the next. `decide` stays pure: the runtime copies
 * `Decision.memory` into the next `SiteSnapshot.memory` unchanged.
 */
export interface DispatchMemory {
  readonly atMs: number;
  /** Filtered site auxiliary power (metered import minus the units' own reports). */
  readonly auxiliaryW: number;
  /** Unused upward-ramp allowance (token bucket), W. */
  readonly rampCreditW: number;
  /** Last time the frequency was at or below the under-frequency trip threshold. */
  readonly underFrequencyAtMs?: number;
  /** Site power when the frequency left the droop deadband; droop reduces from this, not from each tick's power. */
  readonly droopReferenceW?: number;
}

export interface Decision {
  readonly nowMs: number;
  /** Where the allocator aims: the top of the window. */
  readonly targetPowerW: number;
  readonly window: PowerWindow;
  /** Site power once the commands have taken effect: units at their target level (starting units at their mode) plus auxiliaries. */
  readonly plannedPowerW: number;
  /** Auxiliary power included in plannedPowerW. */
  readonly auxiliaryW: number;
  readonly commands: readonly UnitCommand[];
  /** In the order the rules ran, then the allocator. */
  readonly reasons: readonly Reason[];
  readonly memory: DispatchMemory;
}
