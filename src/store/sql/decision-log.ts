import type { DecisionQuery, DecisionRecord, StoredDecision } from "../records.js";
import type { SqlDriver } from "./driver.js";
import { FAR_FUTURE_MS, json, limitOf, ms, num, numOrNull } from "./rows.js";

export async function appendDecision(db: SqlDriver, r: DecisionRecord): Promise<number> {
  const rows = await db.query<{ id: unknown }>(
    `INSERT INTO decisions (at_ms, target_power_w, previous_target_power_w, window_min_w, window_max_w,
      measured_power_w, reasons_json, commands_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      ms(r.atMs),
      r.targetPowerW,
      r.previousTargetPowerW,
      r.windowMinW,
      r.windowMaxW,
      r.measuredPowerW,
      JSON.stringify(r.reasons),
      JSON.stringify(r.commands),
    ],
  );
  return num(rows[0]?.id);
}

export async function listDecisions(db: SqlDriver, q: DecisionQuery = {}): Promise<StoredDecision[]> {
  const rows = await db.query(
    `SELECT * FROM decisions WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms DESC, id DESC LIMIT ?`,
    [ms(q.sinceMs ?? 0), ms(q.untilMs ?? FAR_FUTURE_MS), limitOf(q.limit)],
  );
  return rows.reverse().map((row) => ({
    id: num(row.id),
    atMs: num(row.at_ms),
    targetPowerW: num(row.target_power_w),
    previousTargetPowerW: numOrNull(row.previous_target_power_w),
    windowMinW: num(row.window_min_w),
    windowMaxW: num(row.window_max_w),
    measuredPowerW: numOrNull(row.measured_power_w),
    reasons: json(row.reasons_json),
    commands: json(row.commands_json),
  }));
}
