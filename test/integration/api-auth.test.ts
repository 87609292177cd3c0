import { afterEach, describe, expect, it } from "vitest";
import { cookieOf, type Harness, PASSWORD, startHarness } from "./api-harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("first start", () => {
  it("has no default user, prints a one-time setup token, and lets it create the admin exactly once", async () => {
    h = await startHarness({}, false);
    expect(await h.store.users.list()).toEqual([]);
    const token = h.api.setupToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(h.log.join("\n")).toContain(String(token));
    expect((await h.request("GET", "/api/setup")).json()).toEqual({ required: true });
    expect((await h.login("admin", "admin")).statusCode).toBe(401);

    const wrong = await h.request("POST", "/api/setup", {
      body: { token: "nope", username: "root", password: PASSWORD },
    });
    expect(wrong.statusCode).toBe(403);
    // A bad body is refused before the token is looked at, so it does not spend it.
    const bad = await h.request("POST", "/api/setup", {
      body: { token, username: "root", password: "short" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("body.password");

    const ok = await h.request("POST", "/api/setup", {
      body: { token, username: "root", password: PASSWORD },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ username: "root", role: "admin", kind: "user" });
    const setCookie = String(ok.headers["set-cookie"]);
    expect(setCookie).toMatch(
      /^gm_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    const again = await h.request("POST", "/api/setup", {
      body: { token, username: "eve", password: PASSWORD },
    });
    expect(again.statusCode).toBe(403);
    expect(await h.store.users.get("eve")).toBeUndefined();
    expect((await h.request("GET", "/api/setup")).json()).toEqual({ required: false });
    expect((await h.store.users.get("root"))?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    const me = await h.request("GET", "/api/me", { headers: { cookie: cookieOf(ok) } });
    expect(me.json()).toEqual({ username: "root", role: "admin", kind: "user" });
    const audit = await h.store.audit.list({ action: "setup" });
    expect(audit.map((a) => [a.actor, a.result])).toEqual([
      ["root", "denied"],
      ["root", "ok"],
      ["eve", "denied"],
    ]);
  });

  it("issues no setup token when an admin exists", async () => {
    h = await startHarness();
    expect(h.api.setupToken).toBeUndefined();
    expect(h.log.join("\n")).not.toContain("setup");
    const r = await h.request("POST", "/api/setup", {
      body: { token: "x", username: "root", password: PASSWORD },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe("login and sessions", () => {
  it("sets a Secure cookie when configured, and logout ends the session", async () => {
    h = await startHarness({ secureCookies: true });
    const r = await h.login("operator", PASSWORD);
    expect(String(r.headers["set-cookie"])).toContain("; HttpOnly; SameSite=Strict; Secure");
    const cookie = cookieOf(r);
    expect((await h.request("GET", "/api/site", { headers: { cookie } })).statusCode).toBe(200);
    const out = await h.request("POST", "/api/logout", { headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    expect((await h.request("GET", "/api/site", { headers: { cookie } })).statusCode).toBe(401);
  });

  it("stores only a hash of the session id", async () => {
    h = await startHarness();
    const value = h.cookie.viewer.split("=")[1] ?? "";
    expect(await h.store.sessions.get(value)).toBeUndefined();
  });

  it("answers 429 after 5 failures for one username from one address, and not for another address", async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i++) expect((await h.login("operator", "wrong password!")).statusCode).toBe(401);
    const blocked = await h.login("operator", PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(800);
    expect(blocked.json().message).toMatch(/too many failed logins/);
    expect((await h.login("operator", PASSWORD, "10.9.9.9")).statusCode).toBe(200);
    // The window is 15 minutes of the API's clock.
    h.site.testClock.advance(15 * 60_000 + 1000);
    expect((await h.login("operator", PASSWORD)).statusCode).toBe(200);
    const denied = await h.store.audit.list({ action: "login", actor: "operator" });
    expect(denied.filter((a) => a.result === "denied")).toHaveLength(6);
  });

  it("limits one address across usernames (password spraying)", async () => {
    h = await startHarness({ loginLimits: { windowMs: 60_000, perKey: 5, perAddress: 8 } });
    for (let i = 0; i < 8; i++) expect((await h.login(`user${i}`, "wrong password!")).statusCode).toBe(401);
    expect((await h.login("viewer", PASSWORD)).statusCode).toBe(429);
  });

  it("refuses a disabled user and ends their sessions", async () => {
    h = await startHarness();
    const r = await h.request("PATCH", "/api/users/operator", { as: "admin", body: { disabled: true } });
    expect(r.statusCode).toBe(200);
    expect((await h.request("GET", "/api/site", { as: "operator" })).statusCode).toBe(401);
    expect((await h.login("operator", PASSWORD)).statusCode).toBe(401);
  });

  it("changes one's own password", async () => {
    h = await startHarness();
    const bad = await h.request("POST", "/api/me/password", {
      as: "viewer",
      body: { currentPassword: "nope", newPassword: "another long one" },
    });
    expect(bad.statusCode).toBe(403);
    const ok = await h.request("POST", "/api/me/password", {
      as: "viewer",
      body: { currentPassword: PASSWORD, newPassword: "another long one" },
    });
    expect(ok.statusCode).toBe(200);
    expect((await h.login("viewer", PASSWORD)).statusCode).toBe(401);
    expect((await h.login("viewer", "another long one")).statusCode).toBe(200);
  });
});

describe("API tokens", () => {
  it("authenticate machines with their role, are shown once, and stop working when revoked", async () => {
    h = await startHarness();
    const created = await h.request("POST", "/api/tokens", {
      as: "admin",
      body: { name: "prometheus", role: "viewer" },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    expect(token).toMatch(/^gm_[a-z0-9]+_[A-Za-z0-9_-]+$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await h.request("GET", "/api/site", { headers: bearer })).statusCode).toBe(200);
    expect(
      (await h.request("POST", "/api/overrides", { headers: bearer, body: { kind: "shed", durationS: 60 } }))
        .statusCode,
    ).toBe(403);
    const listed = (await h.request("GET", "/api/tokens", { as: "admin" })).json() as {
      tokens: Record<string, unknown>[];
    };
    expect(listed.tokens[0]).not.toHaveProperty("token");
    expect(listed.tokens[0]).not.toHaveProperty("secretHash");
    expect(listed.tokens[0]?.lastUsedAtMs).toBe(h.site.clock.nowMs());
    expect((await h.request("DELETE", `/api/tokens/${id}`, { as: "admin" })).statusCode).toBe(200);
    const after = await h.request("GET", "/api/site", { headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.headers["www-authenticate"]).toContain("invalid_token");
  });

  it("expire, and a forged or malformed token is refused", async () => {
    h = await startHarness();
    const created = await h.request("POST", "/api/tokens", {
      as: "admin",
      body: { name: "ha", role: "operator", expiresInS: 60 },
    });
    const { token } = created.json() as { token: string };
    const forged = token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(
      (await h.request("GET", "/api/site", { headers: { authorization: `Bearer ${forged}` } })).statusCode,
    ).toBe(401);
    expect((await h.request("GET", "/api/site", { headers: { authorization: "Bearer x" } })).statusCode).toBe(
      401,
    );
    expect(
      (await h.request("GET", "/api/site", { headers: { authorization: "Basic YTpi" } })).statusCode,
    ).toBe(401);
    expect(
      (await h.request("GET", "/api/site", { headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    h.site.testClock.advance(61_000);
    expect(
      (await h.request("GET", "/api/site", { headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
  });
});
