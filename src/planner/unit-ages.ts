// Individual units of a group replayed slot by slot: since when each one is on or asleep. This is what minimum up
// and down times mean, stated without the model's aggregated rows: a unit may be put to sleep once it has run
// its minimum up time, and woken once it has slept its minimum down time.
import type { UnitGroup } from "./input.js";

export class GroupUnitAges {
  readonly #onSinceMs: number[] = [];
  readonly #offSinceMs: number[] = [];
  readonly #upMs: number;
  readonly #downMs: number;

  constructor(group: UnitGroup, horizonStartMs: number, slotMs: number) {
    this.#upMs = Math.max(1, group.minUpSlots) * slotMs;
    this.#downMs = Math.max(1, group.minDownSlots) * slotMs;
    for (const c of group.initial.running) {
      for (let i = 0; i < c.count; i++) this.#onSinceMs.push(horizonStartMs - c.onForMs);
    }
    for (const c of group.initial.sleeping ?? []) {
      for (let i = 0; i < c.count; i++) this.#offSinceMs.push(horizonStartMs - c.offForMs);
    }
    while (this.#onSinceMs.length + this.#offSinceMs.length < group.count) {
      this.#offSinceMs.push(Number.NEGATIVE_INFINITY);
    }
  }

  get running(): number {
    return this.#onSinceMs.length;
  }

  /** Running units that have run their minimum up time at atMs. */
  mayStop(atMs: number): number {
    return this.#onSinceMs.filter((since) => atMs - since >= this.#upMs).length;
  }

  /** Sleeping units that have slept their minimum down time at atMs. */
  mayStart(atMs: number): number {
    return this.#offSinceMs.filter((since) => atMs - since >= this.#downMs).length;
  }

  /**
   * Applies a slot's sleeps, then its wakes. The units that have run longest go to sleep and those that have slept
   * longest wake: any other choice among eligible units leaves the same eligible pool later, so if any unit-level
   * schedule fits the counts, this one does.
   */
  apply(atMs: number, stops: number, starts: number): void {
    this.#onSinceMs.sort((a, b) => a - b);
    this.#offSinceMs.sort((a, b) => a - b);
    const stopped = this.#onSinceMs.splice(0, Math.min(stops, this.#onSinceMs.length));
    const woken = this.#offSinceMs.splice(0, Math.min(starts, this.#offSinceMs.length));
    for (let i = 0; i < stopped.length; i++) this.#offSinceMs.push(atMs);
    for (let i = 0; i < woken.length; i++) this.#onSinceMs.push(atMs);
  }
}
