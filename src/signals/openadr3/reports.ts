// Reports a VEN posts back (DEMAND, USAGE, BASELINE, OPERATING_STATE), built from the site's measured power. Pure: the
// caller supplies the measured series and the intervals to report on (usually the event's, so ids match its
// intervals, User Guide §7.5), and gets the request body for its version.
import type { PowerInterval } from "../../domain/series.js";
import { formatIsoDuration } from "./duration.js";
import type { ResolvedEvent } from "./intervals.js";
import { type EnergyUnit, type PowerUnit, whToEnergy, wToPower } from "./units.js";
import { type OadrVersion, VERSION_TRAITS } from "./version.js";
import type {
  WireInterval,
  WireReport,
  WireReportPayloadDescriptor,
  WireValue,
  WireValuesMap,
} from "./wire.js";

/** One reporting interval: the id of the event interval it answers and its finite span. */
export interface ReportSpan {
  readonly id: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** Data quality enumerations (Definition 3.1.0 Table 6). */
export type DataQuality = "OK" | "MISSING" | "ESTIMATED" | "BAD";

/** Operating state enumerations (Definition 3.1.0 Table 4). */
export type OperatingState =
  | "NORMAL"
  | "ERROR"
  | "IDLE_NORMAL"
  | "RUNNING_NORMAL"
  | "RUNNING_CURTAILED"
  | "RUNNING_HEIGHTENED"
  | "IDLE_CURTAILED"
  | "SGD_ERROR_CONDITION"
  | "IDLE_HEIGHTENED"
  | "IDLE_OPTED_OUT"
  | "RUNNING_OPTED_OUT";

export interface Measured {
  readonly energyWh: number;
  /** Part of the span covered by measurements. */
  readonly coveredMs: number;
  readonly spanMs: number;
}

export interface ColumnValue {
  readonly value: WireValue;
  readonly quality: DataQuality;
}

/** One payload type of a report: its descriptor and its value for each span. */
export interface ReportColumn {
  readonly descriptor: Omit<WireReportPayloadDescriptor, "objectType">;
  readonly valueOf: (span: ReportSpan) => ColumnValue;
}

export interface ReportContext {
  readonly version: OadrVersion;
  readonly eventId: string;
  /** Sent in 3.0.1 only, where report.programID is required. */
  readonly programId: string;
  readonly clientName: string;
  /** The site as one resource; AGGREGATED_REPORT when it sums several resources (Definition Table 5). */
  readonly resourceName: string;
  readonly reportName?: string;
}

const MS_PER_H = 3_600_000;

/** Energy and coverage of the measured series within a span; measurements are average power over their interval. */
export function measureSpan(measured: readonly PowerInterval[], span: ReportSpan): Measured {
  let energyWh = 0;
  let coveredMs = 0;
  for (const m of measured) {
    const overlapMs = Math.min(span.endMs, m.startMs + m.durationMs) - Math.max(span.startMs, m.startMs);
    if (overlapMs <= 0) continue;
    energyWh += (m.powerW * overlapMs) / MS_PER_H;
    coveredMs += overlapMs;
  }
  return { energyWh, coveredMs, spanMs: span.endMs - span.startMs };
}

export function qualityOf(m: Measured): DataQuality {
  if (m.coveredMs <= 0) return "MISSING";
  return m.coveredMs >= m.spanMs ? "OK" : "ESTIMATED";
}

/** Mean power over the covered part of the span, or undefined without any measurement. */
export function meanPowerW(m: Measured): number | undefined {
  return m.coveredMs > 0 ? (m.energyWh * MS_PER_H) / m.coveredMs : undefined;
}

/** Energy over the whole span; a partly covered span is extrapolated at its mean power (quality ESTIMATED). */
export function usageWh(m: Measured): number | undefined {
  const mean = meanPowerW(m);
  if (mean === undefined) return undefined;
  return m.coveredMs >= m.spanMs ? m.energyWh : (mean * m.spanMs) / MS_PER_H;
}

/** DEMAND: mean real power per interval (readingType MEAN), in `unit` (default KW). */
export function demandColumn(measured: readonly PowerInterval[], unit: PowerUnit = "KW"): ReportColumn {
  return {
    descriptor: { payloadType: "DEMAND", readingType: "MEAN", units: unit },
    valueOf: (span) => {
      const m = measureSpan(measured, span);
      const w = meanPowerW(m);
      return { value: w === undefined ? 0 : wToPower(w, unit), quality: qualityOf(m) };
    },
  };
}

/** USAGE: energy per interval (readingType DIRECT_READ), in `unit` (default KWH). */
export function usageColumn(measured: readonly PowerInterval[], unit: EnergyUnit = "KWH"): ReportColumn {
  return {
    descriptor: { payloadType: "USAGE", readingType: "DIRECT_READ", units: unit },
    valueOf: (span) => {
      const m = measureSpan(measured, span);
      const wh = usageWh(m);
      return { value: wh === undefined ? 0 : whToEnergy(wh, unit), quality: qualityOf(m) };
    },
  };
}

/**
 * BASELINE: the power the site would have drawn without the event (readingType ESTIMATED, a demand in `unit`).
 * `baselineW` is one value for every span or a function of the span; undefined means no baseline (MISSING).
 */
export function baselineColumn(
  baselineW: number | ((span: ReportSpan) => number | undefined),
  unit: PowerUnit = "KW",
): ReportColumn {
  return {
    descriptor: { payloadType: "BASELINE", readingType: "ESTIMATED", units: unit },
    valueOf: (span) => {
      const w = typeof baselineW === "number" ? baselineW : baselineW(span);
      return w === undefined ? { value: 0, quality: "MISSING" } : { value: wToPower(w, unit), quality: "OK" };
    },
  };
}

/**
 * DELTA_USAGE: energy used minus the baseline's energy over each interval ("change in usage as compared to a
 * baseline", Definition 3.1.0), so a reduction is negative. MISSING without a measurement or a baseline.
 */
export function deltaUsageColumn(
  measured: readonly PowerInterval[],
  baselineW: (span: ReportSpan) => number | undefined,
  unit: EnergyUnit = "KWH",
): ReportColumn {
  return {
    descriptor: { payloadType: "DELTA_USAGE", readingType: "DIRECT_READ", units: unit },
    valueOf: (span) => {
      const m = measureSpan(measured, span);
      const wh = usageWh(m);
      const b = baselineW(span);
      if (wh === undefined || b === undefined) return { value: 0, quality: "MISSING" };
      return {
        value: whToEnergy(wh - (b * (span.endMs - span.startMs)) / MS_PER_H, unit),
        quality: qualityOf(m),
      };
    },
  };
}

/** OPERATING_STATE per interval, from a classification the caller makes (see classifyOperatingState). */
export function operatingStateColumn(stateOf: (span: ReportSpan) => OperatingState): ReportColumn {
  return {
    descriptor: { payloadType: "OPERATING_STATE" },
    valueOf: (span) => ({ value: stateOf(span), quality: "OK" }),
  };
}

export interface OperatingFacts {
  readonly meanPowerW: number | undefined;
  /** Below this the site counts as idle (no significant consumption). */
  readonly idleBelowW: number;
  /** What the grid asked for in the interval. */
  readonly directive: "none" | "curtailed" | "heightened" | "opted-out";
  readonly faulted: boolean;
}

/** The CTA-2045-style state of the site as one resource. No measurement counts as an error (not addressable). */
export function classifyOperatingState(f: OperatingFacts): OperatingState {
  if (f.faulted || f.meanPowerW === undefined) return "ERROR";
  const running = f.meanPowerW >= f.idleBelowW;
  switch (f.directive) {
    case "curtailed":
      return running ? "RUNNING_CURTAILED" : "IDLE_CURTAILED";
    case "heightened":
      return running ? "RUNNING_HEIGHTENED" : "IDLE_HEIGHTENED";
    case "opted-out":
      return running ? "RUNNING_OPTED_OUT" : "IDLE_OPTED_OUT";
    default:
      return running ? "RUNNING_NORMAL" : "IDLE_NORMAL";
  }
}

/** Mean measured power over [eventStartMs - lookbackMs, eventStartMs): a simple pre-event baseline. */
export function preEventMeanBaselineW(
  measured: readonly PowerInterval[],
  eventStartMs: number,
  lookbackMs: number,
): number | undefined {
  return meanPowerW(
    measureSpan(measured, { id: -1, startMs: eventStartMs - lookbackMs, endMs: eventStartMs }),
  );
}

/**
 * The event's intervals that have started by untilMs, each clipped to untilMs: what a historical report covers.
 * Open-ended intervals are reported up to untilMs.
 */
export function reportSpansFor(resolved: ResolvedEvent, untilMs: number): ReportSpan[] {
  return resolved.intervals
    .filter((i) => Number.isFinite(i.startMs) && i.startMs < untilMs)
    .map((i) => ({ id: i.id, startMs: i.startMs, endMs: Math.min(i.endMs, untilMs) }))
    .filter((s) => s.endMs > s.startMs);
}

const QUALITY_RANK: Readonly<Record<DataQuality, number>> = { OK: 0, ESTIMATED: 1, BAD: 2, MISSING: 3 };

/** The report request body for the version: `report` in 3.0.1, `reportRequest` in 3.1.0. */
export function buildReport(
  ctx: ReportContext,
  spans: readonly ReportSpan[],
  columns: readonly ReportColumn[],
): WireReport {
  const intervals: WireInterval[] = spans.map((span) => {
    const payloads: WireValuesMap[] = [];
    let worst: DataQuality = "OK";
    for (const c of columns) {
      const v = c.valueOf(span);
      payloads.push({ type: c.descriptor.payloadType, values: [v.value] });
      if (QUALITY_RANK[v.quality] > QUALITY_RANK[worst]) worst = v.quality;
    }
    // One DATA_QUALITY per interval: the measured payloads share one series and so one quality (Definition §7.8).
    if (worst !== "OK") payloads.push({ type: "DATA_QUALITY", values: [worst] });
    return {
      id: span.id,
      intervalPeriod: {
        start: new Date(span.startMs).toISOString(),
        duration: formatIsoDuration(span.endMs - span.startMs),
      },
      payloads,
    };
  });
  return {
    ...(VERSION_TRAITS[ctx.version].reportCarriesProgramId ? { programID: ctx.programId } : {}),
    eventID: ctx.eventId,
    clientName: ctx.clientName,
    ...(ctx.reportName !== undefined ? { reportName: ctx.reportName } : {}),
    payloadDescriptors: columns.map((c) => ({
      objectType: "REPORT_PAYLOAD_DESCRIPTOR" as const,
      ...c.descriptor,
    })),
    resources: [{ resourceName: ctx.resourceName, intervals }],
  };
}
