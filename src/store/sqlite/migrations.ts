// Versioned, append-only: a released migration is never edited, only followed by a new one.
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        target_power_w REAL NOT NULL,
        previous_target_power_w REAL,
        window_min_w REAL NOT NULL,
        window_max_w REAL NOT NULL,
        measured_power_w REAL,
        reasons_json TEXT NOT NULL,
        commands_json TEXT NOT NULL
      );
      CREATE INDEX decisions_at ON decisions(at_ms);
    `,
  },
];
