// The envelope is what the rules narrow: a site power window plus, per controllable unit, the modes it may keep
// running in (stay) and the modes it may be moved into (enter, always a subset of stay).
import type { PowerWindow } from "../domain/decision.js";
import type { DispatchContext } from "./context.js";

export interface UnitLimits {
  readonly stayModes: readonly number[];
  readonly enterModes: readonly number[];
  /** The last rule that removed a stay mode: named as the cause when the unit is stepped down. */
  readonly restrictedBy?: string;
}

export interface Envelope {
  readonly window: PowerWindow;
  readonly units: ReadonlyMap<string, UnitLimits>;
}

export function initialEnvelope(ctx: DispatchContext): Envelope {
  const units = new Map<string, UnitLimits>();
  for (const v of ctx.units) {
    if (v.control !== "controllable") continue;
    const modes = v.ladder.map((m) => m.mode);
    units.set(v.unit.id, { stayModes: modes, enterModes: modes });
  }
  return { window: { minW: 0, maxW: ctx.physicalMaxW }, units };
}

/** Lower the top of the window; never below its bottom (an earlier rule's minimum wins). */
export function capMax(env: Envelope, maxW: number): Envelope {
  const capped = Math.max(env.window.minW, Math.min(env.window.maxW, maxW));
  return capped === env.window.maxW ? env : { ...env, window: { minW: env.window.minW, maxW: capped } };
}

/** Raise the bottom of the window; never above its top (an earlier rule's maximum wins). */
export function raiseMin(env: Envelope, minW: number): Envelope {
  const raised = Math.min(env.window.maxW, Math.max(env.window.minW, minW));
  return raised === env.window.minW ? env : { ...env, window: { minW: raised, maxW: env.window.maxW } };
}

/**
 * Narrow the modes of some units. `keep(id, limits)` returns the modes to keep; anything it returns outside the
 * current sets is dropped, so this cannot widen.
 */
export function restrictUnits(
  env: Envelope,
  rule: string,
  keep: (
    id: string,
    limits: UnitLimits,
  ) => { stay?: (mode: number) => boolean; enter?: (mode: number) => boolean } | undefined,
): Envelope {
  const units = new Map(env.units);
  let changed = false;
  for (const [id, limits] of env.units) {
    const k = keep(id, limits);
    if (k === undefined) continue;
    const stayModes = k.stay === undefined ? limits.stayModes : limits.stayModes.filter(k.stay);
    const enterModes = limits.enterModes.filter(
      (m) => stayModes.includes(m) && (k.enter === undefined || k.enter(m)),
    );
    if (stayModes.length === limits.stayModes.length && enterModes.length === limits.enterModes.length)
      continue;
    changed = true;
    const restrictedBy = stayModes.length < limits.stayModes.length ? rule : limits.restrictedBy;
    units.set(
      id,
      restrictedBy === undefined ? { stayModes, enterModes } : { stayModes, enterModes, restrictedBy },
    );
  }
  return changed ? { ...env, units } : env;
}

function clamp(x: number, lo: number, hi: number, ifNaN: number): number {
  return Number.isNaN(x) ? ifNaN : Math.min(hi, Math.max(lo, x));
}

export interface Narrowed {
  readonly envelope: Envelope;
  /** What the proposed envelope tried to widen; empty when it only narrowed. */
  readonly widened: readonly string[];
}

/**
 * The pipeline's guard: the intersection of what a rule proposed with what it was given. A proposal outside the
 * previous envelope is clamped back into it and reported, so no rule can widen, whatever its code does.
 */
export function narrow(prev: Envelope, proposed: Envelope): Narrowed {
  const widened: string[] = [];
  const p = prev.window;
  const q = proposed.window;
  if (!(q.minW >= p.minW)) widened.push(`min ${q.minW} below ${p.minW}`);
  if (!(q.maxW <= p.maxW)) widened.push(`max ${q.maxW} above ${p.maxW}`);
  if (q.minW > q.maxW) widened.push(`min ${q.minW} above max ${q.maxW}`);
  // An earlier rule's bounds win over a later rule's; within one proposal the maximum wins over the minimum.
  const maxW = clamp(q.maxW, p.minW, p.maxW, p.maxW);
  const minW = clamp(q.minW, p.minW, maxW, p.minW);
  const units = new Map<string, UnitLimits>();
  for (const [id, before] of prev.units) {
    const after = proposed.units.get(id);
    if (after === undefined) {
      widened.push(`unit ${id} dropped`);
      units.set(id, before);
      continue;
    }
    const stayModes = after.stayModes.filter((m) => before.stayModes.includes(m));
    const enterModes = after.enterModes.filter((m) => before.enterModes.includes(m) && stayModes.includes(m));
    if (stayModes.length < after.stayModes.length || enterModes.length < after.enterModes.length) {
      widened.push(`unit ${id} modes`);
    }
    const restrictedBy = after.restrictedBy ?? before.restrictedBy;
    units.set(
      id,
      restrictedBy === undefined ? { stayModes, enterModes } : { stayModes, enterModes, restrictedBy },
    );
  }
  return { envelope: { window: { minW, maxW }, units }, widened };
}

/** True when `inner` lies within `outer`: window inside window, every unit's mode sets subsets. */
export function isWithin(inner: Envelope, outer: Envelope): boolean {
  if (inner.window.minW < outer.window.minW || inner.window.maxW > outer.window.maxW) return false;
  if (inner.window.minW > inner.window.maxW) return false;
  for (const [id, o] of outer.units) {
    const i = inner.units.get(id);
    if (i === undefined) return false;
    if (!i.stayModes.every((m) => o.stayModes.includes(m))) return false;
    if (!i.enterModes.every((m) => o.enterModes.includes(m) && i.stayModes.includes(m))) return false;
  }
  return true;
}
