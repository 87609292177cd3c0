// Everything derived from the inputs once per tick, shared by the rules and the allocator.
import type { Reason } from "../domain/decision.js";
import type { SitePolicy } from "../domain/policy.js";
import type { GridSignals } from "../domain/signals.js";
import type { SiteSnapshot } from "../domain/site.js";
import { estimateAuxiliary } from "./closed-loop.js";
import { maxModePowerW, type UnitView, viewUnit } from "./units.js";

export interface DispatchContext {
  readonly snapshot: SiteSnapshot;
  readonly signals: GridSignals;
  readonly policy: SitePolicy;
  readonly nowMs: number;
  /** Seconds since the previous decision (policy.tickS on the first tick). */
  readonly elapsedS: number;
  readonly units: readonly UnitView[];
  readonly byId: ReadonlyMap<string, UnitView>;
  readonly auxiliaryW: number;
  /** Site power if nothing changes: every unit at its current or coming level, plus auxiliaries. */
  readonly currentPlannedW: number;
  /** Site power with every controllable unit at its highest mode. */
  readonly physicalMaxW: number;
  /** Site power with every controllable unit asleep: no command can go below it. */
  readonly irreducibleW: number;
  /** Cap for every "to floor" action: the floor, but never above current power (shedding must not add load). */
  readonly floorCapW: number;
  /** The stale-data fallback cap, already resolved to watts. */
  readonly fallbackW: number;
  readonly reasons: readonly Reason[];
}

export function buildContext(
  snapshot: SiteSnapshot,
  signals: GridSignals,
  policy: SitePolicy,
  nowMs: number,
): DispatchContext {
  const prev = snapshot.memory;
  const elapsedS = prev === undefined ? policy.tickS : Math.max(0, (nowMs - prev.atMs) / 1000);
  const aux = estimateAuxiliary(snapshot, policy, nowMs, elapsedS);
  const units = snapshot.units.map((u) => viewUnit(u, policy, nowMs));
  let unitsW = 0;
  let maxW = 0;
  let floorW = 0;
  for (const v of units) {
    unitsW += v.plannedW;
    maxW += v.control === "fixed" ? v.plannedW : Math.max(v.plannedW, maxModePowerW(v));
    // Asleep already: what it draws now; awake: what it would draw asleep.
    floorW += v.control === "fixed" || v.level === null ? v.plannedW : v.unit.standbyPowerW;
  }
  const currentPlannedW = unitsW + aux.auxiliaryW;
  const floorCapW = Math.min(policy.floorW, currentPlannedW);
  return {
    snapshot,
    signals,
    policy,
    nowMs,
    elapsedS,
    units,
    byId: new Map(units.map((v) => [v.unit.id, v])),
    auxiliaryW: aux.auxiliaryW,
    currentPlannedW,
    physicalMaxW: maxW + aux.auxiliaryW,
    irreducibleW: floorW + aux.auxiliaryW,
    floorCapW,
    fallbackW: policy.stale.fallback === "hold" ? currentPlannedW : floorCapW,
    reasons: [aux.reason],
  };
}
