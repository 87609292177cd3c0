// Operator writes. Site-wide overrides and unit sleep go through the signal hub as overrides (they only narrow what
// the dispatcher may do); a mode change is a one-off command to the unit. Each one is audited.
import { z } from "zod";
import type { ApiContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import { durationS, timeRangeQuery, unitId, unitParams } from "../http/schemas.js";
import { OVERRIDE_ID } from "../runtime/override-book.js";

const note = z.string().max(200).optional();
const overrideBody = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("shed"), durationS, note }).describe("Cap the site at its floor"),
  z.strictObject({ kind: z.literal("hold"), durationS, note }).describe("No increase above current power"),
  z.strictObject({ kind: z.literal("cap"), maxW: z.number().min(0).max(1e9), durationS, note }),
  z.strictObject({
    kind: z.literal("unit-off"),
    unitIds: z.array(unitId).min(1).max(10_000),
    durationS,
    note,
  }),
  z
    .strictObject({ kind: z.literal("release"), durationS: durationS.default(60), note })
    .describe("Cancel every override in force"),
]);

const overrideView = z.record(z.string(), z.unknown()).describe("An OperatorOverride");

export function controlRoutes(ctx: ApiContext): AnyRoute[] {
  const { runtime, store, auditor, overrides } = ctx;
  const known = (id: string) => {
    if (!runtime.units().some((u) => u.id === id)) throw new HttpError(404, `no unit ${id} under control`);
  };
  return [
    route({
      method: "GET",
      url: "/api/overrides",
      tag: "control",
      summary: "Overrides in force, and those issued in the range (default: the last 7 days)",
      access: "viewer",
      query: timeRangeQuery,
      handler: async ({ query }) => {
        const untilMs = query.untilMs ?? ctx.clock.nowMs();
        return {
          active: (await overrides.active()).map((o) => o.override),
          history: await store.overrides.list({
            sinceMs: query.sinceMs ?? untilMs - 7 * 86_400_000,
            untilMs,
            ...(query.limit ? { limit: query.limit } : {}),
          }),
        };
      },
    }),
    route({
      method: "POST",
      url: "/api/overrides",
      tag: "control",
      summary: "Issue an override: shed, hold, cap, unit-off or release, each with an expiry",
      access: "operator",
      body: overrideBody,
      status: 201,
      response: overrideView,
      handler: async ({ req, principal, body }) => {
        if (body.kind === "unit-off") for (const id of body.unitIds) known(id);
        return auditor.run(req, principal, `override.${body.kind}`, null, { ...body }, () =>
          overrides.issue(body, principal.name),
        );
      },
    }),
    route({
      method: "DELETE",
      url: "/api/overrides/:id",
      tag: "control",
      summary: "Lift one override before its expiry",
      access: "operator",
      params: z.strictObject({
        id: z.string().regex(OVERRIDE_ID, "an override id such as ov-mnfa4g00-000001-0a1b2c3d"),
      }),
      response: overrideView,
      handler: async ({ req, principal, params }) =>
        auditor.run(req, principal, "override.lift", params.id, {}, async () => {
          const lifted = await overrides.lift(params.id, principal.name);
          if (!lifted) throw new HttpError(404, `no override ${params.id} in force`);
          return lifted;
        }),
    }),
    route({
      method: "POST",
      url: "/api/units/:id/sleep",
      tag: "control",
      summary:
        "Keep a unit asleep until the override expires (default 24 h); the loop puts it to sleep at once",
      access: "operator",
      params: unitParams,
      body: z.strictObject({ durationS: durationS.default(86_400), note }),
      status: 201,
      response: overrideView,
      handler: async ({ req, principal, params, body }) => {
        known(params.id);
        return auditor.run(req, principal, "unit.sleep", params.id, { ...body }, () =>
          overrides.issue(
            {
              kind: "unit-off",
              unitIds: [params.id],
              durationS: body.durationS,
              ...(body.note === undefined ? {} : { note: body.note }),
            },
            principal.name,
          ),
        );
      },
    }),
    route({
      method: "POST",
      url: "/api/units/:id/wake",
      tag: "control",
      summary: "Give a unit held asleep back to the dispatcher, which wakes it when the site wants the power",
      access: "operator",
      params: unitParams,
      body: z.strictObject({ note }).default({}),
      response: z.object({ lifted: z.array(overrideView) }),
      handler: async ({ req, principal, params }) => {
        known(params.id);
        return auditor.run(req, principal, "unit.wake", params.id, {}, async () => {
          const lifted = await overrides.releaseUnit(params.id, principal.name);
          if (lifted.length === 0)
            throw new HttpError(
              409,
              `${params.id} is not held asleep by an override; the dispatcher decides whether it runs`,
            );
          return { lifted };
        });
      },
    }),
    route({
      method: "POST",
      url: "/api/units/:id/mode",
      tag: "control",
      summary:
        "Send a work mode to a unit (0 Eco, 1 Standard, 2 Super); the dispatcher may choose another later",
      access: "operator",
      params: unitParams,
      body: z.strictObject({ mode: z.number().int().min(0).max(2) }),
      response: z.object({ acknowledged: z.boolean(), detail: z.string() }),
      handler: async ({ req, principal, params, body }) => {
        known(params.id);
        return auditor.run(req, principal, "unit.mode", params.id, { mode: body.mode }, async () => {
          let outcome: Awaited<ReturnType<typeof runtime.control.setMode>>;
          try {
            outcome = await runtime.control.setMode(params.id, body.mode);
          } catch (e) {
            throw new HttpError(502, `${params.id}: ${e instanceof Error ? e.message : String(e)}`);
          }
          if (!outcome.acknowledged)
            throw new HttpError(502, `${params.id} did not accept mode ${body.mode}: ${outcome.detail}`);
          return { acknowledged: outcome.acknowledged, detail: outcome.detail };
        });
      },
    }),
  ];
}
