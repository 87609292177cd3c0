import type { GridEvent } from "../../domain/signals.js";

/** Events in force at nowMs: startMs <= now < endMs. */
export function activeEvents(events: readonly GridEvent[], nowMs: number): GridEvent[] {
  return events.filter((e) => e.startMs <= nowMs && nowMs < e.endMs);
}

export function eventLabel(e: GridEvent): string {
  return e.source === undefined ? `event ${e.id}` : `event ${e.id} (${e.source})`;
}

export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
