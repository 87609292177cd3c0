// Demand-response baseline from the site's own history. The default is the ERAB guideline's "High 4 of 5 with
// same-day adjustment" (Japan): of the most recent like days without an event, keep the highest-usage ones in the
// event window, average them per 30-minute slot, then shift the profile by how far the event day ran above or below
// it in the hours before the event. Pure: the caller passes history, calendar facts and the site's UTC offset.
import type {
  Baseline,
  BaselineDay,
  BaselineOptions,
  BaselineSlot,
  DayType,
} from "../../domain/dr-performance.js";
import type { PowerInterval } from "../../domain/series.js";

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export const DEFAULT_BASELINE: BaselineOptions = {
  method: "high-x-of-y",
  weekdayDays: 5,
  weekdayHighest: 4,
  nonWeekdayDays: 3,
  nonWeekdayHighest: 2,
  lowUsageShare: 0.25,
  searchDays: 30,
  minCoverage: 0.9,
  slotMinutes: 30,
  adjustment: { enabled: true, fromMinBefore: 240, toMinBefore: 60, capShare: null },
  preEventMinutes: 60,
};

export interface BaselineInput {
  readonly startMs: number;
  readonly endMs: number;
  /** Measured site power: each interval's mean power. Unordered input is fine. */
  readonly history: readonly PowerInterval[];
  /** Site offset from UTC at the event (Japan: +9 h). */
  readonly utcOffsetMs: number;
  /** Local dates (YYYY-MM-DD) on which some event applied: never like days. */
  readonly eventDates: ReadonlySet<string>;
  /** Local dates counted as non-weekdays besides Saturdays and Sundays. */
  readonly holidays: ReadonlySet<string>;
}

export function localDate(ms: number, utcOffsetMs: number): string {
  return new Date(ms + utcOffsetMs).toISOString().slice(0, 10);
}

export function dayTypeOf(date: string, holidays: ReadonlySet<string>): DayType {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 || holidays.has(date) ? "non-weekday" : "weekday";
}

interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/** Mean power over the covered part of [startMs, endMs), and the covered time. */
export function meanOver(
  history: readonly PowerInterval[],
  span: Span,
): { meanW: number | null; coveredMs: number } {
  let energy = 0;
  let covered = 0;
  for (const m of history) {
    const overlap = Math.min(span.endMs, m.startMs + m.durationMs) - Math.max(span.startMs, m.startMs);
    if (overlap <= 0) continue;
    energy += m.powerW * overlap;
    covered += overlap;
  }
  return { meanW: covered > 0 ? energy / covered : null, coveredMs: covered };
}

/** The event window cut at local slot boundaries (:00 and :30 by default); the first and last may be partial. */
export function eventSlots(startMs: number, endMs: number, utcOffsetMs: number, slotMinutes: number): Span[] {
  const slotMs = slotMinutes * MIN_MS;
  const spans: Span[] = [];
  let from = startMs;
  while (from < endMs) {
    const local = from + utcOffsetMs;
    const next = Math.min(endMs, local - (((local % slotMs) + slotMs) % slotMs) + slotMs - utcOffsetMs);
    spans.push({ startMs: from, endMs: next });
    from = next;
  }
  return spans;
}

function shift(span: Span, byMs: number): Span {
  return { startMs: span.startMs - byMs, endMs: span.endMs - byMs };
}

function windowMean(
  history: readonly PowerInterval[],
  spans: readonly Span[],
  byMs: number,
  minCoverage: number,
) {
  let energy = 0;
  let covered = 0;
  let total = 0;
  for (const s of spans) {
    const m = meanOver(history, shift(s, byMs));
    if (m.meanW !== null) energy += m.meanW * m.coveredMs;
    covered += m.coveredMs;
    total += s.endMs - s.startMs;
  }
  return covered >= minCoverage * total && covered > 0 ? energy / covered : null;
}

function preEventBaseline(
  input: BaselineInput,
  o: BaselineOptions,
  spans: readonly Span[],
  base: PartialBaseline,
) {
  const pre = meanOver(input.history, {
    startMs: input.startMs - o.preEventMinutes * MIN_MS,
    endMs: input.startMs,
  });
  if (pre.meanW === null)
    return {
      ...base,
      method: "none" as const,
      slots: [],
      notes: [...base.notes, "no telemetry before the event"],
    };
  const w = pre.meanW;
  return {
    ...base,
    method: "pre-event-mean" as const,
    slots: spans.map((s) => ({ ...s, unadjustedW: w, baselineW: w })),
    notes: [...base.notes, `mean of the ${o.preEventMinutes} minutes before the event`],
  };
}

type PartialBaseline = Omit<Baseline, "method" | "slots">;

export function computeBaseline(input: BaselineInput, o: BaselineOptions = DEFAULT_BASELINE): Baseline {
  const spans = eventSlots(input.startMs, input.endMs, input.utcOffsetMs, o.slotMinutes);
  const eventDate = localDate(input.startMs, input.utcOffsetMs);
  const dayType = dayTypeOf(eventDate, input.holidays);
  const daysWanted = dayType === "weekday" ? o.weekdayDays : o.nonWeekdayDays;
  const highestWanted = dayType === "weekday" ? o.weekdayHighest : o.nonWeekdayHighest;
  const base: PartialBaseline = {
    dayType,
    daysWanted,
    highestWanted,
    days: [],
    adjustmentW: null,
    notes: [],
  };
  if (o.method === "pre-event-mean") return preEventBaseline(input, o, spans, base);

  // Like days, newest first: same day type, no event that day, enough telemetry in the window.
  const looked: BaselineDay[] = [];
  const candidates: { date: string; back: number; meanW: number }[] = [];
  for (let back = 1; back <= o.searchDays && candidates.length < daysWanted; back++) {
    const date = localDate(input.startMs - back * DAY_MS, input.utcOffsetMs);
    if (dayTypeOf(date, input.holidays) !== dayType) continue;
    if (input.eventDates.has(date)) {
      looked.push({ date, meanW: null, used: false, excludedBecause: "event-day" });
      continue;
    }
    const meanW = windowMean(input.history, spans, back * DAY_MS, o.minCoverage);
    if (meanW === null) {
      looked.push({ date, meanW: null, used: false, excludedBecause: "no-data" });
      continue;
    }
    candidates.push({ date, back, meanW });
  }
  const average = candidates.reduce((s, c) => s + c.meanW, 0) / Math.max(1, candidates.length);
  const kept = candidates.filter((c) => c.meanW >= o.lowUsageShare * average);
  const chosen = [...kept].sort((a, b) => b.meanW - a.meanW || a.back - b.back).slice(0, highestWanted);
  const chosenDates = new Set(chosen.map((c) => c.date));
  const days: BaselineDay[] = [
    ...looked,
    ...candidates.map((c): BaselineDay => {
      if (chosenDates.has(c.date)) return { date: c.date, meanW: c.meanW, used: true };
      const reason = kept.includes(c) ? "not-highest" : "low-usage";
      return { date: c.date, meanW: c.meanW, used: false, excludedBecause: reason };
    }),
  ].sort((a, b) => (a.date < b.date ? 1 : -1));
  const notes: string[] = [];
  if (candidates.length < daysWanted)
    notes.push(`${candidates.length} of ${daysWanted} like days on record within ${o.searchDays} days`);
  if (chosen.length === 0) return preEventBaseline(input, o, spans, { ...base, days, notes });

  const profile = (span: Span): number => {
    let sum = 0;
    let n = 0;
    for (const c of chosen) {
      const m = meanOver(input.history, shift(span, c.back * DAY_MS)).meanW;
      if (m === null) continue;
      sum += m;
      n++;
    }
    return n > 0 ? sum / n : 0;
  };
  const unadjusted = spans.map((s) => ({ ...s, unadjustedW: profile(s) }));

  let adjustmentW: number | null = null;
  if (o.adjustment.enabled) {
    const window = {
      startMs: input.startMs - o.adjustment.fromMinBefore * MIN_MS,
      endMs: input.startMs - o.adjustment.toMinBefore * MIN_MS,
    };
    const actual = meanOver(input.history, window);
    const windowSlots = eventSlots(window.startMs, window.endMs, input.utcOffsetMs, o.slotMinutes);
    const expected =
      windowSlots.length > 0
        ? windowSlots.reduce((s, w) => s + profile(w) * (w.endMs - w.startMs), 0) /
          (window.endMs - window.startMs)
        : null;
    if (
      actual.meanW !== null &&
      actual.coveredMs >= o.minCoverage * (window.endMs - window.startMs) &&
      expected !== null
    ) {
      adjustmentW = actual.meanW - expected;
      if (o.adjustment.capShare !== null) {
        const meanUnadjusted =
          unadjusted.reduce((s, u) => s + u.unadjustedW, 0) / Math.max(1, unadjusted.length);
        const bound = o.adjustment.capShare * meanUnadjusted;
        adjustmentW = Math.max(-bound, Math.min(bound, adjustmentW));
      }
    } else notes.push("no same-day adjustment: too little telemetry in the adjustment window");
  }
  const slots: BaselineSlot[] = unadjusted.map((u) => ({
    ...u,
    baselineW: Math.max(0, u.unadjustedW + (adjustmentW ?? 0)),
  }));
  return { ...base, method: "high-x-of-y", days, adjustmentW, slots, notes };
}
