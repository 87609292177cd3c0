import type { PowerInterval } from "../domain/series.js";
import {
  baselineColumn,
  buildReport,
  classifyOperatingState,
  demandColumn,
  meanPowerW,
  measureSpan,
  operatingStateColumn,
  preEventMeanBaselineW,
  reportSpansFor,
  usageColumn,
} from "../signals/openadr3/reports.js";
import type { OpenAdr3Ven } from "../signals/openadr3/ven.js";
import type { TickReport } from "./controller.js";

const HOUR_MS = 3_600_000;
/** Keep two days of tick measurements: enough for a pre-event baseline and a day-long event. */
const KEEP_MS = 48 * HOUR_MS;

/**
 * Answers every OpenADR event with a report once the event has ended: DEMAND and USAGE per interval from the site's
 * measured power, a pre-event BASELINE (mean of the hour before), and OPERATING_STATE.
 */
export class EventReporter {
  private readonly ven: OpenAdr3Ven;
  private readonly clientName: string;
  private readonly measured: PowerInterval[] = [];
  private readonly reported = new Set<string>();
  private lastAtMs: number | undefined;
  private readonly onLog: (line: string) => void;

  constructor(ven: OpenAdr3Ven, clientName: string, onLog: (line: string) => void = () => undefined) {
    this.ven = ven;
    this.clientName = clientName;
    this.onLog = onLog;
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
    for (const received of this.ven.receivedEvents()) {
      const id = received.event.id;
      if (this.reported.has(id)) continue;
      const resolved = this.ven.resolvedEvent(id);
      if (!resolved || !Number.isFinite(resolved.endMs) || resolved.endMs > atMs) continue;
      this.reported.add(id);
      void this.report(id, received.event.programID, resolved, atMs);
    }
  }

  private async report(
    eventId: string,
    programId: string,
    resolved: NonNullable<ReturnType<OpenAdr3Ven["resolvedEvent"]>>,
    untilMs: number,
  ): Promise<void> {
    const spans = reportSpansFor(resolved, untilMs);
    if (spans.length === 0) return;
    const baselineW = preEventMeanBaselineW(this.measured, resolved.startMs, HOUR_MS);
    const report = buildReport(
      {
        version: this.ven.version,
        eventId,
        programId,
        clientName: this.clientName,
        resourceName: this.clientName,
        reportName: `${this.clientName}-${eventId}`,
      },
      spans,
      [
        demandColumn(this.measured),
        usageColumn(this.measured),
        ...(baselineW === undefined ? [] : [baselineColumn(baselineW)]),
        operatingStateColumn((span) =>
          classifyOperatingState({
            meanPowerW: meanPowerW(measureSpan(this.measured, span)),
            idleBelowW: 50_000,
            directive: "curtailed",
            faulted: false,
          }),
        ),
      ],
    );
    const result = await this.ven.postReport(report);
    this.onLog(
      result.ok
        ? `OpenADR: reported event ${eventId} (${spans.length} intervals)`
        : `OpenADR: report for ${eventId} failed: ${result.error.message}`,
    );
  }
}
