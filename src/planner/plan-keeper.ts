// The plan in force. A failed solve never replaces a good plan: the last good one stays until it runs out, and the
// latest failure is kept beside it so the operator sees both. Rule 5 of the dispatch rules reads its slot target
// from here.
import type { PlanSlot } from "../domain/signals.js";
import type { Plan, PlanFailure, PlanOutcome } from "./plan.js";

export interface KeptPlan {
  readonly plan: Plan;
  readonly acceptedAtMs: number;
}

export interface PlanFailureRecord {
  readonly atMs: number;
  readonly failure: PlanFailure;
}

export interface PlanKeeperStatus {
  readonly plan?: KeptPlan;
  readonly lastFailure?: PlanFailureRecord;
  /** True when the latest solve failed and an older plan (or none) is in force. */
  readonly failing: boolean;
  /** True when the kept plan has a slot containing nowMs. */
  readonly coversNow: boolean;
}

export class PlanKeeper {
  #kept: KeptPlan | undefined;
  #lastFailure: PlanFailureRecord | undefined;

  /** Takes a solve outcome; returns true when it became the plan in force. */
  offer(outcome: PlanOutcome, nowMs: number): boolean {
    if (outcome.ok) {
      this.#kept = { plan: outcome.plan, acceptedAtMs: nowMs };
      return true;
    }
    this.#lastFailure = { atMs: nowMs, failure: outcome.failure };
    return false;
  }

  get plan(): KeptPlan | undefined {
    return this.#kept;
  }

  get lastFailure(): PlanFailureRecord | undefined {
    return this.#lastFailure;
  }

  status(nowMs: number): PlanKeeperStatus {
    const failing =
      this.#lastFailure !== undefined &&
      (this.#kept === undefined || this.#lastFailure.atMs >= this.#kept.acceptedAtMs);
    return {
      ...(this.#kept === undefined ? {} : { plan: this.#kept }),
      ...(this.#lastFailure === undefined ? {} : { lastFailure: this.#lastFailure }),
      failing,
      coversNow: this.#kept !== undefined && planSlotTarget(this.#kept.plan, nowMs, 0) !== undefined,
    };
  }

  /** The target for the slot containing nowMs, or undefined when no kept plan covers it. */
  targetAt(nowMs: number, toleranceW = 0): PlanSlot | undefined {
    return this.#kept === undefined ? undefined : planSlotTarget(this.#kept.plan, nowMs, toleranceW);
  }
}

/**
 * The plan's slot containing nowMs as rule 5 reads it: planned site power as the target. The tolerance absorbs
 * the difference between the plan's nominal mode powers and what units really draw.
 */
export function planSlotTarget(plan: Plan, nowMs: number, toleranceW: number): PlanSlot | undefined {
  const slot = plan.slots.find((s) => s.startMs <= nowMs && nowMs < s.startMs + s.durationMs);
  if (slot === undefined) return undefined;
  return {
    startMs: slot.startMs,
    endMs: slot.startMs + slot.durationMs,
    targetW: slot.sitePowerW,
    toleranceW,
  };
}
