import { describe, expect, it } from "vitest";
import type { PowerInterval } from "../../domain/series.js";
import { OpenApiContract } from "./contract.js";
import { resolveEvent } from "./intervals.js";
import {
  baselineColumn,
  buildReport,
  classifyOperatingState,
  demandColumn,
  measureSpan,
  operatingStateColumn,
  preEventMeanBaselineW,
  type ReportContext,
  reportSpansFor,
  usageColumn,
} from "./reports.js";
import { OADR_VERSIONS } from "./version.js";

const H = 3_600_000;
const Q = H / 4;
const T0 = Date.parse("2025-06-25T00:00:00Z");

/** Quarter-hour average power readings from `startMs`. */
const quarters = (startMs: number, powersW: number[]): PowerInterval[] =>
  powersW.map((powerW, i) => ({ startMs: startMs + i * Q, durationMs: Q, powerW }));

// 4.5 MW for the hour before the event; 2 MW then 1 MW during it; the last quarter of the second hour unmeasured.
const measured = [
  ...quarters(T0 - H, [4_500_000, 4_500_000, 4_500_000, 4_500_000]),
  ...quarters(T0, [2_000_000, 2_000_000, 2_000_000, 2_000_000, 1_000_000, 1_000_000, 1_000_000]),
];
const hour0 = { id: 0, startMs: T0, endMs: T0 + H };
const hour1 = { id: 1, startMs: T0 + H, endMs: T0 + 2 * H };
const hour2 = { id: 2, startMs: T0 + 2 * H, endMs: T0 + 3 * H };
const spans = [hour0, hour1, hour2];

describe("report values from measured power", () => {
  it("integrates energy and coverage over a span", () => {
    expect(measureSpan(measured, hour0)).toEqual({ energyWh: 2_000_000, coveredMs: H, spanMs: H });
    expect(measureSpan(measured, hour1)).toEqual({ energyWh: 750_000, coveredMs: 3 * Q, spanMs: H });
  });

  it("gives DEMAND in kW and USAGE in kWh per interval, with data quality where coverage is short", () => {
    const demand = demandColumn(measured);
    const usage = usageColumn(measured);
    expect(spans.map((s) => demand.valueOf(s))).toEqual([
      { value: 2000, quality: "OK" },
      { value: 1000, quality: "ESTIMATED" },
      { value: 0, quality: "MISSING" },
    ]);
    expect(spans.map((s) => usage.valueOf(s))).toEqual([
      { value: 2000, quality: "OK" },
      { value: 1000, quality: "ESTIMATED" },
      { value: 0, quality: "MISSING" },
    ]);
    expect(demandColumn(measured, "MW").valueOf(hour0).value).toBe(2);
  });

  it("takes the pre-event mean as baseline", () => {
    expect(preEventMeanBaselineW(measured, T0, H)).toBe(4_500_000);
    expect(preEventMeanBaselineW(measured, T0 - 2 * H, H)).toBeUndefined();
    expect(baselineColumn(4_500_000).valueOf(hour0)).toEqual({ value: 4500, quality: "OK" });
  });

  it("classifies the operating state", () => {
    const f = { idleBelowW: 50_000, directive: "curtailed", faulted: false } as const;
    expect(classifyOperatingState({ ...f, meanPowerW: 2_000_000 })).toBe("RUNNING_CURTAILED");
    expect(classifyOperatingState({ ...f, meanPowerW: 10_000 })).toBe("IDLE_CURTAILED");
    expect(classifyOperatingState({ ...f, directive: "none", meanPowerW: 2_000_000 })).toBe("RUNNING_NORMAL");
    expect(classifyOperatingState({ ...f, meanPowerW: undefined })).toBe("ERROR");
  });

  it("reports on the event's intervals that have begun, clipped to now", () => {
    const resolved = resolveEvent({
      version: "3.1.0",
      event: {
        id: "e-1",
        programID: "p-1",
        intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" },
        intervals: [0, 1, 2].map((id) => ({ id, payloads: [] })),
      },
      obtainedAtMs: T0,
      randomDraws: [],
    });
    expect(reportSpansFor(resolved, T0 + 90 * 60_000)).toEqual([
      { id: 0, startMs: T0, endMs: T0 + H },
      { id: 1, startMs: T0 + H, endMs: T0 + 90 * 60_000 },
    ]);
  });
});

describe.each(OADR_VERSIONS)("report body for OpenADR %s", (version) => {
  const ctx: ReportContext = {
    version,
    eventId: "e-1",
    programId: "p-1",
    clientName: "site-1",
    resourceName: "AGGREGATED_REPORT",
    reportName: "dr-usage",
  };
  const columns = [
    demandColumn(measured),
    usageColumn(measured),
    baselineColumn(4_500_000),
    operatingStateColumn(() => "RUNNING_CURTAILED"),
  ];
  const report = buildReport(ctx, spans.slice(0, 2), columns);

  it("carries one interval per span with the event's interval ids and explicit periods", () => {
    const intervals = report.resources[0]?.intervals ?? [];
    expect(intervals.map((i) => i.id)).toEqual([0, 1]);
    expect(intervals[0]).toEqual({
      id: 0,
      intervalPeriod: { start: "2025-06-25T00:00:00.000Z", duration: "PT1H" },
      payloads: [
        { type: "DEMAND", values: [2000] },
        { type: "USAGE", values: [2000] },
        { type: "BASELINE", values: [4500] },
        { type: "OPERATING_STATE", values: ["RUNNING_CURTAILED"] },
      ],
    });
    expect(intervals[1]?.payloads.at(-1)).toEqual({ type: "DATA_QUALITY", values: ["ESTIMATED"] });
  });

  it("has programID only where the version requires it, and is valid against the document", () => {
    const contract = OpenApiContract.of(version);
    expect("programID" in report).toBe(version === "3.0.1");
    const schema = version === "3.0.1" ? "report" : "reportRequest";
    expect(contract.validateComponent(schema, report)).toEqual({ ok: true });
  });
});
