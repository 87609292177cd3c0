// Mandatory phases: what safety and grid obligations require happens now, even inside a unit's dwell time and even
// for units that are starting or have a command in flight. Units free to move are shed before locked ones.
import type { Reason } from "../../domain/decision.js";
import { formatW, listSome, units } from "../format.js";
import { unitJPerTh } from "./merit.js";
import { isControllable, isFree, moveTo, nextLowerLevel, type Slot, type Work } from "./work.js";

/** Units whose current level the mandatory rules no longer allow (faults, hot coolant) step down or sleep. */
export function enforceUnitSafety(work: Work, reasons: Reason[]): void {
  const overridden: string[] = [];
  for (const slot of work.slots) {
    const limits = slot.mandatoryLimits;
    if (!isControllable(slot) || limits === undefined || slot.level === null) continue;
    if (limits.stayModes.includes(slot.level)) continue;
    // A unit in transition may refuse a mode change (calibrating); sleep is the command every state accepts.
    const to = slot.view.transitioning ? null : nextLowerLevel(slot, limits.stayModes);
    moveTo(work, slot, to, limits.restrictedBy ?? "safety");
    if (!isFree(slot)) overridden.push(slot.view.unit.id);
  }
  if (overridden.length > 0) {
    reasons.push({
      rule: "dwell",
      effect: `overridden for ${units(overridden.length)}`,
      detail: `safety required a step down inside the dwell time or transition of ${listSome(overridden)}`,
      inputs: { units: overridden.length },
    });
  }
}

/** Sleeps whole units, least efficient first, until site power is within the mandatory maximum. */
export function enforceMandatoryMax(work: Work, maxW: number, cause: string, reasons: Reason[]): number {
  if (work.siteW <= maxW) return 0;
  const startW = work.siteW;
  const running = work.slots.filter((s) => isControllable(s) && s.level !== null);
  const key = (s: Slot) => (isFree(s) ? 0 : 1);
  running.sort(
    (a, b) =>
      key(a) - key(b) ||
      unitJPerTh(b) - unitJPerTh(a) ||
      a.view.unit.health.score - b.view.unit.health.score ||
      (a.view.unit.id < b.view.unit.id ? 1 : -1),
  );
  const slept: string[] = [];
  const overridden: string[] = [];
  for (const slot of running) {
    if (work.siteW <= maxW) break;
    moveTo(work, slot, null, cause);
    slept.push(slot.view.unit.id);
    if (!isFree(slot)) overridden.push(slot.view.unit.id);
  }
  reasons.push({
    rule: "allocator",
    effect: `${units(slept.length)} to sleep`,
    detail:
      `${cause} requires at most ${formatW(maxW)}; planned ${formatW(startW)} → ${formatW(work.siteW)} ` +
      `by sleeping the least efficient units: ${listSome(slept)}` +
      (work.siteW > maxW
        ? `; nothing more can be shed (${formatW(work.siteW)} is fixed load and standby)`
        : ""),
    inputs: { maxW, beforeW: startW, afterW: work.siteW, units: slept.length },
  });
  if (overridden.length > 0) {
    reasons.push({
      rule: "dwell",
      effect: `overridden for ${units(overridden.length)}`,
      detail: `${cause} required shedding inside the dwell time or transition of ${listSome(overridden)}`,
      inputs: { units: overridden.length },
    });
  }
  return slept.length;
}
