import type { GridEvent, OperatorOverride } from "../../domain/signals.js";
import type { StoredGridEvent, StoredOverride, TimeRange } from "../records.js";
import type { SqlDriver } from "./driver.js";
import { FAR_FUTURE_MS, json, limitOf, ms, num, numOrNull } from "./rows.js";

export async function upsertEvent(db: SqlDriver, e: GridEvent, receivedAtMs: number): Promise<void> {
  await db.run(
    `INSERT INTO grid_events (id, kind, start_ms, end_ms, source, received_at_ms, event_json)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,
     start_ms = excluded.start_ms, end_ms = excluded.end_ms, source = excluded.source,
     received_at_ms = excluded.received_at_ms, event_json = excluded.event_json`,
    [e.id, e.kind, ms(e.startMs), ms(e.endMs), e.source ?? null, ms(receivedAtMs), JSON.stringify(e)],
  );
}

export async function listEvents(db: SqlDriver, r: TimeRange = {}): Promise<StoredGridEvent[]> {
  const rows = await db.query(
    `SELECT event_json, received_at_ms FROM grid_events WHERE end_ms > ? AND start_ms <= ?
     ORDER BY start_ms DESC, id DESC LIMIT ?`,
    [ms(r.sinceMs ?? 0), ms(r.untilMs ?? FAR_FUTURE_MS), limitOf(r.limit)],
  );
  return rows.reverse().map((row) => ({
    event: json<GridEvent>(row.event_json),
    receivedAtMs: num(row.received_at_ms),
  }));
}

export async function appendOverride(db: SqlDriver, o: OperatorOverride): Promise<void> {
  await db.run(
    `INSERT INTO overrides (id, kind, issued_at_ms, expires_at_ms, issued_by, lifted_at_ms, override_json)
     VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    [o.id, o.kind, ms(o.issuedAtMs), ms(o.expiresAtMs), o.by, JSON.stringify(o)],
  );
}

export async function liftOverride(db: SqlDriver, id: string, atMs: number): Promise<boolean> {
  const n = await db.run("UPDATE overrides SET lifted_at_ms = ? WHERE id = ? AND lifted_at_ms IS NULL", [
    ms(atMs),
    id,
  ]);
  return n > 0;
}

function storedOverride(row: Record<string, unknown>): StoredOverride {
  return { override: json<OperatorOverride>(row.override_json), liftedAtMs: numOrNull(row.lifted_at_ms) };
}

export async function activeOverrides(db: SqlDriver, nowMs: number): Promise<StoredOverride[]> {
  const rows = await db.query(
    `SELECT override_json, lifted_at_ms FROM overrides WHERE expires_at_ms > ? AND issued_at_ms <= ?
     AND lifted_at_ms IS NULL ORDER BY issued_at_ms, id`,
    [ms(nowMs), ms(nowMs)],
  );
  return rows.map(storedOverride);
}

export async function listOverrides(db: SqlDriver, r: TimeRange = {}): Promise<StoredOverride[]> {
  const rows = await db.query(
    `SELECT override_json, lifted_at_ms FROM overrides WHERE issued_at_ms >= ? AND issued_at_ms <= ?
     ORDER BY issued_at_ms DESC, id DESC LIMIT ?`,
    [ms(r.sinceMs ?? 0), ms(r.untilMs ?? FAR_FUTURE_MS), limitOf(r.limit)],
  );
  return rows.reverse().map(storedOverride);
}
