// Turns solver column values into a Plan. Integer columns come back within the solver's integrality tolerance
// (1e-6); they are rounded, and a value far from an integer means the point is not a MIP solution at all.
import { evaluateSlot, planTotals } from "./evaluate.js";
import type { PlanInput } from "./input.js";
import type { GroupSlotPlan, Plan, PlanStatus } from "./plan.js";
import type { MipSolveResult } from "./solver.js";
import * as n from "./var-names.js";

const INTEGRALITY_TOLERANCE = 1e-4;

export class FractionalSolutionError extends Error {}

export interface ReadOptions {
  readonly nowMs: number;
  readonly status: PlanStatus;
  /** Solver time spent before this result (the LP relaxation for the MIP start). */
  readonly extraSolverS?: number;
}

export function readPlan(input: PlanInput, result: MipSolveResult, opts: ReadOptions): Plan {
  const count = (name: string): number => {
    const v = result.values.get(name);
    if (v === undefined) throw new FractionalSolutionError(`solver returned no value for ${name}`);
    const r = Math.round(v);
    if (Math.abs(v - r) > INTEGRALITY_TOLERANCE) {
      throw new FractionalSolutionError(`${name} = ${v} is not an integer`);
    }
    return Math.max(0, r);
  };
  const slots = input.slots.map((_, t) => {
    const groups = input.groups.map((group, g): GroupSlotPlan => {
      const unitsByMode = group.modes.map((m, k) => ({ mode: m.mode, units: count(n.unitsInMode(g, k, t)) }));
      // Waking and sleeping units of one group in one slot is never needed: only the net change is kept, which
      // can only loosen min-up, min-down and ramp and saves boot energy.
      const net = count(n.starts(g, t)) - count(n.stops(g, t));
      return {
        groupId: group.id,
        unitsByMode,
        runningUnits: unitsByMode.reduce((sum, mc) => sum + mc.units, 0),
        starts: Math.max(0, net),
        stops: Math.max(0, -net),
      };
    });
    return evaluateSlot(input, t, groups);
  });
  const first = input.slots[0];
  const last = input.slots[input.slots.length - 1];
  return {
    createdAtMs: opts.nowMs,
    startMs: first?.startMs ?? opts.nowMs,
    endMs: last === undefined ? opts.nowMs : last.startMs + last.durationMs,
    status: opts.status,
    mipGapPct: Number.isFinite(result.mipGap) ? result.mipGap * 100 : Number.NaN,
    objectiveJpy: result.objective,
    solverTimeMs: (result.runTimeS + (opts.extraSolverS ?? 0)) * 1000,
    slots,
    totals: planTotals(slots),
  };
}
