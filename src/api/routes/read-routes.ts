// Everything a viewer may read: site state, fleet, units, signals, plan, events, decisions, history, reports, config.
import { z } from "zod";
import type { Reading } from "../../domain/reading.js";
import type { ApiContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import { timeRangeQuery, unitParams } from "../http/schemas.js";
import { energyReport, energyReportView, resolutionFor } from "../reports.js";
import { fleet, fleetView, siteState, siteStateView, unitDetail, unitDetailView } from "../views.js";

const resolution = z.enum(["auto", "raw", "1m", "15m"]).default("auto");
const historyQuery = timeRangeQuery.extend({ resolution });
const DAY_MS = 86_400_000;

const readingView = z
  .object({
    ok: z.boolean(),
    value: z.number().nullable(),
    atMs: z.number(),
    ageS: z.number(),
    error: z.string().optional(),
  })
  .nullable();

function reading(r: Reading<number> | undefined, nowMs: number): z.infer<typeof readingView> {
  if (!r) return null;
  const ageS = Math.round((nowMs - r.atMs) / 100) / 10;
  if (r.ok) return { ok: true, value: r.value, atMs: r.atMs, ageS };
  return { ok: false, value: r.lastGood?.value ?? null, atMs: r.atMs, ageS, error: r.error };
}

export function readRoutes(ctx: ApiContext): AnyRoute[] {
  const { runtime, store, clock } = ctx;
  const range = (
    q: { sinceMs?: number | undefined; untilMs?: number | undefined },
    defaultSpanMs: number,
  ) => {
    const untilMs = q.untilMs ?? clock.nowMs();
    const sinceMs = q.sinceMs ?? untilMs - defaultSpanMs;
    if (sinceMs > untilMs)
      throw new HttpError(400, "query.sinceMs: must not be after untilMs", { field: "query.sinceMs" });
    return { sinceMs, untilMs };
  };
  const unitOr404 = (id: string) => {
    const u = runtime.units().find((x) => x.id === id);
    if (!u) throw new HttpError(404, `no unit ${id} under control`);
    return u;
  };
  return [
    route({
      method: "GET",
      url: "/api/health",
      tag: "site",
      summary: "Liveness: answers while the process serves; no login",
      access: "public",
      response: z.object({ ok: z.literal(true), lastTickAgeS: z.number().nullable() }),
      handler: async () => {
        const t = runtime.lastTick();
        return {
          ok: true as const,
          lastTickAgeS: t ? Math.round((clock.nowMs() - t.decision.nowMs) / 100) / 10 : null,
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/site",
      tag: "site",
      summary: "Site state after the last tick: target, power, window, reasons",
      access: "viewer",
      response: siteStateView,
      handler: async () => siteState(runtime),
    }),
    route({
      method: "GET",
      url: "/api/fleet",
      tag: "site",
      summary: "Every unit under control with its last telemetry",
      access: "viewer",
      response: fleetView,
      handler: async () => fleet(runtime),
    }),
    route({
      method: "GET",
      url: "/api/units/:id",
      tag: "site",
      summary: "One unit in detail",
      access: "viewer",
      params: unitParams,
      response: unitDetailView,
      handler: async ({ params }) => unitDetail(unitOr404(params.id)),
    }),
    route({
      method: "GET",
      url: "/api/units/:id/history",
      tag: "history",
      summary: "One unit's stored telemetry (default: the last 24 h)",
      access: "viewer",
      params: unitParams,
      query: historyQuery,
      handler: async ({ params, query }) => {
        const r = range(query, DAY_MS);
        const res = query.resolution === "auto" ? resolutionFor(r.untilMs - r.sinceMs) : query.resolution;
        const points = await store.telemetry.unit(params.id, {
          ...r,
          resolution: res,
          ...(query.limit ? { limit: query.limit } : {}),
        });
        return { unitId: params.id, resolution: res, points };
      },
    }),
    route({
      method: "GET",
      url: "/api/history/site",
      tag: "history",
      summary:
        "Site telemetry: raw ticks, 1-minute or 15-minute averages (default: the last 24 h, resolution by span)",
      access: "viewer",
      query: historyQuery,
      handler: async ({ query }) => {
        const r = range(query, DAY_MS);
        const res = query.resolution === "auto" ? resolutionFor(r.untilMs - r.sinceMs) : query.resolution;
        const points = await store.telemetry.site({
          ...r,
          resolution: res,
          ...(query.limit ? { limit: query.limit } : {}),
        });
        return { resolution: res, points };
      },
    }),
    route({
      method: "GET",
      url: "/api/signals",
      tag: "signals",
      summary: "Every signal in force now, with its age",
      access: "viewer",
      handler: async () => {
        const nowMs = clock.nowMs();
        const s = runtime.signals.read(nowMs);
        return {
          atMs: nowMs,
          surplusW: reading(s.surplusW, nowMs),
          energyPriceJpyPerKwh: reading(s.energyPriceJpyPerKwh, nowMs),
          hashpriceJpyPerThsDay: reading(s.hashpriceJpyPerThsDay, nowMs),
          frequencyHz: reading(s.frequency?.hz, nowMs),
          nominalHz: s.frequency?.nominalHz ?? null,
          importLimitW: s.importLimitW ?? null,
          events: s.events,
          overrides: s.overrides,
          plan: s.plan ?? null,
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/plan",
      tag: "signals",
      summary:
        "The day-ahead plan: the slot in force and, when a planner runs, the slots ahead (default 24 h)",
      access: "viewer",
      query: timeRangeQuery,
      handler: async ({ query }) => {
        const nowMs = clock.nowMs();
        const sinceMs = query.sinceMs ?? nowMs;
        const untilMs = query.untilMs ?? sinceMs + DAY_MS;
        return {
          current: runtime.signals.read(nowMs).plan ?? null,
          slots: runtime.planSlots ? runtime.planSlots(sinceMs, untilMs) : [],
          planner: runtime.planSlots !== undefined,
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/events",
      tag: "signals",
      summary: "Grid events: those known now, and the stored history (default: the last 7 days)",
      access: "viewer",
      query: timeRangeQuery,
      handler: async ({ query }) => ({
        current: runtime.signals.listEvents(clock.nowMs()),
        history: await store.events.list({
          ...range(query, 7 * DAY_MS),
          ...(query.limit ? { limit: query.limit } : {}),
        }),
      }),
    }),
    route({
      method: "GET",
      url: "/api/decisions",
      tag: "history",
      summary: "The decision log: target changes and commands with their reasons (default: the last hour)",
      access: "viewer",
      query: timeRangeQuery,
      handler: async ({ query }) => ({
        decisions: await store.listDecisions({ ...range(query, 3_600_000), limit: query.limit ?? 200 }),
      }),
    }),
    route({
      method: "GET",
      url: "/api/reports/energy",
      tag: "history",
      summary:
        "Energy, surplus share, grid cost and controller activity over a period (default: the last 24 h)",
      access: "viewer",
      query: z.strictObject({
        sinceMs: timeRangeQuery.shape.sinceMs,
        untilMs: timeRangeQuery.shape.untilMs,
        resolution,
      }),
      response: energyReportView,
      handler: async ({ query }) => {
        const r = range(query, DAY_MS);
        return energyReport(
          store,
          r.sinceMs,
          r.untilMs,
          query.resolution === "auto" ? undefined : query.resolution,
        );
      },
    }),
    route({
      method: "GET",
      url: "/api/config",
      tag: "site",
      summary: "The effective site configuration, secrets removed",
      access: "viewer",
      handler: async () => ({ config: runtime.config() }),
    }),
  ];
}
