// Event and interval timing (User Guide 3.1.0 §7.3-7.4): absolute [start, end) spans for every interval of an event,
// from the event's default intervalPeriod, each interval's override, the "beginning of time" and "infinity" markers,
// randomizeStart, and (3.1.0) event.duration looping or truncating the set.
import {
  addDuration,
  fixedDurationMs,
  type IsoDuration,
  isBeginningOfTime,
  parseDateTimeMs,
  parseIsoDuration,
} from "./duration.js";
import type { ReceivedEvent } from "./model.js";
import { VERSION_TRAITS } from "./version.js";
import type { WireValuesMap } from "./wire.js";

export interface ResolvedInterval {
  readonly id: number;
  /** Position in event.intervals. */
  readonly index: number;
  readonly startMs: number;
  /** +Infinity for an open-ended (P9999Y) interval. */
  readonly endMs: number;
  readonly payloads: readonly WireValuesMap[];
}

export interface ResolvedEvent {
  readonly intervals: readonly ResolvedInterval[];
  /** Start of the earliest interval; +Infinity when the event has no interval. */
  readonly startMs: number;
  /** End of its lifespan: the latest interval end, or start + event.duration when that is given. */
  readonly endMs: number;
  /** Set when event.duration is longer than the interval set: the set repeats with this period. */
  readonly loopPeriodMs?: number;
  /** Timing fields that could not be read; the intervals concerned are left out. */
  readonly problems: readonly string[];
}

const ZERO: IsoDuration = { negative: false, years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** Resolves every interval of a received event to absolute times. Pure: same input, same spans. */
export function resolveEvent(received: ReceivedEvent): ResolvedEvent {
  const { event, obtainedAtMs } = received;
  const problems: string[] = [];
  const draws = [...received.randomDraws];
  const drawOffset = (randomizeStart: string, where: string): number => {
    const d = parseIsoDuration(randomizeStart);
    const rangeMs = d === undefined ? undefined : fixedDurationMs(d);
    if (rangeMs === undefined) {
      problems.push(
        `${where}.randomizeStart "${randomizeStart}" is not a fixed-length duration; not randomised`,
      );
      return 0;
    }
    const u = draws.shift() ?? 0.5;
    // Uniform over [-|r|, +|r|]: the guide asks for a shift "positive or negative, within the absolute value".
    return Math.round((2 * u - 1) * Math.abs(rangeMs));
  };
  const durationOf = (text: string | undefined, where: string): IsoDuration | undefined => {
    if (text === undefined) return ZERO;
    const d = parseIsoDuration(text);
    if (d === undefined) problems.push(`${where}.duration "${text}" is not an ISO 8601 duration`);
    return d;
  };

  const eventPeriod = event.intervalPeriod;
  let eventStartMs: number | undefined;
  if (eventPeriod?.start !== undefined) {
    eventStartMs = isBeginningOfTime(eventPeriod.start) ? obtainedAtMs : parseDateTimeMs(eventPeriod.start);
    if (eventStartMs === undefined)
      problems.push(`intervalPeriod.start "${eventPeriod.start}" does not parse`);
  }
  const defaultDuration = durationOf(eventPeriod?.duration, "intervalPeriod");
  let offsetMs = eventPeriod?.randomizeStart ? drawOffset(eventPeriod.randomizeStart, "intervalPeriod") : 0;

  const intervals: ResolvedInterval[] = [];
  // Nominal (unrandomised) end of the previous interval: where a "follow on" interval starts before its shift.
  let previousNominalEndMs: number | undefined;
  (event.intervals ?? []).forEach((interval, index) => {
    const where = `intervals[${index}].intervalPeriod`;
    const own = interval.intervalPeriod;
    let nominalStartMs: number | undefined;
    if (own?.start !== undefined && !isBeginningOfTime(own.start)) {
      nominalStartMs = parseDateTimeMs(own.start);
      if (nominalStartMs === undefined) problems.push(`${where}.start "${own.start}" does not parse`);
    } else if (index === 0) {
      // First interval without its own start: the event's start, else "do it now".
      nominalStartMs = eventStartMs ?? obtainedAtMs;
    } else {
      nominalStartMs = previousNominalEndMs;
    }
    if (own?.randomizeStart) offsetMs = drawOffset(own.randomizeStart, where);
    const duration = own?.duration !== undefined ? durationOf(own.duration, where) : defaultDuration;
    if (nominalStartMs === undefined || duration === undefined) {
      previousNominalEndMs = undefined;
      return;
    }
    const nominalEndMs = addDuration(nominalStartMs, duration);
    previousNominalEndMs = nominalEndMs;
    const startMs = nominalStartMs + offsetMs;
    intervals.push({
      id: interval.id,
      index,
      startMs,
      endMs: Number.isFinite(nominalEndMs) ? nominalEndMs + offsetMs : nominalEndMs,
      payloads: interval.payloads,
    });
  });

  const startMs = intervals.reduce((m, i) => Math.min(m, i.startMs), Number.POSITIVE_INFINITY);
  const setEndMs = intervals.reduce((m, i) => Math.max(m, i.endMs), Number.NEGATIVE_INFINITY);
  const base = { intervals, startMs, endMs: intervals.length === 0 ? startMs : setEndMs, problems };
  if (
    !VERSION_TRAITS[received.version].eventDuration ||
    event.duration === undefined ||
    intervals.length === 0
  ) {
    return base;
  }
  const eventDuration = parseIsoDuration(event.duration);
  if (eventDuration === undefined) {
    problems.push(`duration "${event.duration}" is not an ISO 8601 duration`);
    return base;
  }
  const lifespanEndMs = addDuration(startMs, eventDuration);
  const spanMs = setEndMs - startMs;
  if (lifespanEndMs > setEndMs && Number.isFinite(spanMs) && spanMs > 0) {
    return { ...base, endMs: lifespanEndMs, loopPeriodMs: spanMs };
  }
  return { ...base, endMs: lifespanEndMs };
}

/**
 * The intervals in force at tMs (start <= t < end), with the start and end of the occurrence that contains tMs when
 * the set loops, clipped to the event's lifespan. Usually one; several when intervals overlap.
 */
export function intervalsAt(resolved: ResolvedEvent, tMs: number): ResolvedInterval[] {
  if (!(tMs >= resolved.startMs && tMs < resolved.endMs)) return [];
  let shiftMs = 0;
  if (resolved.loopPeriodMs !== undefined) {
    shiftMs = Math.floor((tMs - resolved.startMs) / resolved.loopPeriodMs) * resolved.loopPeriodMs;
  }
  const local = tMs - shiftMs;
  const out: ResolvedInterval[] = [];
  for (const i of resolved.intervals) {
    if (!(local >= i.startMs && local < i.endMs)) continue;
    out.push({ ...i, startMs: i.startMs + shiftMs, endMs: Math.min(i.endMs + shiftMs, resolved.endMs) });
  }
  return out;
}

/** True while some interval of the event is in force: the guide's "active event". */
export function isEventActiveAt(resolved: ResolvedEvent, tMs: number): boolean {
  return intervalsAt(resolved, tMs).length > 0;
}

/** True once every interval has passed (a looping event ends when its lifespan does). */
export function hasEventEnded(resolved: ResolvedEvent, tMs: number): boolean {
  return tMs >= resolved.endMs;
}
