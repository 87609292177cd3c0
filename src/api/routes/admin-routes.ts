// Admin only: users, API tokens and the audit log. The last enabled admin can be neither demoted, disabled nor removed.
import { z } from "zod";
import type { ApiTokenRecord, UserRecord } from "../../store/store.js";
import { hashPassword } from "../auth/passwords.js";
import { formatApiToken, newTokenId, randomSecret, sha256Hex } from "../auth/secrets.js";
import type { ApiContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import { okResponse, password, role, timeRangeQuery, username, usernameParams } from "../http/schemas.js";

const userView = z.object({
  username: z.string(),
  role,
  createdAtMs: z.number(),
  disabledAtMs: z.number().nullable(),
});
const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  role,
  createdBy: z.string(),
  createdAtMs: z.number(),
  expiresAtMs: z.number().nullable(),
  revokedAtMs: z.number().nullable(),
  lastUsedAtMs: z.number().nullable(),
});

const publicUser = ({ passwordHash: _h, ...u }: UserRecord) => u;
const publicToken = ({ secretHash: _h, ...t }: ApiTokenRecord) => t;

export function adminRoutes(ctx: ApiContext): AnyRoute[] {
  const { store, clock, auditor } = ctx;
  const keepAnAdmin = async (username: string, losing: boolean) => {
    const u = await store.users.get(username);
    if (losing && u?.role === "admin" && u.disabledAtMs === null && (await store.users.countAdmins()) <= 1)
      throw new HttpError(409, `${username} is the last enabled admin`);
  };
  return [
    route({
      method: "GET",
      url: "/api/users",
      tag: "admin",
      summary: "List users",
      access: "admin",
      response: z.object({ users: z.array(userView) }),
      handler: async () => ({ users: (await store.users.list()).map(publicUser) }),
    }),
    route({
      method: "POST",
      url: "/api/users",
      tag: "admin",
      summary: "Create a user",
      access: "admin",
      body: z.strictObject({ username, password, role }),
      status: 201,
      response: userView,
      handler: async ({ req, principal, body }) =>
        auditor.run(req, principal, "user.create", body.username, { role: body.role }, async () => {
          const user: UserRecord = {
            username: body.username,
            role: body.role,
            passwordHash: await hashPassword(body.password),
            createdAtMs: clock.nowMs(),
            disabledAtMs: null,
          };
          if (!(await store.users.create(user))) throw new HttpError(409, `user ${body.username} exists`);
          return publicUser(user);
        }),
    }),
    route({
      method: "PATCH",
      url: "/api/users/:username",
      tag: "admin",
      summary: "Change a user's role, password or disabled state; a change ends the user's sessions",
      access: "admin",
      params: usernameParams,
      body: z
        .strictObject({
          role: role.optional(),
          password: password.optional(),
          disabled: z.boolean().optional(),
        })
        .refine((b) => Object.keys(b).length > 0, "name at least one of role, password, disabled"),
      response: userView,
      handler: async ({ req, principal, params, body }) =>
        auditor.run(
          req,
          principal,
          "user.update",
          params.username,
          { role: body.role, disabled: body.disabled, password: body.password !== undefined },
          async () => {
            await keepAnAdmin(
              params.username,
              (body.role !== undefined && body.role !== "admin") || body.disabled === true,
            );
            const ok = await store.users.update(params.username, {
              ...(body.role === undefined ? {} : { role: body.role }),
              ...(body.password === undefined ? {} : { passwordHash: await hashPassword(body.password) }),
              ...(body.disabled === undefined ? {} : { disabledAtMs: body.disabled ? clock.nowMs() : null }),
            });
            if (!ok) throw new HttpError(404, `no user ${params.username}`);
            await store.sessions.removeForUser(params.username);
            const u = await store.users.get(params.username);
            if (!u) throw new HttpError(404, `no user ${params.username}`);
            return publicUser(u);
          },
        ),
    }),
    route({
      method: "DELETE",
      url: "/api/users/:username",
      tag: "admin",
      summary: "Remove a user and end their sessions",
      access: "admin",
      params: usernameParams,
      response: okResponse,
      handler: async ({ req, principal, params }) =>
        auditor.run(req, principal, "user.remove", params.username, {}, async () => {
          await keepAnAdmin(params.username, true);
          if (!(await store.users.remove(params.username)))
            throw new HttpError(404, `no user ${params.username}`);
          return { ok: true as const };
        }),
    }),
    route({
      method: "GET",
      url: "/api/tokens",
      tag: "admin",
      summary: "List API tokens (never their secrets)",
      access: "admin",
      response: z.object({ tokens: z.array(tokenView) }),
      handler: async () => ({ tokens: (await store.tokens.list()).map(publicToken) }),
    }),
    route({
      method: "POST",
      url: "/api/tokens",
      tag: "admin",
      summary: "Create an API token for a machine; the token is shown in this reply only",
      access: "admin",
      body: z.strictObject({
        name: z.string().min(1).max(100),
        role,
        expiresInS: z
          .number()
          .int()
          .min(60)
          .max(5 * 365 * 86_400)
          .optional(),
      }),
      status: 201,
      response: tokenView.extend({ token: z.string().describe("Send as 'Authorization: Bearer <token>'") }),
      handler: async ({ req, principal, body }) =>
        auditor.run(
          req,
          principal,
          "token.create",
          body.name,
          { role: body.role, expiresInS: body.expiresInS },
          async () => {
            const nowMs = clock.nowMs();
            const id = newTokenId();
            const secret = randomSecret();
            const record: ApiTokenRecord = {
              id,
              name: body.name,
              role: body.role,
              secretHash: sha256Hex(secret),
              createdBy: principal.name,
              createdAtMs: nowMs,
              expiresAtMs: body.expiresInS === undefined ? null : nowMs + body.expiresInS * 1000,
              revokedAtMs: null,
              lastUsedAtMs: null,
            };
            await store.tokens.create(record);
            return { ...publicToken(record), token: formatApiToken(id, secret) };
          },
        ),
    }),
    route({
      method: "DELETE",
      url: "/api/tokens/:id",
      tag: "admin",
      summary: "Revoke an API token",
      access: "admin",
      params: z.strictObject({ id: z.string().regex(/^[a-z0-9]{8,32}$/, "a token id") }),
      response: okResponse,
      handler: async ({ req, principal, params }) =>
        auditor.run(req, principal, "token.revoke", params.id, {}, async () => {
          if (!(await store.tokens.revoke(params.id, clock.nowMs())))
            throw new HttpError(404, `no active token ${params.id}`);
          return { ok: true as const };
        }),
    }),
    route({
      method: "GET",
      url: "/api/audit",
      tag: "admin",
      summary: "The audit log: who did what, when, from where, and how it ended (default: the last 7 days)",
      access: "admin",
      query: timeRangeQuery.extend({
        actor: z.string().max(100).optional(),
        action: z.string().max(100).optional(),
      }),
      handler: async ({ query }) => {
        const untilMs = query.untilMs ?? clock.nowMs();
        return {
          entries: await store.audit.list({
            sinceMs: query.sinceMs ?? untilMs - 7 * 86_400_000,
            untilMs,
            limit: query.limit ?? 500,
            ...(query.actor === undefined ? {} : { actor: query.actor }),
            ...(query.action === undefined ? {} : { action: query.action }),
          }),
        };
      },
    }),
  ];
}
