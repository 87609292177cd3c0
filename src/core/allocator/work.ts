// The allocator's working state: a target level per unit, starting at where each unit is (or is coming to), and
// the site power that follows from it. Phases move levels; commands are the difference at the end.
import type { DispatchContext } from "../context.js";
import type { Envelope, UnitLimits } from "../envelope.js";
import { levelPowerW, type UnitView } from "../units.js";

export interface Slot {
  readonly view: UnitView;
  /** What all rules allow (undefined for fixed units). */
  readonly limits: UnitLimits | undefined;
  /** What safety and grid obligations alone allow. */
  readonly mandatoryLimits: UnitLimits | undefined;
  level: number | null;
  plannedW: number;
  /** Rule or step that last moved the unit; becomes the command's cause. */
  cause: string | undefined;
  /** Position of the last change, so commands come out in the order they were decided. */
  order: number;
}

export interface Work {
  readonly slots: Slot[];
  siteW: number;
  changes: number;
}

export function newWork(ctx: DispatchContext, final: Envelope, mandatory: Envelope): Work {
  const slots = ctx.units.map(
    (view): Slot => ({
      view,
      limits: final.units.get(view.unit.id),
      mandatoryLimits: mandatory.units.get(view.unit.id),
      level: view.level,
      plannedW: view.plannedW,
      cause: undefined,
      order: 0,
    }),
  );
  return { slots, siteW: ctx.currentPlannedW, changes: 0 };
}

/** Power of a slot at a level: what it draws now if the level is its current one, else what the model says. */
export function powerAt(slot: Slot, level: number | null): number {
  return level === slot.view.level ? slot.view.plannedW : levelPowerW(slot.view, level);
}

export function moveTo(work: Work, slot: Slot, level: number | null, cause: string): number {
  const w = powerAt(slot, level);
  const deltaW = w - slot.plannedW;
  slot.level = level;
  slot.plannedW = w;
  slot.cause = cause;
  slot.order = ++work.changes;
  work.siteW += deltaW;
  return deltaW;
}

export function isControllable(slot: Slot): boolean {
  return slot.view.control === "controllable";
}

/** Free to move for soft reasons: controllable, outside its dwell time, not in transition. */
export function isFree(slot: Slot): boolean {
  return isControllable(slot) && !slot.view.locked && !slot.view.transitioning;
}

/** Highest mode in `allowed` drawing less than the slot's current level, or null (asleep). */
export function nextLowerLevel(slot: Slot, allowed: readonly number[]): number | null {
  const nowW = slot.level === null ? Number.NEGATIVE_INFINITY : levelPowerW(slot.view, slot.level);
  let pick: number | null = null;
  let pickW = Number.NEGATIVE_INFINITY;
  for (const m of slot.view.ladder) {
    if (allowed.includes(m.mode) && m.powerW < nowW && m.powerW > pickW) {
      pick = m.mode;
      pickW = m.powerW;
    }
  }
  return pick;
}

/** Lowest mode in `allowed` drawing more than the slot's current level, or undefined. */
export function nextHigherLevel(slot: Slot, allowed: readonly number[]): number | undefined {
  const nowW = slot.level === null ? Number.NEGATIVE_INFINITY : levelPowerW(slot.view, slot.level);
  let pick: number | undefined;
  let pickW = Number.POSITIVE_INFINITY;
  for (const m of slot.view.ladder) {
    if (allowed.includes(m.mode) && m.powerW > nowW && m.powerW < pickW) {
      pick = m.mode;
      pickW = m.powerW;
    }
  }
  return pick;
}
