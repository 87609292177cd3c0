import type { GridminerConfig } from "../config/schema.js";
import type { Clock } from "../domain/clock.js";
import type { Baseline, EventPerformance } from "../domain/dr-performance.js";
import type { PowerInterval } from "../domain/series.js";
import {
  baselineColumn,
  buildReport,
  classifyOperatingState,
  deltaUsageColumn,
  demandColumn,
  meanPowerW,
  measureSpan,
  operatingStateColumn,
  preEventMeanBaselineW,
  type ReportColumn,
  type ReportSpan,
  reportSpansFor,
  usageColumn,
} from "../signals/openadr3/reports.js";
import type { OpenAdr3Ven } from "../signals/openadr3/ven.js";
import type { Store } from "../store/store.js";
import type { TickReport } from "./controller.js";
import { baselineFromStore, drSettingsFromConfig, performanceOfOpenAdrEvent } from "./dr-performance.js";

const HOUR_MS = 3_600_000;
/** Keep two days of tick measurements: enough for a pre-event fallback and a day-long event. */
const KEEP_MS = 48 * HOUR_MS;

export interface EventReporterOptions {
  ven: OpenAdr3Ven;
  clientName: string;
  /**
   * The baseline for the event's window from the site's history (High 4 of 5 with same-day adjustment by default).
   * Without it, or when it finds no history, the mean of the hour before the event stands in.
   */
  baseline?: (startMs: number, endMs: number) => Promise<Baseline>;
  /** Performance per event interval id (docs/demand-response.md), for the private compliance and latency payloads. */
  performance?: (eventId: string, startMs: number) => Promise<ReadonlyMap<number, EventPerformance>>;
  onLog?: (line: string) => void;
}

/**
 * Answers every OpenADR event with a report once the event has ended: DEMAND and USAGE per interval from the site's
 * measured power, BASELINE and DELTA_USAGE against the baseline, and OPERATING_STATE.
 */
export class EventReporter {
  private readonly o: EventReporterOptions;
  private readonly measured: PowerInterval[] = [];
  private readonly reported = new Set<string>();
  private lastAtMs: number | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(o: EventReporterOptions) {
    this.o = o;
  }

  /** Records the tick's site power (metered when a meter exists) and reports events that have ended. */
  onTick(t: TickReport): void {
    const atMs = t.decision.nowMs;
    const metered = t.snapshot.meteredImportW;
    const powerW = metered?.ok ? metered.value : t.reportedPowerW;
    if (this.lastAtMs !== undefined && atMs > this.lastAtMs) {
      this.measured.push({ startMs: this.lastAtMs, durationMs: atMs - this.lastAtMs, powerW });
      while ((this.measured[0]?.startMs ?? atMs) < atMs - KEEP_MS) this.measured.shift();
    }
    this.lastAtMs = atMs;
    const ven = this.o.ven;
    for (const received of ven.receivedEvents()) {
      const id = received.event.id;
      if (this.reported.has(id)) continue;
      const resolved = ven.resolvedEvent(id);
      if (!resolved || !Number.isFinite(resolved.endMs) || resolved.endMs > atMs) continue;
      this.reported.add(id);
      const measured = [...this.measured];
      this.pending = this.pending.then(() =>
        this.report(id, received.event.programID, resolved, atMs, measured).catch((e: unknown) =>
          this.o.onLog?.(`OpenADR: report for ${id} failed: ${e instanceof Error ? e.message : String(e)}`),
        ),
      );
    }
  }

  /** Resolves once the reports started so far have been posted (or have failed). */
  settled(): Promise<void> {
    return this.pending;
  }

  private async baselineOf(
    startMs: number,
    endMs: number,
    measured: readonly PowerInterval[],
  ): Promise<{ perSpan: (span: ReportSpan) => number | undefined; label: string }> {
    const b = this.o.baseline ? await this.o.baseline(startMs, endMs) : undefined;
    if (b && b.method !== "none" && b.slots.length > 0) {
      const steps: PowerInterval[] = b.slots.map((s) => ({
        startMs: s.startMs,
        durationMs: s.endMs - s.startMs,
        powerW: s.baselineW,
      }));
      const used = b.days.filter((d) => d.used).length;
      return {
        perSpan: (span) => meanPowerW(measureSpan(steps, span)),
        label: b.method === "high-x-of-y" ? `High ${used} of ${b.daysWanted}` : b.method,
      };
    }
    const w = preEventMeanBaselineW(measured, startMs, HOUR_MS);
    return { perSpan: () => w, label: "pre-event hour" };
  }

  private async report(
    eventId: string,
    programId: string,
    resolved: NonNullable<ReturnType<OpenAdr3Ven["resolvedEvent"]>>,
    untilMs: number,
    measured: readonly PowerInterval[],
  ): Promise<void> {
    const spans = reportSpansFor(resolved, untilMs);
    if (spans.length === 0) return;
    const baseline = await this.baselineOf(resolved.startMs, resolved.endMs, measured);
    const performance = this.o.performance ? await this.o.performance(eventId, resolved.startMs) : new Map();
    const report = buildReport(
      {
        version: this.o.ven.version,
        eventId,
        programId,
        clientName: this.o.clientName,
        resourceName: this.o.clientName,
        reportName: `${this.o.clientName}-${eventId}`,
      },
      spans,
      [
        demandColumn(measured),
        usageColumn(measured),
        baselineColumn(baseline.perSpan),
        deltaUsageColumn(measured, baseline.perSpan),
        ...performanceColumns(spans, performance),
        operatingStateColumn((span) =>
          classifyOperatingState({
            meanPowerW: meanPowerW(measureSpan(measured, span)),
            idleBelowW: 50_000,
            directive: "curtailed",
            faulted: false,
          }),
        ),
      ],
    );
    const result = await this.o.ven.postReport(report);
    this.o.onLog?.(
      result.ok
        ? `OpenADR: reported event ${eventId} (${spans.length} intervals, baseline ${baseline.label})`
        : `OpenADR: report for ${eventId} failed: ${result.error.message}`,
    );
  }
}

/** Private payload types (the Definition allows them) for what the standard ones cannot carry. */
export const COMPLIANCE_PAYLOAD = "X_GRIDMINER_DR_COMPLIANCE";
export const LATENCY_PAYLOAD = "X_GRIDMINER_DR_RESPONSE_LATENCY";

/**
 * Compliance (%) and response latency (s) per interval, each only when every interval has one: a missing value
 * would otherwise mark the whole interval's data quality.
 */
function performanceColumns(
  spans: readonly ReportSpan[],
  byInterval: ReadonlyMap<number, EventPerformance>,
): ReportColumn[] {
  const columns: ReportColumn[] = [];
  const compliance = spans.map((s) => byInterval.get(s.id)?.compliancePct ?? null);
  if (compliance.every((v) => v !== null))
    columns.push({
      descriptor: { payloadType: COMPLIANCE_PAYLOAD, readingType: "SUMMED", units: "PERCENT" },
      valueOf: (span) => ({
        value: Math.round((byInterval.get(span.id)?.compliancePct ?? 0) * 10) / 10,
        quality: "OK",
      }),
    });
  const latency = spans.map((s) => byInterval.get(s.id)?.responseLatencyMs ?? null);
  if (latency.every((v) => v !== null))
    columns.push({
      descriptor: { payloadType: LATENCY_PAYLOAD, readingType: "DIRECT_READ", units: "S" },
      valueOf: (span) => ({ value: (byInterval.get(span.id)?.responseLatencyMs ?? 0) / 1000, quality: "OK" }),
    });
  return columns;
}

/** The reporter `run`, `serve` and `demo` use: baselines and performance from the site's stored history. */
export function eventReporterFor(o: {
  cfg: GridminerConfig;
  ven: OpenAdr3Ven | undefined;
  store: Store;
  clock: Clock;
  onLog: (line: string) => void;
}): EventReporter | undefined {
  if (!o.ven) return undefined;
  const settings = drSettingsFromConfig(o.cfg);
  return new EventReporter({
    ven: o.ven,
    clientName: o.cfg.signals.openadr3?.venName ?? "gridminer",
    baseline: (startMs, endMs) => baselineFromStore(o.store, settings, startMs, endMs),
    performance: (eventId, startMs) =>
      performanceOfOpenAdrEvent(o.store, settings, eventId, startMs, o.clock.nowMs()),
    onLog: o.onLog,
  });
}
