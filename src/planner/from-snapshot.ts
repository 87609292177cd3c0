// Planner groups from the dispatcher's process image, for intraday re-planning: units of one model form a group,
// and their telemetry's state and sinceMs become the initial cohorts (min-up and min-down carry over the re-plan).
import type { MinerState } from "../domain/miner.js";
import type { SiteSnapshot, UnitSnapshot } from "../domain/site.js";
import type { RunningCohort, SleepingCohort, UnitGroup } from "./input.js";

/** Per-model planning parameters the telemetry does not carry. */
export interface GroupParameters {
  readonly bootEnergyKwh: number;
  readonly minUpSlots: number;
  readonly minDownSlots: number;
  readonly maxStartsPerSlot: number;
}

export interface SnapshotGroups {
  readonly groups: UnitGroup[];
  /** Power of units the planner cannot command (faulted, unreachable): add it to the auxiliary load. */
  readonly uncontrolledW: number;
  readonly uncontrolledUnitIds: string[];
}

const RUNNING_STATES: ReadonlySet<MinerState> = new Set(["hashing", "starting", "calibrating"]);

/**
 * Groups healthy, reachable units by model. A unit that is hashing, starting or calibrating runs (in its work
 * mode, the first of its modes if none is reported); a sleeping one sleeps. Durations are measured to the start
 * of the horizon, so a unit that woke 10 minutes before the current slot began has run 10 minutes at slot 0.
 */
export function groupsFromSnapshot(
  snapshot: SiteSnapshot,
  horizonStartMs: number,
  params: (model: string) => GroupParameters,
): SnapshotGroups {
  const byModel = new Map<string, UnitSnapshot[]>();
  let uncontrolledW = 0;
  const uncontrolledUnitIds: string[] = [];
  for (const u of snapshot.units) {
    if (u.health.faultFlags.length > 0 || u.state === "fault" || u.state === "unreachable") {
      uncontrolledW += u.powerW;
      uncontrolledUnitIds.push(u.id);
      continue;
    }
    const list = byModel.get(u.model) ?? [];
    list.push(u);
    byModel.set(u.model, list);
  }
  const groups: UnitGroup[] = [];
  for (const [model, units] of [...byModel.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const first = units[0];
    if (first === undefined) continue;
    const running = new Map<string, RunningCohort>();
    const sleeping = new Map<number, SleepingCohort>();
    for (const u of units) {
      const forMs = Math.max(0, horizonStartMs - u.sinceMs);
      if (RUNNING_STATES.has(u.state)) {
        const mode = u.workMode ?? first.modes[0]?.mode ?? 0;
        const key = `${mode}/${forMs}`;
        const c = running.get(key);
        running.set(key, { mode, count: (c?.count ?? 0) + 1, onForMs: forMs });
      } else {
        const c = sleeping.get(forMs);
        sleeping.set(forMs, { count: (c?.count ?? 0) + 1, offForMs: forMs });
      }
    }
    groups.push({
      id: model,
      count: units.length,
      modes: first.modes,
      standbyW: first.standbyPowerW,
      ...params(model),
      initial: { running: [...running.values()], sleeping: [...sleeping.values()] },
    });
  }
  return { groups, uncontrolledW, uncontrolledUnitIds };
}
