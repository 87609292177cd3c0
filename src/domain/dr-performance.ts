// Demand-response performance: what the site would have drawn without an event (the baseline), what it drew, and
// how fast and how fully it answered. Powers W, energies kWh, times ms since the epoch.

/** How the baseline is built. "high-x-of-y" is Japan's ERAB standard, High 4 of 5 with same-day adjustment. */
export interface BaselineOptions {
  readonly method: "high-x-of-y" | "pre-event-mean";
  /** Like days looked at (Y) and kept (X, the highest usage in the event window), for weekdays. */
  readonly weekdayDays: number;
  readonly weekdayHighest: number;
  /** The same for weekends and holidays. */
  readonly nonWeekdayDays: number;
  readonly nonWeekdayHighest: number;
  /** A day whose event-window usage is below this share of the candidates' average is left out. */
  readonly lowUsageShare: number;
  /** Calendar days searched back for like days before giving up. */
  readonly searchDays: number;
  /** A day counts only when telemetry covers at least this share of its event window. */
  readonly minCoverage: number;
  readonly slotMinutes: number;
  /** Same-day adjustment: actual minus baseline over [start - fromMinBefore, start - toMinBefore), added to every slot. */
  readonly adjustment: {
    readonly enabled: boolean;
    readonly fromMinBefore: number;
    readonly toMinBefore: number;
    /** Largest adjustment as a share of the unadjusted baseline; null leaves it unbounded. */
    readonly capShare: number | null;
  };
  /** Lookback of the pre-event-mean method, and of the fallback when no like day is on record. */
  readonly preEventMinutes: number;
}

export type DayType = "weekday" | "non-weekday";

export interface BaselineDay {
  /** Local calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Mean power over the event window on that day; null without enough telemetry. */
  readonly meanW: number | null;
  readonly used: boolean;
  readonly excludedBecause?: "event-day" | "no-data" | "low-usage" | "not-highest";
}

export interface BaselineSlot {
  readonly startMs: number;
  readonly endMs: number;
  readonly unadjustedW: number;
  readonly baselineW: number;
}

export interface Baseline {
  /** The method actually used: a fallback shows here when too few like days were on record. */
  readonly method: "high-x-of-y" | "pre-event-mean" | "none";
  readonly dayType: DayType;
  readonly daysWanted: number;
  readonly highestWanted: number;
  readonly days: readonly BaselineDay[];
  /** Same-day adjustment added to every slot; null when not applied. */
  readonly adjustmentW: number | null;
  readonly slots: readonly BaselineSlot[];
  readonly notes: readonly string[];
}

export interface PerformanceSlot extends BaselineSlot {
  /** Mean measured power; null without telemetry in the slot. */
  readonly actualW: number | null;
  /** The most the event allowed in the slot. */
  readonly capW: number;
  readonly requestedReductionW: number;
  /** baseline - actual; negative when the site drew more than its baseline. */
  readonly deliveredReductionW: number | null;
}

export interface EventPerformance {
  readonly eventId: string;
  readonly kind: string;
  readonly source: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly receivedAtMs: number;
  /** Evaluated up to here: the event's end, or now while it runs. */
  readonly evaluatedUntilMs: number;
  readonly status: "complete" | "in-progress";
  readonly capW: number;
  readonly toleranceW: number;
  readonly baseline: Baseline;
  readonly slots: readonly PerformanceSlot[];
  readonly baselineKwh: number;
  readonly actualKwh: number;
  readonly requestedReductionKwh: number;
  readonly deliveredReductionKwh: number;
  readonly meanDeliveredReductionW: number | null;
  /** Requested reduction delivered, slot by slot and capped at what was asked, in percent; null when none was asked. */
  readonly compliancePct: number | null;
  /** Share of the measured event time at or under the cap (plus tolerance), in percent. */
  readonly capHeldPct: number | null;
  /** From the later of receipt and start to the first measurement at or under the cap; 0 when already under. */
  readonly responseLatencyMs: number | null;
  /** From the same instant to the first decision whose target is at or under the cap. */
  readonly decisionLatencyMs: number | null;
}
