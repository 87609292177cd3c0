// Demand-response performance from what the store recorded: the site's power history for the baseline, the event
// window at full resolution for latency, the logged decisions, and the other events (their days are never like
// days). One read of the history serves every event asked for.
import type { GridminerConfig } from "../config/schema.js";
import { DEFAULT_POLICY } from "../core/default-policy.js";
import { computeBaseline, DEFAULT_BASELINE, localDate } from "../core/performance/baseline.js";
import { type CapPolicy, eventPerformance } from "../core/performance/event-performance.js";
import type { Baseline, BaselineOptions, EventPerformance } from "../domain/dr-performance.js";
import type { PowerInterval } from "../domain/series.js";
import type { GridEvent } from "../domain/signals.js";
import type { SitePoint, Store, StoredGridEvent } from "../store/store.js";

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** A raw sample stands for the time to the next one, never longer than this: a gap stays a gap. */
const MAX_RAW_GAP_MS = 60_000;

export interface DrSettings {
  readonly baseline: BaselineOptions;
  readonly holidays: readonly string[];
  readonly toleranceW: number;
  readonly policy: CapPolicy;
  readonly timeZone: string;
}

export const DEFAULT_DR_SETTINGS: DrSettings = {
  baseline: DEFAULT_BASELINE,
  holidays: [],
  toleranceW: DEFAULT_POLICY.deadbandW,
  policy: DEFAULT_POLICY,
  timeZone: "Asia/Tokyo",
};

export function drSettingsFromConfig(cfg: GridminerConfig): DrSettings {
  const dr = cfg.demandResponse;
  return {
    baseline: dr.baseline,
    holidays: dr.holidays,
    toleranceW: dr.toleranceW ?? cfg.control.deadbandW,
    policy: {
      importLimitW: cfg.site.importLimitW,
      floorW: cfg.site.floorPowerW,
      shedLevelMaxFraction: DEFAULT_POLICY.shedLevelMaxFraction,
    },
    timeZone: cfg.site.timezone,
  };
}

/** The zone's offset from UTC at an instant, from the platform's time-zone data. */
export function utcOffsetMs(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(atMs);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return local - Math.floor(atMs / 1000) * 1000;
}

function powerOf(p: SitePoint): number {
  return p.measuredPowerW ?? p.reportedPowerW;
}

function rawIntervals(points: readonly SitePoint[]): PowerInterval[] {
  return points.map((p, i) => ({
    startMs: p.atMs,
    durationMs: Math.max(0, Math.min((points[i + 1]?.atMs ?? p.atMs) - p.atMs, MAX_RAW_GAP_MS)),
    powerW: powerOf(p),
  }));
}

function bucketIntervals(points: readonly SitePoint[], bucketMs: number): PowerInterval[] {
  return points.map((p) => ({ startMs: p.atMs, durationMs: bucketMs, powerW: powerOf(p) }));
}

function eventDates(events: readonly StoredGridEvent[], timeZone: string): Set<string> {
  const dates = new Set<string>();
  for (const { event } of events) {
    const offset = utcOffsetMs(timeZone, event.startMs);
    const lastMs = Math.max(event.startMs, event.endMs - 1);
    for (let t = event.startMs; ; t += DAY_MS) {
      dates.add(localDate(Math.min(t, lastMs), offset));
      if (t >= lastMs) break;
    }
  }
  return dates;
}

/**
 * Performance of each given event. Minute averages serve the like days (raw rows are kept only a week);
 * raw samples serve the event day, falling back to minute averages once the raw rows are gone.
 */
export async function performanceOf(
  store: Store,
  events: readonly StoredGridEvent[],
  s: DrSettings,
  nowMs: number,
): Promise<EventPerformance[]> {
  if (events.length === 0) return [];
  const firstStart = Math.min(...events.map((e) => e.event.startMs));
  const lastEnd = Math.max(...events.map((e) => Math.min(e.event.endMs, nowMs)));
  const b = s.baseline;
  const dayWindowMs = Math.max(b.adjustment.fromMinBefore, b.preEventMinutes) * MIN_MS + 30 * MIN_MS;
  const historySince = firstStart - (b.searchDays + 1) * DAY_MS;
  const [minutes, allEvents] = await Promise.all([
    store.telemetry.site({ resolution: "1m", sinceMs: historySince, untilMs: lastEnd, limit: 500_000 }),
    store.events.list({ sinceMs: historySince, untilMs: lastEnd, limit: 10_000 }),
  ]);
  const minuteHistory = bucketIntervals(minutes, MIN_MS);
  const dates = eventDates(allEvents, s.timeZone);
  const holidays = new Set(s.holidays);
  const out: EventPerformance[] = [];
  for (const stored of events) {
    const e: GridEvent = stored.event;
    const until = Math.min(e.endMs, nowMs);
    const daySince = e.startMs - dayWindowMs;
    const raw = await store.telemetry.site({
      resolution: "raw",
      sinceMs: daySince,
      untilMs: until,
      limit: 200_000,
    });
    const firstRawMs = raw[0]?.atMs ?? Number.POSITIVE_INFINITY;
    // Raw rows win unless they have been purged from the start of the window while minute averages remain.
    const rawCoversDay =
      raw.length > 0 &&
      (firstRawMs <= daySince + 5 * MIN_MS ||
        !minuteHistory.some((m) => m.startMs >= daySince && m.startMs < firstRawMs - MIN_MS));
    const eventDay = rawCoversDay
      ? rawIntervals(raw)
      : minuteHistory.filter((m) => m.startMs >= daySince && m.startMs < until);
    // The like days come from minute averages; the event day from the finest rows there are.
    const history = [...minuteHistory.filter((m) => m.startMs + m.durationMs <= daySince), ...eventDay];
    const baseline = computeBaseline(
      {
        startMs: e.startMs,
        endMs: e.endMs,
        history,
        utcOffsetMs: utcOffsetMs(s.timeZone, e.startMs),
        eventDates: dates,
        holidays,
      },
      b,
    );
    const fromMs = Math.max(stored.receivedAtMs, e.startMs);
    const decisions = await store.listDecisions({ sinceMs: fromMs, untilMs: until, limit: 50_000 });
    out.push(
      eventPerformance({
        event: e,
        receivedAtMs: stored.receivedAtMs,
        baseline,
        measured: eventDay,
        samples: (rawCoversDay ? raw : minutes).map((p) => ({ atMs: p.atMs, powerW: powerOf(p) })),
        decisions,
        policy: s.policy,
        toleranceW: s.toleranceW,
        nowMs,
      }),
    );
  }
  return out;
}

/** The baseline for any window (an OpenADR event's span, say), from the stored history before it. */
export async function baselineFromStore(
  store: Store,
  s: DrSettings,
  startMs: number,
  endMs: number,
): Promise<Baseline> {
  const b = s.baseline;
  const historySince = startMs - (b.searchDays + 1) * DAY_MS;
  const [minutes, raw, allEvents] = await Promise.all([
    store.telemetry.site({ resolution: "1m", sinceMs: historySince, untilMs: startMs, limit: 500_000 }),
    store.telemetry.site({
      resolution: "raw",
      sinceMs: startMs - (Math.max(b.adjustment.fromMinBefore, b.preEventMinutes) + 30) * MIN_MS,
      untilMs: startMs,
      limit: 200_000,
    }),
    store.events.list({ sinceMs: historySince, untilMs: endMs, limit: 10_000 }),
  ]);
  const firstRawMs = raw[0]?.atMs ?? Number.POSITIVE_INFINITY;
  const history = [
    ...bucketIntervals(minutes, MIN_MS).filter((m) => m.startMs + m.durationMs <= firstRawMs),
    ...rawIntervals(raw),
  ];
  return computeBaseline(
    {
      startMs,
      endMs,
      history,
      utcOffsetMs: utcOffsetMs(s.timeZone, startMs),
      eventDates: eventDates(allEvents, s.timeZone),
      holidays: new Set(s.holidays),
    },
    b,
  );
}

/**
 * Performance of the grid events that came from one OpenADR event (stored as `<source>:<event id>:<interval id>:<kind>`),
 * keyed by interval id.
 */
export async function performanceOfOpenAdrEvent(
  store: Store,
  s: DrSettings,
  vtnEventId: string,
  startMs: number,
  nowMs: number,
): Promise<Map<number, EventPerformance>> {
  const stored = (await store.events.list({ sinceMs: startMs, untilMs: nowMs, limit: 10_000 })).filter((e) =>
    e.event.id.includes(`:${vtnEventId}:`),
  );
  const byInterval = new Map<number, EventPerformance>();
  for (const p of await performanceOf(store, stored, s, nowMs)) {
    const parts = p.eventId.split(":");
    const intervalId = Number(parts[parts.length - 2]);
    if (!Number.isInteger(intervalId)) continue;
    const held = byInterval.get(intervalId);
    // Several payloads in one interval: the tightest cap is the one the site had to meet.
    if (!held || p.capW < held.capW) byInterval.set(intervalId, p);
  }
  return byInterval;
}
