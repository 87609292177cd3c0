// The virtual clock. Decisions fall on a tick grid that restarts at every slot start (where prices change), but a
// tick is only simulated when something can happen in it: after a decision that sent commands or asked again, at
// a slot start, when a unit finishes booting or ramping, or when a dwell time ends. Between those instants nothing
// the dispatcher reads changes, so skipping the ticks in between gives the same decisions as running every tick.
import type { UnitCommand } from "../../domain/decision.js";
import type { FleetSim } from "./fleet.js";
import type { Integral } from "./integrate.js";

/** Sorted, non-overlapping accounting slots (price intervals); gaps between them are simulated but not counted. */
export interface SlotTimes {
  readonly length: number;
  readonly startMs: ArrayLike<number>;
  readonly durationMs: ArrayLike<number>;
}

export interface ControlStep {
  readonly commands: readonly UnitCommand[];
  /** Decide again one tick later even if nothing changes in between (e.g. wakes left for the next tick). */
  readonly again: boolean;
}

export interface FleetController {
  /** Called at `nowMs` inside slot `slot`; `slotStart` is true on the slot's first decision. */
  step(fleet: FleetSim, slot: number, nowMs: number, slotStart: boolean): ControlStep;
}

export interface FleetRunOptions {
  /** Decision period, ms. */
  readonly tickMs: number;
  /** Called after each slot with the number of slots done. */
  readonly onProgress?: (slotsDone: number) => void;
}

export interface FleetRun {
  /** Energy drawn by the units in each slot (auxiliaries not included), Wh. */
  readonly energyWh: Float64Array;
  /** Work done in each slot, TH (10^12 hashes). */
  readonly hashTh: Float64Array;
  readonly decisions: number;
  readonly commandsSent: number;
  readonly commandsRefused: number;
}

export function runFleet(
  fleet: FleetSim,
  slots: SlotTimes,
  controller: FleetController,
  o: FleetRunOptions,
): FleetRun {
  if (!(o.tickMs > 0)) throw new RangeError(`tick must be > 0 ms, got ${o.tickMs}`);
  const n = slots.length;
  const energyWh = new Float64Array(n);
  const hashTh = new Float64Array(n);
  let decisions = 0;
  let sent = 0;
  let refused = 0;
  let t = fleet.atMs;
  for (let i = 0; i < n; i++) {
    const startMs = slots.startMs[i] as number;
    const endMs = startMs + (slots.durationMs[i] as number);
    if (t < startMs) {
      fleet.advanceTo(startMs);
      fleet.settle();
      t = startMs;
    }
    const acc: Integral = { energyWh: 0, hashTh: 0 };
    let first = true;
    while (t < endMs) {
      const step = controller.step(fleet, i, t, first);
      first = false;
      decisions++;
      if (step.commands.length > 0) {
        const r = fleet.apply(step.commands);
        sent += step.commands.length;
        refused += r.refused;
      }
      let next: number;
      if (step.again) next = t + o.tickMs;
      else {
        const eventMs = fleet.nextEventMs();
        next =
          eventMs === Number.POSITIVE_INFINITY
            ? endMs
            : startMs + Math.max(1, Math.ceil((eventMs - startMs) / o.tickMs)) * o.tickMs;
        if (next <= t) next = t + o.tickMs;
      }
      if (next > endMs) next = endMs;
      fleet.advanceTo(next, acc);
      fleet.settle();
      t = next;
    }
    energyWh[i] = acc.energyWh;
    hashTh[i] = acc.hashTh;
    o.onProgress?.(i + 1);
  }
  return { energyWh, hashTh, decisions, commandsSent: sent, commandsRefused: refused };
}
