import type { Migration } from "../sql/driver.js";

// Versioned, append-only: a released migration is never edited, only followed by a new one. The PostgreSQL list
// (../postgres/migrations.ts) carries the same versions with that dialect's types.
export const SQLITE_MIGRATIONS: readonly Migration[] = [
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
  {
    version: 2,
    sql: `
      CREATE TABLE site_telemetry (
        at_ms INTEGER PRIMARY KEY,
        target_power_w REAL NOT NULL,
        planned_power_w REAL NOT NULL,
        reported_power_w REAL NOT NULL,
        measured_power_w REAL,
        surplus_w REAL,
        price_jpy_per_kwh REAL,
        hashrate_ths REAL NOT NULL,
        units_hashing REAL NOT NULL
      );
      CREATE TABLE site_telemetry_1m (
        bucket_ms INTEGER PRIMARY KEY,
        samples INTEGER NOT NULL,
        target_power_w REAL NOT NULL,
        planned_power_w REAL NOT NULL,
        reported_power_w REAL NOT NULL,
        measured_power_w REAL,
        surplus_w REAL,
        price_jpy_per_kwh REAL,
        hashrate_ths REAL NOT NULL,
        units_hashing REAL NOT NULL
      );
      CREATE TABLE site_telemetry_15m (
        bucket_ms INTEGER PRIMARY KEY,
        samples INTEGER NOT NULL,
        target_power_w REAL NOT NULL,
        planned_power_w REAL NOT NULL,
        reported_power_w REAL NOT NULL,
        measured_power_w REAL,
        surplus_w REAL,
        price_jpy_per_kwh REAL,
        hashrate_ths REAL NOT NULL,
        units_hashing REAL NOT NULL
      );
      CREATE TABLE unit_telemetry (
        unit_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        power_w REAL NOT NULL,
        hashrate_ths REAL NOT NULL,
        coolant_outlet_c REAL,
        PRIMARY KEY (unit_id, at_ms)
      );
      CREATE INDEX unit_telemetry_at ON unit_telemetry(at_ms);
      CREATE TABLE unit_telemetry_1m (
        unit_id TEXT NOT NULL,
        bucket_ms INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        hashing_share REAL NOT NULL,
        power_w REAL NOT NULL,
        hashrate_ths REAL NOT NULL,
        coolant_outlet_c REAL,
        PRIMARY KEY (unit_id, bucket_ms)
      );
      CREATE INDEX unit_telemetry_1m_bucket ON unit_telemetry_1m(bucket_ms);
      CREATE TABLE unit_telemetry_15m (
        unit_id TEXT NOT NULL,
        bucket_ms INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        hashing_share REAL NOT NULL,
        power_w REAL NOT NULL,
        hashrate_ths REAL NOT NULL,
        coolant_outlet_c REAL,
        PRIMARY KEY (unit_id, bucket_ms)
      );
      CREATE INDEX unit_telemetry_15m_bucket ON unit_telemetry_15m(bucket_ms);
      CREATE TABLE grid_events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        source TEXT,
        received_at_ms INTEGER NOT NULL,
        event_json TEXT NOT NULL
      );
      CREATE INDEX grid_events_start ON grid_events(start_ms);
      CREATE TABLE overrides (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        issued_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        issued_by TEXT NOT NULL,
        lifted_at_ms INTEGER,
        override_json TEXT NOT NULL
      );
      CREATE INDEX overrides_issued ON overrides(issued_at_ms);
      CREATE TABLE users (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        password_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        disabled_at_ms INTEGER
      );
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        secret_hash TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER,
        revoked_at_ms INTEGER,
        last_used_at_ms INTEGER
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(username);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        result TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        remote_address TEXT
      );
      CREATE INDEX audit_log_at ON audit_log(at_ms);
    `,
  },
];
