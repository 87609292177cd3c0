import type { AuditQuery, AuditRecord, AuditResult, StoredAudit } from "../records.js";
import type { SqlDriver, SqlValue } from "./driver.js";
import { FAR_FUTURE_MS, json, limitOf, ms, num, str } from "./rows.js";

export async function appendAudit(db: SqlDriver, a: AuditRecord): Promise<number> {
  const rows = await db.query<{ id: unknown }>(
    `INSERT INTO audit_log (at_ms, actor, action, target, result, detail_json, remote_address)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [ms(a.atMs), a.actor, a.action, a.target, a.result, JSON.stringify(a.detail), a.remoteAddress],
  );
  return num(rows[0]?.id);
}

export async function listAudit(db: SqlDriver, q: AuditQuery = {}): Promise<StoredAudit[]> {
  const where = ["at_ms >= ?", "at_ms <= ?"];
  const params: SqlValue[] = [ms(q.sinceMs ?? 0), ms(q.untilMs ?? FAR_FUTURE_MS)];
  if (q.actor !== undefined) {
    where.push("actor = ?");
    params.push(q.actor);
  }
  if (q.action !== undefined) {
    where.push("action = ?");
    params.push(q.action);
  }
  params.push(limitOf(q.limit));
  const rows = await db.query(
    `SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY at_ms DESC, id DESC LIMIT ?`,
    params,
  );
  return rows.reverse().map((r) => ({
    id: num(r.id),
    atMs: num(r.at_ms),
    actor: str(r.actor),
    action: str(r.action),
    target: r.target === null ? null : str(r.target),
    result: str(r.result) as AuditResult,
    detail: json<Record<string, unknown>>(r.detail_json),
    remoteAddress: r.remote_address === null ? null : str(r.remote_address),
  }));
}
