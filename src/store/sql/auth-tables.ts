import type { ApiTokenRecord, Role, SessionRecord, UserRecord } from "../records.js";
import type { ApiTokenStore, SessionStore, UserStore } from "../store.js";
import type { SqlDriver, SqlRow, SqlValue } from "./driver.js";
import { ms, num, numOrNull, str } from "./rows.js";

function user(r: SqlRow): UserRecord {
  return {
    username: str(r.username),
    role: str(r.role) as Role,
    passwordHash: str(r.password_hash),
    createdAtMs: num(r.created_at_ms),
    disabledAtMs: numOrNull(r.disabled_at_ms),
  };
}

export function userStore(db: SqlDriver): UserStore {
  return {
    async create(u) {
      const n = await db.run(
        `INSERT INTO users (username, role, password_hash, created_at_ms, disabled_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING`,
        [u.username, u.role, u.passwordHash, ms(u.createdAtMs), u.disabledAtMs],
      );
      return n > 0;
    },
    async createFirstAdmin(u) {
      // One statement, so the check and the insert cannot be split by another writer on SQLite; on PostgreSQL the
      // setup token is single-use in the one process that serves it.
      const n = await db.run(
        `INSERT INTO users (username, role, password_hash, created_at_ms, disabled_at_ms)
         SELECT ?, 'admin', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')
         ON CONFLICT (username) DO NOTHING`,
        [u.username, u.passwordHash, ms(u.createdAtMs), u.disabledAtMs],
      );
      return n > 0;
    },
    async get(username) {
      const rows = await db.query("SELECT * FROM users WHERE username = ?", [username]);
      return rows[0] === undefined ? undefined : user(rows[0]);
    },
    async list() {
      return (await db.query("SELECT * FROM users ORDER BY username")).map(user);
    },
    async update(username, change) {
      const sets: string[] = [];
      const params: SqlValue[] = [];
      if (change.role !== undefined) {
        sets.push("role = ?");
        params.push(change.role);
      }
      if (change.passwordHash !== undefined) {
        sets.push("password_hash = ?");
        params.push(change.passwordHash);
      }
      if (change.disabledAtMs !== undefined) {
        sets.push("disabled_at_ms = ?");
        params.push(change.disabledAtMs === null ? null : ms(change.disabledAtMs));
      }
      if (sets.length === 0) return (await this.get(username)) !== undefined;
      return (
        (await db.run(`UPDATE users SET ${sets.join(", ")} WHERE username = ?`, [...params, username])) > 0
      );
    },
    async remove(username) {
      const n = await db.run("DELETE FROM users WHERE username = ?", [username]);
      await db.run("DELETE FROM sessions WHERE username = ?", [username]);
      return n > 0;
    },
    async countAdmins() {
      const rows = await db.query(
        "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at_ms IS NULL",
      );
      return num(rows[0]?.n ?? 0);
    },
  };
}

function token(r: SqlRow): ApiTokenRecord {
  return {
    id: str(r.id),
    name: str(r.name),
    role: str(r.role) as Role,
    secretHash: str(r.secret_hash),
    createdBy: str(r.created_by),
    createdAtMs: num(r.created_at_ms),
    expiresAtMs: numOrNull(r.expires_at_ms),
    revokedAtMs: numOrNull(r.revoked_at_ms),
    lastUsedAtMs: numOrNull(r.last_used_at_ms),
  };
}

export function apiTokenStore(db: SqlDriver): ApiTokenStore {
  return {
    async create(t) {
      await db.run(
        `INSERT INTO api_tokens (id, name, role, secret_hash, created_by, created_at_ms, expires_at_ms,
         revoked_at_ms, last_used_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          t.id,
          t.name,
          t.role,
          t.secretHash,
          t.createdBy,
          ms(t.createdAtMs),
          t.expiresAtMs === null ? null : ms(t.expiresAtMs),
          t.revokedAtMs === null ? null : ms(t.revokedAtMs),
          t.lastUsedAtMs === null ? null : ms(t.lastUsedAtMs),
        ],
      );
    },
    async get(id) {
      const rows = await db.query("SELECT * FROM api_tokens WHERE id = ?", [id]);
      return rows[0] === undefined ? undefined : token(rows[0]);
    },
    async list() {
      return (await db.query("SELECT * FROM api_tokens ORDER BY created_at_ms, id")).map(token);
    },
    async revoke(id, atMs) {
      const n = await db.run(
        "UPDATE api_tokens SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL",
        [ms(atMs), id],
      );
      return n > 0;
    },
    async touch(id, atMs) {
      await db.run("UPDATE api_tokens SET last_used_at_ms = ? WHERE id = ?", [ms(atMs), id]);
    },
  };
}

export function sessionStore(db: SqlDriver): SessionStore {
  return {
    async create(s: SessionRecord) {
      await db.run(
        "INSERT INTO sessions (id_hash, username, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)",
        [s.idHash, s.username, ms(s.createdAtMs), ms(s.expiresAtMs)],
      );
    },
    async get(idHash) {
      const rows = await db.query("SELECT * FROM sessions WHERE id_hash = ?", [idHash]);
      const r = rows[0];
      if (r === undefined) return undefined;
      return {
        idHash: str(r.id_hash),
        username: str(r.username),
        createdAtMs: num(r.created_at_ms),
        expiresAtMs: num(r.expires_at_ms),
      };
    },
    async remove(idHash) {
      await db.run("DELETE FROM sessions WHERE id_hash = ?", [idHash]);
    },
    async removeForUser(username) {
      return db.run("DELETE FROM sessions WHERE username = ?", [username]);
    },
  };
}
