import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { DecisionQuery, DecisionRecord, DecisionStore, StoredDecision } from "../store.js";
import { SQLITE_MIGRATIONS } from "./migrations.js";

interface DecisionRow {
  id: number;
  at_ms: number;
  target_power_w: number;
  previous_target_power_w: number | null;
  window_min_w: number;
  window_max_w: number;
  measured_power_w: number | null;
  reasons_json: string;
  commands_json: string;
}

export class SqliteStore implements DecisionStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // WAL keeps every committed decision across a crash and lets readers (log, API) run beside the writer.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
    this.insert = this.db.prepare(
      `INSERT INTO decisions (at_ms, target_power_w, previous_target_power_w, window_min_w, window_max_w,
        measured_power_w, reasons_json, commands_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  private migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER)",
    );
    const applied = new Set(
      (this.db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare("INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)")
          .run(m.version, 0);
      })();
    }
  }

  appendDecision(r: DecisionRecord): number {
    const info = this.insert.run(
      r.atMs,
      r.targetPowerW,
      r.previousTargetPowerW,
      r.windowMinW,
      r.windowMaxW,
      r.measuredPowerW,
      JSON.stringify(r.reasons),
      JSON.stringify(r.commands),
    );
    return Number(info.lastInsertRowid);
  }

  listDecisions(q: DecisionQuery = {}): StoredDecision[] {
    const rows = this.db
      .prepare(`SELECT * FROM decisions WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms DESC, id DESC LIMIT ?`)
      .all(q.sinceMs ?? 0, q.untilMs ?? Number.MAX_SAFE_INTEGER, q.limit ?? 1000) as DecisionRow[];
    return rows.reverse().map((row) => ({
      id: row.id,
      atMs: row.at_ms,
      targetPowerW: row.target_power_w,
      previousTargetPowerW: row.previous_target_power_w,
      windowMinW: row.window_min_w,
      windowMaxW: row.window_max_w,
      measuredPowerW: row.measured_power_w,
      reasons: JSON.parse(row.reasons_json),
      commands: JSON.parse(row.commands_json),
    }));
  }

  close(): void {
    this.db.close();
  }
}
