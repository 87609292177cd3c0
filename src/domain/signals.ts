// What the grid and the operator ask of the site. Powers are site power at the grid connection (W).
import type { Reading } from "./reading.js";

interface TimedEvent {
  readonly id: string;
  /** Active while startMs <= now < endMs. */
  readonly startMs: number;
  readonly endMs: number;
  /** Who issued it (VTN name, TSO programme), for the decision log. */
  readonly source?: string;
}

/** A demand-response or grid event. All kinds cap site power; an absolute setpoint also sets a floor. */
export type GridEvent =
  | (TimedEvent & { readonly kind: "import-limit"; readonly limitW: number })
  | (TimedEvent & { readonly kind: "setpoint"; readonly powerW: number })
  /** OpenADR SIMPLE-style level (0 normal .. 3 special); SitePolicy.shedLevelMaxFraction maps it to a cap. */
  | (TimedEvent & { readonly kind: "shed-level"; readonly level: number })
  | (TimedEvent & { readonly kind: "shed-to-floor" });

interface OverrideBase {
  readonly id: string;
  readonly issuedAtMs: number;
  /** Ignored from this instant on. */
  readonly expiresAtMs: number;
  readonly by: string;
  readonly note?: string;
}

/** Operator requests. They can only narrow; "release" cancels every override issued before it. */
export type OperatorOverride =
  | (OverrideBase & { readonly kind: "cap"; readonly maxW: number })
  | (OverrideBase & { readonly kind: "hold" })
  | (OverrideBase & { readonly kind: "shed" })
  | (OverrideBase & { readonly kind: "unit-off"; readonly unitIds: readonly string[] })
  | (OverrideBase & { readonly kind: "release" });

/** The day-ahead plan's target for the slot that contains now. */
export interface PlanSlot {
  readonly startMs: number;
  readonly endMs: number;
  readonly targetW: number;
  /** Allowed excess over the target; 0 when absent. */
  readonly toleranceW?: number;
}

export interface FrequencySignal {
  readonly hz: Reading<number>;
  readonly nominalHz: number;
}

export interface GridSignals {
  /**
   * Renewable power the site may draw without paying grid price: generation that would otherwise be curtailed or
   * exported. An absolute allowance, NOT net export (which would already have our own load subtracted).
   */
  readonly surplusW?: Reading<number>;
  readonly energyPriceJpyPerKwh?: Reading<number>;
  /** Expected mining revenue per TH/s per day. */
  readonly hashpriceJpyPerThsDay?: Reading<number>;
  /** Contracted import capacity announced by the grid side; SitePolicy.importLimitW applies as well. */
  readonly importLimitW?: number;
  readonly events: readonly GridEvent[];
  readonly frequency?: FrequencySignal;
  readonly overrides: readonly OperatorOverride[];
  readonly plan?: PlanSlot;
}
