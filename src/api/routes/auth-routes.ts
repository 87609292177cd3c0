import { z } from "zod";
import { SESSION_COOKIE } from "../auth/authenticate.js";
import { DEFAULT_LOGIN_LIMITS } from "../auth/login-limiter.js";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords.js";
import { randomSecret, sha256Hex } from "../auth/secrets.js";
import type { ApiContext } from "../context.js";
import { sessionCookie } from "../http/cookies.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import { okResponse, password, role, username } from "../http/schemas.js";

const me = z.object({ username: z.string(), role, kind: z.enum(["user", "token"]) });

export function authRoutes(ctx: ApiContext): AnyRoute[] {
  const { store, clock, auditor, limiter } = ctx;
  const startSession = async (name: string) => {
    const secret = randomSecret();
    const nowMs = clock.nowMs();
    await store.sessions.create({
      idHash: sha256Hex(secret),
      username: name,
      createdAtMs: nowMs,
      expiresAtMs: nowMs + ctx.sessionTtlMs,
    });
    return sessionCookie(SESSION_COOKIE, secret, {
      maxAgeS: ctx.sessionTtlMs / 1000,
      secure: ctx.secureCookies,
    });
  };
  return [
    route({
      method: "GET",
      url: "/api/setup",
      tag: "auth",
      summary: "Whether the first admin still has to be created",
      access: "public",
      response: z.object({ required: z.boolean() }),
      handler: async () => ({ required: ctx.setup.pending && (await store.users.countAdmins()) === 0 }),
    }),
    route({
      method: "POST",
      url: "/api/setup",
      tag: "auth",
      summary: "Create the first admin with the one-time setup token printed to the log",
      access: "public",
      body: z.strictObject({ token: z.string().min(1).max(200), username, password }),
      status: 201,
      response: me,
      handler: async ({ req, body, reply }) => {
        const nowMs = clock.nowMs();
        const address = req.ip;
        const wait = limiter.retryAfterS("(setup)", address, nowMs);
        if (wait > 0)
          throw new HttpError(429, `too many failed attempts; retry in ${wait} s`, {
            headers: { "retry-after": String(wait) },
          });
        if (!ctx.setup.consume(body.token)) {
          limiter.fail("(setup)", address, nowMs);
          await auditor.record(req, body.username, "setup", body.username, "denied", {
            reason: "invalid or spent token",
          });
          throw new HttpError(403, "invalid or already used setup token");
        }
        const created = await store.users.createFirstAdmin({
          username: body.username,
          passwordHash: await hashPassword(body.password),
          createdAtMs: nowMs,
          disabledAtMs: null,
        });
        if (!created) {
          await auditor.record(req, body.username, "setup", body.username, "failed", {
            reason: "an admin exists",
          });
          throw new HttpError(409, "an admin exists already; log in instead");
        }
        await auditor.record(req, body.username, "setup", body.username, "ok", { role: "admin" });
        reply.header("set-cookie", await startSession(body.username));
        return { username: body.username, role: "admin", kind: "user" };
      },
    }),
    route({
      method: "POST",
      url: "/api/login",
      tag: "auth",
      summary: `Log in; sets an HttpOnly, SameSite=Strict session cookie. ${DEFAULT_LOGIN_LIMITS.perKey} failures in 15 min per username and address answer 429`,
      access: "public",
      body: z.strictObject({ username: z.string().min(1).max(63), password: z.string().min(1).max(256) }),
      response: me,
      handler: async ({ req, body, reply }) => {
        const nowMs = clock.nowMs();
        const wait = limiter.retryAfterS(body.username, req.ip, nowMs);
        if (wait > 0) {
          await auditor.record(req, body.username, "login", body.username, "denied", {
            reason: "rate limited",
          });
          throw new HttpError(429, `too many failed logins; retry in ${wait} s`, {
            headers: { "retry-after": String(wait) },
          });
        }
        const user = await store.users.get(body.username);
        let ok = false;
        if (user) ok = await verifyPassword(user.passwordHash, body.password);
        else await burnPasswordCheck(body.password);
        if (!user || !ok || user.disabledAtMs !== null) {
          limiter.fail(body.username, req.ip, nowMs);
          await auditor.record(req, body.username, "login", body.username, "denied", {});
          throw new HttpError(401, "wrong username or password");
        }
        limiter.succeed(body.username, req.ip);
        await auditor.record(req, user.username, "login", user.username, "ok", {});
        reply.header("set-cookie", await startSession(user.username));
        return { username: user.username, role: user.role, kind: "user" };
      },
    }),
    route({
      method: "POST",
      url: "/api/logout",
      tag: "auth",
      summary: "End this session",
      access: "viewer",
      response: okResponse,
      handler: async ({ principal, reply }) => {
        if (principal.sessionHash !== undefined) await store.sessions.remove(principal.sessionHash);
        reply.header(
          "set-cookie",
          sessionCookie(SESSION_COOKIE, "", { maxAgeS: 0, secure: ctx.secureCookies }),
        );
        return { ok: true as const };
      },
    }),
    route({
      method: "GET",
      url: "/api/me",
      tag: "auth",
      summary: "Who the caller is",
      access: "viewer",
      response: me,
      handler: async ({ principal }) => ({
        username: principal.name,
        role: principal.role,
        kind: principal.kind,
      }),
    }),
    route({
      method: "POST",
      url: "/api/me/password",
      tag: "auth",
      summary: "Change one's own password; ends every session of the user, this one included",
      access: "viewer",
      body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: password }),
      response: okResponse,
      handler: async ({ req, principal, body }) => {
        if (principal.kind !== "user") throw new HttpError(403, "API tokens have no password");
        return auditor.run(req, principal, "user.password", principal.name, {}, async () => {
          const user = await store.users.get(principal.name);
          if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword)))
            throw new HttpError(403, "current password is wrong");
          await store.users.update(user.username, { passwordHash: await hashPassword(body.newPassword) });
          await store.sessions.removeForUser(user.username);
          return { ok: true as const };
        });
      },
    }),
  ];
}
