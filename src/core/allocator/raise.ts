// Raising. First the ideal: merit-order steps up, strictly in order, while they fit below target − hysteresis (when
// the best step does not fit the raise stops rather than filling the gap with a worse step, which a later shed
// would take out again first). Then units move straight to their ideal level (a unit woken for mode 1 wakes in
// mode 1, not in mode 0 with a mode change later), in the order the ideal first touched them, until the stagger
// limit or the up-ramp allowance stops it. Nothing is raised within the deadband of the target.
import type { Reason } from "../../domain/decision.js";
import type { SitePolicy } from "../../domain/policy.js";
import { formatW, listSome, units } from "../format.js";
import { Heap } from "./heap.js";
import { compareUp, type Step, upStep } from "./merit.js";
import { isControllable, isFree, moveTo, powerAt, type Slot, type Work } from "./work.js";

export interface RaiseResult {
  readonly usedW: number;
  readonly wakes: number;
  readonly moves: number;
}

function candidate(slot: Slot): Step | undefined {
  if (!isFree(slot) || slot.limits === undefined) return undefined;
  return upStep(slot, slot.limits.enterModes);
}

interface Ideal {
  /** Slot indices in the order the ideal first stepped them up. */
  readonly order: readonly number[];
  readonly level: ReadonlyMap<number, number | null>;
  readonly idealW: number;
  readonly stop: string;
}

/** Runs the strict merit-order raise on the work state, records it, and restores the state. */
function idealRaise(work: Work, targetW: number, policy: SitePolicy): Ideal {
  const saved = work.slots.map((s) => ({
    level: s.level,
    plannedW: s.plannedW,
    cause: s.cause,
    order: s.order,
  }));
  const savedSiteW = work.siteW;
  const savedChanges = work.changes;
  const queue = new Heap<[number, Step]>((a, b) => compareUp(a[1], b[1]));
  work.slots.forEach((slot, i) => {
    const s = candidate(slot);
    if (s !== undefined) queue.push([i, s]);
  });
  const order: number[] = [];
  const level = new Map<number, number | null>();
  let stop = "no unit free to step up";
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const [i, step] = next;
    if (work.siteW + step.deltaW > targetW - policy.hysteresisW) {
      const what = step.slot.level === null ? "wake" : "step up";
      stop = `next step (${step.slot.view.unit.id} ${what} +${formatW(step.deltaW)}) would leave less than the ${formatW(policy.hysteresisW)} hysteresis below target`;
      break;
    }
    moveTo(work, step.slot, step.to, "allocator");
    if (!level.has(i)) order.push(i);
    level.set(i, step.to);
    const again = candidate(step.slot);
    if (again !== undefined) queue.push([i, again]);
  }
  const idealW = work.siteW;
  work.slots.forEach((s, i) => {
    const v = saved[i];
    if (v === undefined) return;
    s.level = v.level;
    s.plannedW = v.plannedW;
    s.cause = v.cause;
    s.order = v.order;
  });
  work.siteW = savedSiteW;
  work.changes = savedChanges;
  return { order, level, idealW, stop };
}

/**
 * Site power with every free unit at its highest enterable mode. A target at or above it does not bind (the fleet's
 * own size or the economic plan set it), so no deadband or hysteresis is kept below it: those exist to absorb noise
 * in a target that does bind, and would otherwise keep the last unit of a fully wanted fleet asleep.
 */
export function reachableW(work: Work): number {
  let w = work.siteW;
  for (const slot of work.slots) {
    if (!isFree(slot) || slot.limits === undefined) continue;
    let topW = slot.plannedW;
    for (const m of slot.view.ladder)
      if (slot.limits.enterModes.includes(m.mode)) topW = Math.max(topW, powerAt(slot, m.mode));
    w += topW - slot.plannedW;
  }
  return w;
}

export function raiseToTarget(
  work: Work,
  targetW: number,
  sitePolicy: SitePolicy,
  creditW: number,
  reasons: Reason[],
): RaiseResult {
  const startW = work.siteW;
  const gapW = targetW - startW;
  const binding = targetW < reachableW(work);
  const policy = binding ? sitePolicy : { ...sitePolicy, deadbandW: 0, hysteresisW: 0 };
  if (gapW <= policy.deadbandW) {
    reasons.push({
      rule: "deadband",
      effect: "no change",
      detail:
        gapW >= 0
          ? `planned ${formatW(startW)} is within the ${formatW(policy.deadbandW)} deadband below target ${formatW(targetW)}`
          : `planned ${formatW(startW)} is above target ${formatW(targetW)} by less than the ${formatW(policy.deadbandW)} deadband`,
      inputs: { plannedW: startW, targetW, deadbandW: policy.deadbandW },
    });
    return { usedW: 0, wakes: 0, moves: 0 };
  }
  const ideal = idealRaise(work, targetW, policy);
  let usedW = 0;
  let wakes = 0;
  let stop = ideal.stop;
  let stopRule = ideal.stop.startsWith("next") ? "hysteresis" : "allocator";
  const who: string[] = [];
  for (const i of ideal.order) {
    const slot = work.slots[i];
    const to = ideal.level.get(i);
    if (slot === undefined || to === undefined) continue;
    const deltaW = powerAt(slot, to) - slot.plannedW;
    const isWake = slot.level === null;
    const label = `${slot.view.unit.id} ${isWake ? "wake" : "step up"} +${formatW(deltaW)}`;
    if (isWake && wakes >= policy.maxWakesPerTick) {
      stop = `${policy.maxWakesPerTick} wakes this tick (stagger limit); next: ${label}`;
      stopRule = "stagger";
      break;
    }
    if (deltaW > creditW - usedW) {
      stop = `up-ramp allowance left ${formatW(creditW - usedW)} (${formatW(policy.ramp.upWPerS)}/s); next: ${label}`;
      stopRule = "ramp-limit";
      break;
    }
    moveTo(work, slot, to, "allocator");
    usedW += Math.max(0, deltaW);
    if (isWake) wakes++;
    who.push(slot.view.unit.id);
  }
  const asleepLocked = work.slots.filter(
    (s) => isControllable(s) && s.level === null && s.view.locked && (s.limits?.enterModes.length ?? 0) > 0,
  );
  if (asleepLocked.length > 0) {
    reasons.push({
      rule: "dwell",
      effect: `${units(asleepLocked.length)} not woken`,
      detail: `within their ${policy.dwell.minOffS} s minimum off time: ${listSome(asleepLocked.map((s) => s.view.unit.id))}`,
      inputs: { units: asleepLocked.length, minOffS: policy.dwell.minOffS },
    });
  }
  reasons.push({
    rule: stopRule,
    effect: `+${formatW(work.siteW - startW)}`,
    detail:
      `planned ${formatW(startW)} → ${formatW(work.siteW)} toward target ${formatW(targetW)} ` +
      `(merit-order ideal ${formatW(ideal.idealW)}${binding ? "" : ", target not binding: every allowed unit at its top mode"}): ` +
      `${units(who.length)} raised, ${wakes} woken` +
      `${who.length > 0 ? ` (${listSome(who)})` : ""}; stopped: ${stop}`,
    inputs: {
      beforeW: startW,
      afterW: work.siteW,
      targetW,
      idealW: ideal.idealW,
      wakes,
      moves: who.length,
      rampCreditW: creditW,
    },
  });
  return { usedW, wakes, moves: who.length };
}
