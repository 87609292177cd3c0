// A controller that follows a fixed configuration per slot: how many units of each model run in each mode. It acts
// once, at the slot start, with the fewest wakes: running units change mode before sleeping units are woken. The
// simple strategies of a backtest (always on, price threshold, green only) run through it, so they pay the same
// boot and ramp physics as gridminer's own policy.
import type { UnitCommand } from "../../domain/decision.js";
import type { FleetSim, GroupView } from "./fleet.js";
import type { ControlStep, FleetController } from "./run.js";

/** Units per mode, per model (index as in FleetSim.models); units not counted sleep. */
export type FleetConfiguration = readonly ReadonlyMap<number, number>[];

export class PlanController implements FleetController {
  constructor(
    private readonly plan: (slot: number) => FleetConfiguration,
    private readonly cause: string,
  ) {}

  step(fleet: FleetSim, slot: number, _nowMs: number, slotStart: boolean): ControlStep {
    if (!slotStart) return { commands: [], again: false };
    return { commands: commandsToReach(fleet, this.plan(slot), this.cause), again: false };
  }
}

/** Commands that take the fleet to `target`, keeping every unit that already has a place in it. */
export function commandsToReach(fleet: FleetSim, target: FleetConfiguration, cause: string): UnitCommand[] {
  const groups = fleet.groupViews();
  if (alreadyThere(fleet, groups, target)) return [];
  const views = new Map<number, GroupView>(groups.map((g) => [g.id, g]));
  const commands: UnitCommand[] = [];
  fleet.models.forEach((model, k) => {
    const quota = new Map(target[k] ?? new Map<number, number>());
    const ladder = [...model.spec.modes].sort((a, b) => a.powerW - b.powerW).map((m) => m.mode);
    const total = [...quota.values()].reduce((s, n) => s + n, 0);
    if (total > model.count) throw new RangeError(`configuration runs ${total} of ${model.count} units`);
    const running: string[] = [];
    const asleep: string[] = [];
    fleet.unitIds.forEach((id, u) => {
      const g = views.get(fleet.groupOfUnit(u));
      if (g === undefined || g.model !== k) return;
      const left = g.level === null ? 0 : (quota.get(g.level) ?? 0);
      if (g.level !== null && left > 0) quota.set(g.level, left - 1);
      else if (g.level === null) asleep.push(id);
      else running.push(id);
    });
    const nextMode = (): number | undefined => ladder.find((m) => (quota.get(m) ?? 0) > 0);
    const take = (mode: number) => quota.set(mode, (quota.get(mode) ?? 0) - 1);
    for (const unitId of running) {
      const mode = nextMode();
      if (mode === undefined) commands.push({ unitId, action: "sleep", cause });
      else {
        take(mode);
        commands.push({ unitId, action: "set-mode", mode, cause });
      }
    }
    for (const unitId of asleep) {
      const mode = nextMode();
      if (mode === undefined) break;
      take(mode);
      commands.push({ unitId, action: "wake", mode, cause });
    }
  });
  return commands;
}

/** Units per level already match the target: nothing to send (the usual case, checked per group, not per unit). */
function alreadyThere(fleet: FleetSim, groups: readonly GroupView[], target: FleetConfiguration): boolean {
  return fleet.models.every((_, k) => {
    const have = new Map<number, number>();
    for (const g of groups) {
      if (g.model === k && g.level !== null) have.set(g.level, (have.get(g.level) ?? 0) + g.count);
    }
    const want = [...(target[k] ?? new Map<number, number>())].filter(([, n]) => n > 0);
    return want.length === have.size && want.every(([mode, n]) => have.get(mode) === n);
  });
}
