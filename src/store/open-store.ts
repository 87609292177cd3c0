import { resolveDataDir, sqliteFile } from "./data-dir.js";
import { PostgresStore } from "./postgres/postgres-store.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

export interface StoreChoice {
  driver: "sqlite" | "postgres";
  /** SQLite: the data directory (default as resolveDataDir). */
  dataDir?: string;
  /** PostgreSQL: connection URL; GRIDMINER_POSTGRES_URL when absent. */
  postgresUrl?: string;
  postgresSchema?: string;
}

/** Opens the configured store, migrated and ready; says where it is for the startup log. */
export async function openStore(
  c: StoreChoice,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ store: Store; where: string }> {
  if (c.driver === "postgres") {
    const url = c.postgresUrl ?? env.GRIDMINER_POSTGRES_URL;
    if (url === undefined || url === "")
      throw new Error(
        "storage.driver is postgres but no storage.postgresUrl (or GRIDMINER_POSTGRES_URL) is set",
      );
    const store = await PostgresStore.open({
      url,
      ...(c.postgresSchema === undefined ? {} : { schema: c.postgresSchema }),
    });
    return { store, where: `postgres ${redactUrl(url)}` };
  }
  const file = sqliteFile(resolveDataDir(c.dataDir, env));
  return { store: new SqliteStore(file), where: file };
}

/** A URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
