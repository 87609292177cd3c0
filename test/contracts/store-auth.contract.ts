import { expect, it } from "vitest";
import type { ApiTokenRecord, Store, UserRecord } from "../../src/store/store.js";

// Users, API tokens, sessions and the audit log: part of the Store contract, run by runStoreContract.
const T0 = Date.UTC(2026, 3, 1);

function user(username: string, role: UserRecord["role"]): UserRecord {
  return { username, role, passwordHash: `$argon2id$fake-${username}`, createdAtMs: T0, disabledAtMs: null };
}

function token(id: string, over: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id,
    name: `scraper ${id}`,
    role: "viewer",
    secretHash: "ab".repeat(32),
    createdBy: "root",
    createdAtMs: T0,
    expiresAtMs: null,
    revokedAtMs: null,
    lastUsedAtMs: null,
    ...over,
  };
}

export function runStoreAuthContract(open: () => Promise<Store>): void {
  it("creates users once, updates and removes them, and counts enabled admins", async () => {
    const s = await open();
    expect(await s.users.create(user("ana", "operator"))).toBe(true);
    expect(await s.users.create(user("ana", "viewer"))).toBe(false);
    expect(await s.users.get("ana")).toEqual(user("ana", "operator"));
    expect(await s.users.get("nobody")).toBeUndefined();
    expect(await s.users.countAdmins()).toBe(0);
    await s.users.create(user("root", "admin"));
    expect(await s.users.countAdmins()).toBe(1);
    expect(await s.users.update("ana", { role: "admin", passwordHash: "new" })).toBe(true);
    expect(await s.users.update("ghost", { role: "admin" })).toBe(false);
    expect(await s.users.get("ana")).toMatchObject({ role: "admin", passwordHash: "new" });
    expect(await s.users.update("ana", { disabledAtMs: T0 + 5 })).toBe(true);
    expect(await s.users.countAdmins()).toBe(1);
    expect((await s.users.list()).map((u) => [u.username, u.disabledAtMs])).toEqual([
      ["ana", T0 + 5],
      ["root", null],
    ]);
    await s.sessions.create({ idHash: "h1", username: "ana", createdAtMs: T0, expiresAtMs: T0 + 1000 });
    expect(await s.users.remove("ana")).toBe(true);
    expect(await s.users.remove("ana")).toBe(false);
    expect(await s.sessions.get("h1")).toBeUndefined();
  });

  it("creates the first admin only while there is none", async () => {
    const s = await open();
    const { role: _role, ...first } = user("first", "admin");
    expect(await s.users.createFirstAdmin(first)).toBe(true);
    expect((await s.users.get("first"))?.role).toBe("admin");
    const { role: _r2, ...second } = user("second", "admin");
    expect(await s.users.createFirstAdmin(second)).toBe(false);
    expect(await s.users.get("second")).toBeUndefined();
  });

  it("keeps API tokens, revokes once and records their last use", async () => {
    const s = await open();
    await s.tokens.create(token("t1"));
    await s.tokens.create(token("t2", { role: "operator", expiresAtMs: T0 + 1000 }));
    await expect(s.tokens.create(token("t1"))).rejects.toThrow();
    expect(await s.tokens.get("t1")).toEqual(token("t1"));
    expect(await s.tokens.revoke("t1", T0 + 10)).toBe(true);
    expect(await s.tokens.revoke("t1", T0 + 20)).toBe(false);
    await s.tokens.touch("t2", T0 + 30);
    expect(
      (await s.tokens.list()).map((t) => [t.id, t.role, t.revokedAtMs, t.lastUsedAtMs, t.expiresAtMs]),
    ).toEqual([
      ["t1", "viewer", T0 + 10, null, null],
      ["t2", "operator", null, T0 + 30, T0 + 1000],
    ]);
    expect(await s.tokens.get("t3")).toBeUndefined();
  });

  it("keeps sessions until removed or expired", async () => {
    const s = await open();
    await s.sessions.create({ idHash: "a", username: "ana", createdAtMs: T0, expiresAtMs: T0 + 1000 });
    await s.sessions.create({ idHash: "b", username: "ana", createdAtMs: T0, expiresAtMs: T0 + 9000 });
    await s.sessions.create({ idHash: "c", username: "bob", createdAtMs: T0, expiresAtMs: T0 + 9000 });
    expect(await s.sessions.get("a")).toEqual({
      idHash: "a",
      username: "ana",
      createdAtMs: T0,
      expiresAtMs: T0 + 1000,
    });
    const r = await s.telemetry.compact(T0 + 1000, {
      site: { rawMs: 3600_000, minuteMs: 3600_000, quarterMs: null },
      unit: { rawMs: 3600_000, minuteMs: 3600_000, quarterMs: null },
    });
    expect(r.deleted.sessions).toBe(1);
    expect(await s.sessions.get("a")).toBeUndefined();
    await s.sessions.remove("c");
    expect(await s.sessions.get("c")).toBeUndefined();
    expect(await s.sessions.removeForUser("ana")).toBe(1);
    expect(await s.sessions.get("b")).toBeUndefined();
  });

  it("appends audit entries and lists them oldest first, filtered and limited", async () => {
    const s = await open();
    const entry = (atMs: number, actor: string, action: string) => ({
      atMs,
      actor,
      action,
      target: action === "unit.sleep" ? "127.0.1.5:4028" : null,
      result: "ok" as const,
      detail: { until: "2026-04-01T01:00:00Z", units: [1, 2], nested: { ok: true } },
      remoteAddress: "127.0.0.1",
    });
    const id1 = await s.audit.append(entry(T0 + 2, "ana", "unit.sleep"));
    await s.audit.append(entry(T0 + 1, "bob", "override.create"));
    await s.audit.append({ ...entry(T0 + 3, "ana", "login"), result: "denied", remoteAddress: null });
    const all = await s.audit.list();
    expect(all.map((a) => [a.atMs, a.actor, a.action, a.result])).toEqual([
      [T0 + 1, "bob", "override.create", "ok"],
      [T0 + 2, "ana", "unit.sleep", "ok"],
      [T0 + 3, "ana", "login", "denied"],
    ]);
    expect(all[1]).toEqual({ id: id1, ...entry(T0 + 2, "ana", "unit.sleep") });
    expect(all[2]?.remoteAddress).toBeNull();
    expect((await s.audit.list({ actor: "ana" })).map((a) => a.action)).toEqual(["unit.sleep", "login"]);
    expect((await s.audit.list({ action: "login" })).map((a) => a.actor)).toEqual(["ana"]);
    expect((await s.audit.list({ limit: 1 })).map((a) => a.atMs)).toEqual([T0 + 3]);
    expect((await s.audit.list({ sinceMs: T0 + 2, untilMs: T0 + 2 })).map((a) => a.id)).toEqual([id1]);
  });
}
