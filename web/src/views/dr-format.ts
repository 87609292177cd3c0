// Demand-response figures as the performance panel shows them: powers and energies in kW and kWh (settlement
// speaks kWh, so the megawatt switch of the rest of the dashboard would only get in the way), latencies in seconds,
// and the baseline method in words.
import { dateTime, fixed, hourMinute, siteTimeZone } from "../format.js";
import { locale, type MessageKey, t } from "../i18n/index.js";
import type { DrBaseline, EventPerformance, LikeDay } from "../types.js";

const DASH = "—";

export const kw = (w: number | null | undefined): string =>
  w === null || w === undefined ? DASH : fixed(w / 1000, 0);

export const kwh = (v: number | null | undefined): string => fixed(v, 0);

export const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? DASH : `${fixed(v, 1)} %`;

/** Whole seconds when the latency is, tenths otherwise (a 5 s sample period can still give 2.5 s). */
export function latency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return DASH;
  return t("fmt.seconds", { s: fixed(ms / 1000, ms % 1000 === 0 ? 0 : 1) });
}

const siteDate = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: siteTimeZone() }).format(ms);

/** 04-12 13:00 – 15:00 in the site's zone; the end's date only when it differs. */
export function eventWindow(startMs: number, endMs: number): string {
  const sameDay = siteDate(startMs) === siteDate(endMs);
  return `${dateTime(startMs)} – ${sameDay ? hourMinute(endMs) : dateTime(endMs)}`;
}

export const signedKw = (w: number): string => `${w >= 0 ? "+" : "−"}${fixed(Math.abs(w) / 1000, 0)} kW`;

/** "High 4 of 5, +500 kW same-day adjustment", or the fallback that was used instead. */
export function methodText(b: DrBaseline): string {
  switch (b.method) {
    case "high-x-of-y":
      return b.adjustmentW === null
        ? t("dr.method.highNoAdjustment", { x: b.highestWanted, y: b.daysWanted })
        : t("dr.method.high", { x: b.highestWanted, y: b.daysWanted, adj: signedKw(b.adjustmentW) });
    case "pre-event-mean":
      // Like days were looked at only when High X of Y was configured: this is its fallback then.
      return t(b.days.length > 0 ? "dr.method.preEventFallback" : "dr.method.preEvent");
    case "none":
      return t("dr.method.none");
  }
}

/** The server writes its notes in English; the ones it is known to write are shown in the page's language. */
const NOTES: readonly [RegExp, MessageKey, readonly string[]][] = [
  [/^(\d+) of (\d+) like days on record within (\d+) days$/, "dr.note.likeDays", ["n", "m", "d"]],
  [/^no telemetry before the event$/, "dr.note.noTelemetry", []],
  [/^mean of the (\d+) minutes before the event$/, "dr.note.preMean", ["m"]],
  [/^no same-day adjustment: too little telemetry in the adjustment window$/, "dr.note.noAdjustment", []],
];

export function noteText(note: string): string {
  for (const [re, key, names] of NOTES) {
    const m = re.exec(note);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => {
      params[n] = m[i + 1] ?? "";
    });
    return t(key, params);
  }
  return note;
}

export function dayUse(d: LikeDay, highest: number): string {
  if (d.used) return t("dr.day.used");
  return d.excludedBecause ? t(`dr.day.${d.excludedBecause}`, { x: highest }) : DASH;
}

/** 2023-04-11 (Tue): the weekday is what makes a like day. */
export function dayLabel(date: string): string {
  const weekday = new Intl.DateTimeFormat(locale(), { weekday: "short", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
  return `${date} (${weekday})`;
}

/** Duration-weighted mean of slot values, skipping slots without one; null when none has. */
export function slotMean<S extends { startMs: number; endMs: number }>(
  slots: readonly S[],
  value: (s: S) => number | null,
): number | null {
  let sum = 0;
  let ms = 0;
  for (const s of slots) {
    const v = value(s);
    if (v === null) continue;
    sum += v * (s.endMs - s.startMs);
    ms += s.endMs - s.startMs;
  }
  return ms > 0 ? sum / ms : null;
}

/** The means over the evaluated part of the event: the baseline's over every slot, the actual's where measured. */
export function means(p: EventPerformance): { baselineW: number | null; actualW: number | null } {
  return { baselineW: slotMean(p.slots, (s) => s.baselineW), actualW: slotMean(p.slots, (s) => s.actualW) };
}

export const eventName = (p: EventPerformance): string => p.source ?? p.eventId;
