import { performance } from "node:perf_hooks";
import type { Clock } from "../domain/clock.js";

/** Emulated time that runs `speed` times faster than wall time, starting at `startMs` (default: now). */
export function createScaledClock(speed: number, startMs: number = Date.now()): Clock {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`speed ${speed}: expected a finite number > 0`);
  const wallStart = performance.now();
  return { nowMs: () => startMs + (performance.now() - wallStart) * speed };
}

/** A clock that moves only when told to: for tests and step-by-step scenarios. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(startMs: number) {
    this.ms = startMs;
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error("a manual clock cannot run backwards");
    this.ms += ms;
  }

  set(ms: number): void {
    if (ms < this.ms) throw new Error("a manual clock cannot run backwards");
    this.ms = ms;
  }
}
