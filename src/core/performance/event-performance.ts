// How well the site answered one demand-response event: the reduction it delivered against its baseline, the share
// of the requested reduction that was delivered, how long it held under the event's cap, and how fast it got there.
// Pure: measurements, decisions and the baseline come in as data; `nowMs` bounds an event still in progress.
import type { Baseline, EventPerformance, PerformanceSlot } from "../../domain/dr-performance.js";
import type { PowerInterval } from "../../domain/series.js";
import type { GridEvent } from "../../domain/signals.js";
import { meanOver } from "./baseline.js";

const MS_PER_H = 3_600_000;

export interface CapPolicy {
  readonly importLimitW: number;
  readonly floorW: number;
  readonly shedLevelMaxFraction: readonly number[];
}

/** The most site power the event allows; the same arithmetic as the dispatch rule that enforces it. */
export function eventCapW(e: GridEvent, p: CapPolicy): number {
  switch (e.kind) {
    case "import-limit":
      return e.limitW;
    case "setpoint":
      return e.powerW;
    case "shed-to-floor":
      return p.floorW;
    case "shed-level": {
      const table = p.shedLevelMaxFraction;
      const i = Math.max(0, Math.min(table.length - 1, Math.floor(e.level)));
      return Math.round(Math.max(p.floorW, (table[i] ?? 0) * p.importLimitW));
    }
  }
}

export interface PerformanceInput {
  readonly event: GridEvent;
  readonly receivedAtMs: number;
  readonly baseline: Baseline;
  /** Measured site power over the event; each interval's mean. */
  readonly measured: readonly PowerInterval[];
  /** Site power samples in time order, for the response latency. */
  readonly samples: readonly { readonly atMs: number; readonly powerW: number }[];
  /** Logged decisions in time order. */
  readonly decisions: readonly { readonly atMs: number; readonly targetPowerW: number }[];
  readonly policy: CapPolicy;
  /** Power over the cap still counted as holding it (meter noise, one unit's step). */
  readonly toleranceW: number;
  readonly nowMs: number;
}

export function eventPerformance(i: PerformanceInput): EventPerformance {
  const e = i.event;
  const until = Math.min(e.endMs, i.nowMs);
  const capW = eventCapW(e, i.policy);
  const slots: PerformanceSlot[] = i.baseline.slots
    .filter((s) => s.startMs < until)
    .map((s) => {
      const span = { startMs: s.startMs, endMs: Math.min(s.endMs, until) };
      const actualW = meanOver(i.measured, span).meanW;
      return {
        ...s,
        endMs: span.endMs,
        actualW,
        capW,
        requestedReductionW: Math.max(0, s.baselineW - capW),
        deliveredReductionW: actualW === null ? null : s.baselineW - actualW,
      };
    });
  let baselineWh = 0;
  let actualWh = 0;
  let requestedWh = 0;
  let deliveredWh = 0;
  let creditedWh = 0;
  let measuredMs = 0;
  for (const s of slots) {
    const h = (s.endMs - s.startMs) / MS_PER_H;
    baselineWh += s.baselineW * h;
    requestedWh += s.requestedReductionW * h;
    if (s.actualW === null || s.deliveredReductionW === null) continue;
    actualWh += s.actualW * h;
    deliveredWh += s.deliveredReductionW * h;
    creditedWh += Math.min(Math.max(0, s.deliveredReductionW), s.requestedReductionW) * h;
    measuredMs += s.endMs - s.startMs;
  }
  const limit = capW + i.toleranceW;
  let heldMs = 0;
  let coveredMs = 0;
  for (const m of i.measured) {
    const overlap = Math.min(until, m.startMs + m.durationMs) - Math.max(e.startMs, m.startMs);
    if (overlap <= 0) continue;
    coveredMs += overlap;
    if (m.powerW <= limit) heldMs += overlap;
  }
  const fromMs = Math.max(i.receivedAtMs, e.startMs);
  const answered = i.samples.find((s) => s.atMs >= fromMs && s.atMs < until && s.powerW <= limit);
  const decided = i.decisions.find((d) => d.atMs >= fromMs && d.atMs < until && d.targetPowerW <= limit);
  return {
    eventId: e.id,
    kind: e.kind,
    source: e.source ?? null,
    startMs: e.startMs,
    endMs: e.endMs,
    receivedAtMs: i.receivedAtMs,
    evaluatedUntilMs: until,
    status: i.nowMs >= e.endMs ? "complete" : "in-progress",
    capW,
    toleranceW: i.toleranceW,
    baseline: i.baseline,
    slots,
    baselineKwh: baselineWh / 1000,
    actualKwh: actualWh / 1000,
    requestedReductionKwh: requestedWh / 1000,
    deliveredReductionKwh: deliveredWh / 1000,
    meanDeliveredReductionW: measuredMs > 0 ? (deliveredWh * MS_PER_H) / measuredMs : null,
    compliancePct: requestedWh > 0 ? (100 * creditedWh) / requestedWh : null,
    capHeldPct: coveredMs > 0 ? (100 * heldMs) / coveredMs : null,
    responseLatencyMs: answered ? answered.atMs - fromMs : null,
    decisionLatencyMs: decided ? decided.atMs - fromMs : null,
  };
}
