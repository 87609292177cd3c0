// The demand-response performance report as the API serves it; the zod shape feeds /openapi.json.
import { z } from "zod";
import type { EventPerformance } from "../domain/dr-performance.js";

const slotView = z.object({
  startMs: z.number(),
  endMs: z.number(),
  unadjustedW: z.number().describe("Average of the chosen like days"),
  baselineW: z.number().describe("After the same-day adjustment"),
});

export const baselineView = z.object({
  method: z.enum(["high-x-of-y", "pre-event-mean", "none"]),
  dayType: z.enum(["weekday", "non-weekday"]),
  daysWanted: z.number().int(),
  highestWanted: z.number().int(),
  days: z.array(
    z.object({
      date: z.string(),
      meanW: z.number().nullable(),
      used: z.boolean(),
      excludedBecause: z.enum(["event-day", "no-data", "low-usage", "not-highest"]).optional(),
    }),
  ),
  adjustmentW: z.number().nullable(),
  slots: z.array(slotView),
  notes: z.array(z.string()),
});

export const eventPerformanceView = z.object({
  eventId: z.string(),
  kind: z.string(),
  source: z.string().nullable(),
  startMs: z.number(),
  endMs: z.number(),
  receivedAtMs: z.number(),
  evaluatedUntilMs: z.number(),
  status: z.enum(["complete", "in-progress"]),
  capW: z.number().describe("The most site power the event allowed"),
  toleranceW: z.number(),
  baseline: baselineView,
  slots: z.array(
    slotView.extend({
      actualW: z.number().nullable(),
      capW: z.number(),
      requestedReductionW: z.number(),
      deliveredReductionW: z.number().nullable(),
    }),
  ),
  baselineKwh: z.number(),
  actualKwh: z.number(),
  requestedReductionKwh: z.number(),
  deliveredReductionKwh: z.number(),
  meanDeliveredReductionW: z.number().nullable(),
  compliancePct: z
    .number()
    .nullable()
    .describe(
      "Requested reduction delivered, per slot capped at the request; null when nothing was requested",
    ),
  capHeldPct: z.number().nullable().describe("Share of the measured event time at or under the cap"),
  responseLatencyMs: z
    .number()
    .nullable()
    .describe("From the later of receipt and start to the first measurement at or under the cap"),
  decisionLatencyMs: z.number().nullable(),
});

export const drReportView = z.object({
  sinceMs: z.number(),
  untilMs: z.number(),
  events: z.array(eventPerformanceView),
});

/** Compile-time check that the view and the domain type agree. */
export const toView = (p: EventPerformance): z.infer<typeof eventPerformanceView> => ({
  ...p,
  baseline: {
    ...p.baseline,
    days: [...p.baseline.days],
    slots: [...p.baseline.slots],
    notes: [...p.baseline.notes],
  },
  slots: [...p.slots],
});
