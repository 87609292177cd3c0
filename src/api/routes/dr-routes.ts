// Demand-response performance per event: baseline, delivered reduction, compliance and latency, from the store.
import { z } from "zod";
import { performanceOf } from "../../runtime/dr-performance.js";
import type { ApiContext } from "../context.js";
import { drReportView, eventPerformanceView, toView } from "../dr-view.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import { timeRangeQuery } from "../http/schemas.js";

const DAY_MS = 86_400_000;
/** Far enough back to find an event by id when only the id is given. */
const FIND_BACK_MS = 90 * DAY_MS;

const eventIdParams = z.strictObject({
  eventId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:@-]+$/, "letters, digits and . _ : @ -"),
});

export function drRoutes(ctx: ApiContext): AnyRoute[] {
  const { store, clock, dr } = ctx;
  return [
    route({
      method: "GET",
      url: "/api/reports/demand-response",
      tag: "history",
      summary:
        "Demand-response performance of each event that started in the period (default: the last 30 days): " +
        "baseline (High 4 of 5 with same-day adjustment by default), delivered reduction, compliance, latency",
      access: "viewer",
      query: timeRangeQuery,
      response: drReportView,
      handler: async ({ query }) => {
        const nowMs = clock.nowMs();
        const untilMs = query.untilMs ?? nowMs;
        const sinceMs = query.sinceMs ?? untilMs - 30 * DAY_MS;
        if (sinceMs > untilMs)
          throw new HttpError(400, "query.sinceMs: must not be after untilMs", { field: "query.sinceMs" });
        const stored = (await store.events.list({ sinceMs, untilMs, limit: query.limit ?? 200 })).filter(
          (e) => e.event.startMs >= sinceMs && e.event.startMs <= Math.min(untilMs, nowMs),
        );
        const events = await performanceOf(store, stored, dr, nowMs);
        return { sinceMs, untilMs, events: events.map(toView) };
      },
    }),
    route({
      method: "GET",
      url: "/api/reports/demand-response/:eventId",
      tag: "history",
      summary: "Demand-response performance of one event, slot by slot",
      access: "viewer",
      params: eventIdParams,
      response: eventPerformanceView,
      handler: async ({ params }) => {
        const nowMs = clock.nowMs();
        const found = (await store.events.list({ sinceMs: nowMs - FIND_BACK_MS, limit: 10_000 })).find(
          (e) => e.event.id === params.eventId,
        );
        if (!found) throw new HttpError(404, `no event ${params.eventId} on record`);
        if (found.event.startMs > nowMs) throw new HttpError(409, `event ${params.eventId} has not started`);
        const [p] = await performanceOf(store, [found], dr, nowMs);
        if (!p) throw new HttpError(404, `no event ${params.eventId} on record`);
        return toView(p);
      },
    }),
  ];
}
