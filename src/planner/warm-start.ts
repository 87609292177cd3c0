// A MIP start from the LP relaxation. The relaxation of this model is nearly integral (gaps of 0.01 % and less
// on the reference sites), but HiGHS can spend seconds in heuristics before it finds an incumbent that good:
// handing it a rounded relaxation lets it stop as soon as the root bound confirms the gap.
// Rounding: per group, floor the running count, keep within ramp and min up/down (replaying units), fill modes
// from the floors, then add the remainder to the lowest-power mode — never more power than the relaxation drew.
// The start must pass the plan checker, or none is given (e.g. when units held on by min-up push a slot over a
// cap the relaxation met by stopping fractions of them; HiGHS then finds its own incumbents).
import { checkPlan } from "./check-plan.js";
import { evaluateSlot, planTotals } from "./evaluate.js";
import type { PlanInput, UnitGroup } from "./input.js";
import type { GroupSlotPlan, ModeCount, Plan } from "./plan.js";
import { GroupUnitAges } from "./unit-ages.js";
import * as n from "./var-names.js";

const ROUND_EPS = 1e-6;
const W_PER_KW = 1000;

export function roundedStart(
  input: PlanInput,
  relaxed: ReadonlyMap<string, number>,
): Map<string, number> | undefined {
  const slotMs = input.slots[0]?.durationMs ?? 0;
  const startMs = input.slots[0]?.startMs ?? 0;
  const perGroup = input.groups.map((group, g) => roundGroup(input, group, g, relaxed, startMs, slotMs));
  const slots = input.slots.map((_, t) =>
    evaluateSlot(
      input,
      t,
      perGroup.map((plans) => plans[t] as GroupSlotPlan),
    ),
  );
  const plan: Plan = {
    createdAtMs: 0,
    startMs,
    endMs: startMs + input.slots.length * slotMs,
    status: "optimal",
    mipGapPct: Number.NaN,
    objectiveJpy: Number.NaN,
    solverTimeMs: 0,
    slots,
    totals: planTotals(slots),
  };
  if (checkPlan(input, plan).length > 0) return undefined;

  const start = new Map<string, number>();
  slots.forEach((slot, t) => {
    start.set(n.sitePowerKw(t), slot.sitePowerW / W_PER_KW);
    start.set(n.gridImportKw(t), slot.gridImportW / W_PER_KW);
    slot.groups.forEach((gp, g) => {
      gp.unitsByMode.forEach((mc, k) => {
        start.set(n.unitsInMode(g, k, t), mc.units);
      });
      start.set(n.running(g, t), gp.runningUnits);
      start.set(n.starts(g, t), gp.starts);
      start.set(n.stops(g, t), gp.stops);
    });
  });
  return start;
}

function roundGroup(
  input: PlanInput,
  group: UnitGroup,
  g: number,
  relaxed: ReadonlyMap<string, number>,
  startMs: number,
  slotMs: number,
): GroupSlotPlan[] {
  const ages = new GroupUnitAges(group, startMs, slotMs);
  // Modes from the lowest power up: the remainder goes to the cheapest mode to run, excess is taken from the top.
  const byPower = group.modes.map((m, k) => ({ k, powerW: m.powerW })).sort((a, b) => a.powerW - b.powerW);
  let previous = ages.running;
  return input.slots.map((slot, t) => {
    const x = group.modes.map((_, k) => Math.max(0, relaxed.get(n.unitsInMode(g, k, t)) ?? 0));
    let target = Math.min(group.count, Math.floor(x.reduce((a, b) => a + b, 0) + ROUND_EPS));
    const atMs = slot.startMs;
    if (target > previous)
      target = previous + Math.min(target - previous, group.maxStartsPerSlot, ages.mayStart(atMs));
    if (target < previous) target = previous - Math.min(previous - target, ages.mayStop(atMs));
    const units = x.map((v) => Math.floor(v + ROUND_EPS));
    let sum = units.reduce((a, b) => a + b, 0);
    for (let i = byPower.length - 1; i >= 0 && sum > target; i--) {
      const k = byPower[i]?.k ?? 0;
      const take = Math.min(units[k] ?? 0, sum - target);
      units[k] = (units[k] ?? 0) - take;
      sum -= take;
    }
    const lowest = byPower[0]?.k ?? 0;
    units[lowest] = (units[lowest] ?? 0) + (target - sum);
    const starts = Math.max(0, target - previous);
    const stops = Math.max(0, previous - target);
    ages.apply(atMs, stops, starts);
    previous = target;
    const unitsByMode: ModeCount[] = group.modes.map((m, k) => ({ mode: m.mode, units: units[k] ?? 0 }));
    return { groupId: group.id, unitsByMode, runningUnits: target, starts, stops };
  });
}
