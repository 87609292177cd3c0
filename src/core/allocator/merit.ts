// Merit order. A step is one move of one unit up or down its ladder (off → mode 0 → mode 1 ...). Its merit is the
// marginal efficiency of the power it adds or removes, in J/TH: steps that buy the most hashrate per watt are added
// first and removed last. The same order both ways means a shed never removes what a raise would re-add next.
// Between equal efficiencies the healthier unit runs first, then the lower id (so the order is total).
import { levelHashrateThs } from "../units.js";
import { nextHigherLevel, nextLowerLevel, powerAt, type Slot } from "./work.js";

export interface Step {
  readonly slot: Slot;
  readonly to: number | null;
  /** Change of site power; positive for up steps. */
  readonly deltaW: number;
  /** Marginal J/TH of the power the step adds (up) or removes (down). */
  readonly jPerTh: number;
}

function marginal(deltaW: number, deltaThs: number): number {
  return deltaThs > 0 ? deltaW / deltaThs : Number.POSITIVE_INFINITY;
}

export function upStep(slot: Slot, allowed: readonly number[]): Step | undefined {
  const to = nextHigherLevel(slot, allowed);
  if (to === undefined) return undefined;
  const deltaW = powerAt(slot, to) - slot.plannedW;
  const deltaThs = levelHashrateThs(slot.view, to) - levelHashrateThs(slot.view, slot.level);
  return { slot, to, deltaW, jPerTh: marginal(deltaW, deltaThs) };
}

export function downStep(slot: Slot, allowed: readonly number[]): Step | undefined {
  if (slot.level === null) return undefined;
  const to = nextLowerLevel(slot, allowed);
  const deltaW = powerAt(slot, to) - slot.plannedW;
  const deltaThs = levelHashrateThs(slot.view, slot.level) - levelHashrateThs(slot.view, to);
  return { slot, to, deltaW, jPerTh: marginal(-deltaW, deltaThs) };
}

function byId(a: Slot, b: Slot): number {
  const x = a.view.unit.id;
  const y = b.view.unit.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Negative when `a` should be added before `b`. */
export function compareUp(a: Step, b: Step): number {
  return (
    a.jPerTh - b.jPerTh ||
    b.slot.view.unit.health.score - a.slot.view.unit.health.score ||
    byId(a.slot, b.slot)
  );
}

/** Negative when `a` should be removed before `b`: exactly the reverse of compareUp. */
export function compareDown(a: Step, b: Step): number {
  return -compareUp(a, b);
}

/** Efficiency of a unit at its current level: the least efficient running unit is slept first under obligation. */
export function unitJPerTh(slot: Slot): number {
  return marginal(slot.plannedW, levelHashrateThs(slot.view, slot.level));
}
