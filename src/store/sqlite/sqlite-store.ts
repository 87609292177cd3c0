import { SqlStore } from "../sql/sql-store.js";
import { SQLITE_MIGRATIONS } from "./migrations.js";
import { SqliteDriver, type SqliteOptions } from "./sqlite-driver.js";

/** The embedded default: one file in the data directory (or ":memory:"), migrated on open. */
export class SqliteStore extends SqlStore {
  constructor(file: string, opts: SqliteOptions = {}) {
    const driver = new SqliteDriver(file, opts);
    driver.migrateSync(SQLITE_MIGRATIONS, Date.now());
    super(driver);
  }
}
