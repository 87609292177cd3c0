import { SqlStore } from "../sql/sql-store.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";
import { PostgresDriver, type PostgresOptions } from "./postgres-driver.js";

// Any fixed 64-bit number: every gridminer process migrating the same database takes the same lock.
const MIGRATION_LOCK = 0x676d_6d67;

/** History beyond one machine: several controllers, or long retention, in one PostgreSQL database. */
export class PostgresStore extends SqlStore {
  private constructor(driver: PostgresDriver) {
    super(driver);
  }

  /** Connects, creates the schema when missing and applies pending migrations, one process at a time. */
  static async open(opts: PostgresOptions): Promise<PostgresStore> {
    const driver = new PostgresDriver(opts);
    try {
      await migrate(driver, Date.now());
    } catch (e) {
      await driver.close();
      throw e;
    }
    return new PostgresStore(driver);
  }
}

async function migrate(driver: PostgresDriver, nowMs: number): Promise<void> {
  await driver.transaction(async (c) => {
    await c.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${driver.schema}`);
    await c.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_ms BIGINT)",
    );
    const applied = new Set(
      (await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await c.query(m.sql);
      await c.query("INSERT INTO schema_migrations (version, applied_ms) VALUES ($1, $2)", [
        m.version,
        nowMs,
      ]);
    }
  });
}
