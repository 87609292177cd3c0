// Soft reductions: only units free to move (outside dwell, not in transition) are touched, within the optional
// downward ramp budget. First units whose mode a soft rule no longer allows, then merit-order steps down until the
// site is back at the target, once it is more than the deadband above it.
import type { Reason } from "../../domain/decision.js";
import type { SitePolicy } from "../../domain/policy.js";
import { formatS, formatW, listSome, units } from "../format.js";
import { Heap } from "./heap.js";
import { compareDown, downStep, type Step } from "./merit.js";
import { isControllable, isFree, moveTo, nextLowerLevel, type Work } from "./work.js";

export interface DownBudget {
  remainingW: number;
}

export function downBudget(policy: SitePolicy, elapsedS: number): DownBudget {
  const rate = policy.ramp.downWPerS;
  return { remainingW: rate === undefined ? Number.POSITIVE_INFINITY : rate * elapsedS };
}

/** Steps units out of modes the final envelope no longer allows. Returns the number moved. */
export function enforceUnitLimits(work: Work, budget: DownBudget, reasons: Reason[]): number {
  const held: string[] = [];
  let moved = 0;
  for (const slot of work.slots) {
    const limits = slot.limits;
    if (!isControllable(slot) || limits === undefined || slot.level === null) continue;
    if (limits.stayModes.includes(slot.level)) continue;
    if (!isFree(slot)) {
      const left = slot.view.transitioning ? "in transition" : `${formatS(slot.view.dwellLeftMs)} left`;
      held.push(`${slot.view.unit.id} (${left})`);
      continue;
    }
    if (budget.remainingW <= 0) break;
    budget.remainingW += moveTo(
      work,
      slot,
      nextLowerLevel(slot, limits.stayModes),
      limits.restrictedBy ?? "allocator",
    );
    moved++;
  }
  if (held.length > 0) {
    reasons.push({
      rule: "dwell",
      effect: `${units(held.length)} held`,
      detail: `kept in a mode the rules no longer allow until their minimum on time ends: ${listSome(held)}`,
      inputs: { units: held.length },
    });
  }
  return moved;
}

/** Merit-order steps down while the site is above target + deadband. Returns the number of steps taken. */
export function shedToTarget(
  work: Work,
  targetW: number,
  policy: SitePolicy,
  budget: DownBudget,
  reasons: Reason[],
): number {
  if (work.siteW <= targetW + policy.deadbandW) return 0;
  const startW = work.siteW;
  const queue = new Heap<Step>(compareDown);
  for (const slot of work.slots) {
    if (!isFree(slot) || slot.limits === undefined) continue;
    const s = downStep(slot, slot.limits.stayModes);
    if (s !== undefined) queue.push(s);
  }
  let taken = 0;
  const who: string[] = [];
  while (work.siteW > targetW && budget.remainingW > 0) {
    const step = queue.pop();
    if (step === undefined) break;
    moveTo(work, step.slot, step.to, "allocator");
    budget.remainingW += step.deltaW; // deltaW is negative
    taken++;
    who.push(step.slot.view.unit.id);
    const again =
      step.slot.limits === undefined ? undefined : downStep(step.slot, step.slot.limits.stayModes);
    if (again !== undefined) queue.push(again);
  }
  const locked = work.slots.filter((s) => isControllable(s) && !isFree(s) && s.level !== null).length;
  reasons.push({
    rule: "allocator",
    effect: `${taken} steps down`,
    detail:
      `planned ${formatW(startW)} was more than the ${formatW(policy.deadbandW)} deadband above target ${formatW(targetW)}; ` +
      `stepped down least efficient first (${listSome([...new Set(who)])}) to ${formatW(work.siteW)}` +
      (work.siteW > targetW
        ? budget.remainingW <= 0
          ? `; stopped by the ${formatW(policy.ramp.downWPerS ?? 0)}/s down-ramp limit`
          : `; ${units(locked)} still running held by dwell or in transition`
        : ""),
    inputs: { beforeW: startW, afterW: work.siteW, targetW, deadbandW: policy.deadbandW, steps: taken },
  });
  return taken;
}
