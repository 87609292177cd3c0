import type { GridminerConfig } from "../config/schema.js";
import type { StoreChoice } from "../store/open-store.js";

/**
 * Where a reading command finds the history: the configuration's storage (SQLite or PostgreSQL) when one is given,
 * otherwise SQLite in the data directory; `--data-dir` wins over the configuration's.
 */
export function storeChoiceOf(cfg: GridminerConfig | undefined, dataDirArg: string | undefined): StoreChoice {
  const dataDir = dataDirArg ?? cfg?.storage.dataDir;
  const postgresUrl = cfg?.storage.postgresUrl;
  return {
    driver: cfg?.storage.driver ?? "sqlite",
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(postgresUrl === undefined ? {} : { postgresUrl }),
  };
}
