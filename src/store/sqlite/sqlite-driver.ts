import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Migration, SqlDriver, SqlRow, SqlStatement, SqlValue } from "../sql/driver.js";

export interface SqliteOptions {
  /**
   * "full" (default) makes every commit durable across power loss, at one fsync per transaction; "normal" is
   * durable across a crash of the process but may lose the last commits on power loss.
   */
  synchronous?: "full" | "normal";
}

/** better-sqlite3 is synchronous; the async surface only lets the shared SQL run on PostgreSQL as well. */
export class SqliteDriver implements SqlDriver {
  readonly dialect = "sqlite";
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, opts: SqliteOptions = {}) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // WAL: a commit is in the log before it returns, so kill -9 loses nothing committed, and readers (log, API)
    // run beside the writer.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma(`synchronous = ${opts.synchronous === "normal" ? "NORMAL" : "FULL"}`);
    this.db.pragma("busy_timeout = 5000");
  }

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.prepare(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.prepare(sql).run(...params).changes;
  }

  async batch(statements: readonly SqlStatement[]): Promise<void> {
    this.db.transaction(() => {
      for (const s of statements) this.prepare(s.sql).run(...(s.params ?? []));
    })();
  }

  /** Synchronous so that `new SqliteStore(file)` is ready to use at once. */
  migrateSync(migrations: readonly Migration[], nowMs: number): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER)",
    );
    // IMMEDIATE takes the write lock before reading, so two processes opening one file never both migrate.
    this.db
      .transaction(() => {
        const applied = this.appliedSync();
        for (const m of migrations) {
          if (applied.includes(m.version)) continue;
          this.db.exec(m.sql);
          this.db
            .prepare("INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)")
            .run(m.version, nowMs);
        }
      })
      .immediate();
  }

  appliedSync(): number[] {
    return (
      this.db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]
    ).map((r) => r.version);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
