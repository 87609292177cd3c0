// How the dispatcher sees each unit this tick: controllable or not, at which level, drawing how much, locked by
// dwell or not. Computed once per tick so that every rule and the allocator agree.
import type { WorkModeSpec } from "../domain/miner.js";
import type { SitePolicy } from "../domain/policy.js";
import type { UnitSnapshot } from "../domain/site.js";

export interface UnitView {
  readonly unit: UnitSnapshot;
  /** "fixed": fault, unreachable, stale telemetry or no known modes; its power is counted but never commanded. */
  readonly control: "controllable" | "fixed";
  readonly fixedWhy?: string;
  /** The unit's modes, lowest power first. */
  readonly ladder: readonly WorkModeSpec[];
  /** Mode the unit is at or coming to (pending command, starting, calibrating); null = asleep. */
  readonly level: number | null;
  /** Power counted for the unit at `level`: coming power for starting units, never less than the model says. */
  readonly plannedW: number;
  /** Starting, calibrating or with a command in flight: only mandatory actions touch it. */
  readonly transitioning: boolean;
  /** Within its minimum on or off time: only mandatory actions touch it. */
  readonly locked: boolean;
  readonly dwellLeftMs: number;
}

export function modeSpec(view: UnitView, mode: number | null): WorkModeSpec | undefined {
  return mode === null ? undefined : view.ladder.find((m) => m.mode === mode);
}

/** Spec power of a level: standby when asleep. */
export function levelPowerW(view: UnitView, mode: number | null): number {
  return mode === null ? view.unit.standbyPowerW : (modeSpec(view, mode)?.powerW ?? view.unit.standbyPowerW);
}

export function levelHashrateThs(view: UnitView, mode: number | null): number {
  return modeSpec(view, mode)?.hashrateThs ?? 0;
}

export function maxModePowerW(view: UnitView): number {
  return view.ladder[view.ladder.length - 1]?.powerW ?? view.unit.standbyPowerW;
}

function closestMode(ladder: readonly WorkModeSpec[], powerW: number): WorkModeSpec | undefined {
  let best: WorkModeSpec | undefined;
  for (const m of ladder)
    if (best === undefined || Math.abs(m.powerW - powerW) < Math.abs(best.powerW - powerW)) best = m;
  return best;
}

function fixedView(
  unit: UnitSnapshot,
  ladder: readonly WorkModeSpec[],
  why: string,
  plannedW: number,
): UnitView {
  return {
    unit,
    control: "fixed",
    fixedWhy: why,
    ladder,
    level: null,
    plannedW,
    transitioning: false,
    locked: true,
    dwellLeftMs: 0,
  };
}

export function viewUnit(unit: UnitSnapshot, policy: SitePolicy, nowMs: number): UnitView {
  const ladder = [...unit.modes].sort((a, b) => a.powerW - b.powerW || a.mode - b.mode);
  const top = ladder[ladder.length - 1];
  const known = (mode: number | undefined) =>
    mode === undefined ? undefined : ladder.find((m) => m.mode === mode);
  if (unit.state === "fault" || unit.state === "unreachable") {
    return fixedView(unit, ladder, unit.state, unit.powerW);
  }
  if (top === undefined) return fixedView(unit, ladder, "no modes known", unit.powerW);
  const ageMs = nowMs - unit.readAtMs;
  if (ageMs > policy.stale.maxAgeS.unit * 1000) {
    // Unknown state: count the worst plausible draw, send nothing.
    const running = unit.state !== "sleeping";
    const spec = running ? (known(unit.workMode)?.powerW ?? top.powerW) : unit.standbyPowerW;
    return fixedView(
      unit,
      ladder,
      `telemetry ${Math.round(ageMs / 1000)} s old`,
      Math.max(unit.powerW, spec),
    );
  }

  let level: number | null;
  let plannedW: number;
  let transitioning = false;
  if (unit.pending !== undefined) {
    transitioning = true;
    const p = unit.pending;
    level = p.action === "sleep" ? null : (known(p.mode ?? unit.workMode) ?? top).mode;
    plannedW = level === null ? unit.standbyPowerW : (known(level)?.powerW ?? top.powerW);
  } else if (unit.state === "sleeping") {
    level = null;
    plannedW = Math.max(unit.powerW, unit.standbyPowerW);
  } else if (unit.state === "hashing") {
    const m = known(unit.workMode) ?? closestMode(ladder, unit.powerW) ?? top;
    level = m.mode;
    plannedW = Math.max(unit.powerW, m.powerW);
  } else {
    // starting or calibrating: the power is coming; an unknown target mode counts as the highest.
    transitioning = true;
    const m = known(unit.workMode) ?? top;
    level = m.mode;
    plannedW = Math.max(unit.powerW, m.powerW);
  }

  const minMs = (level === null ? policy.dwell.minOffS : policy.dwell.minOnS) * 1000;
  const dwellLeftMs = Math.max(0, unit.sinceMs + minMs - nowMs);
  return {
    unit,
    control: "controllable",
    ladder,
    level,
    plannedW,
    transitioning,
    locked: dwellLeftMs > 0,
    dwellLeftMs,
  };
}
