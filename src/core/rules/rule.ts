import type { Reason } from "../../domain/decision.js";
import type { DispatchContext } from "../context.js";
import type { Envelope } from "../envelope.js";

/**
 * mandatory: safety and grid obligations. The allocator meets them even if it must cut a unit's dwell time short.
 * soft: surplus, economics, plan and operator preferences. The allocator meets them only with units free to move.
 */
export type Binding = "mandatory" | "soft";

/** Dispatcher memory a rule wants carried to the next tick; null clears a field. */
export interface MemoryPatch {
  readonly underFrequencyAtMs?: number | null;
  readonly droopReferenceW?: number | null;
}

export interface RuleOutcome {
  readonly envelope: Envelope;
  /** At least one: a rule that limits nothing still says so. */
  readonly reasons: readonly Reason[];
  readonly memory?: MemoryPatch;
}

export interface Rule {
  readonly name: string;
  readonly binding: Binding;
  /** Receives the envelope left by the earlier rules. MUST return a narrowing of it (the pipeline enforces this). */
  apply(envelope: Envelope, ctx: DispatchContext): RuleOutcome;
}
