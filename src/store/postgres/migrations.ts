import type { Migration } from "../sql/driver.js";

// Versioned, append-only: a released migration is never edited, only followed by a new one. The SQLite list
// (../sqlite/migrations.ts) carries the same versions; here times are BIGINT and JSON is JSONB.
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE decisions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        target_power_w DOUBLE PRECISION NOT NULL,
        previous_target_power_w DOUBLE PRECISION,
        window_min_w DOUBLE PRECISION NOT NULL,
        window_max_w DOUBLE PRECISION NOT NULL,
        measured_power_w DOUBLE PRECISION,
        reasons_json JSONB NOT NULL,
        commands_json JSONB NOT NULL
      );
      CREATE INDEX decisions_at ON decisions(at_ms);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE site_telemetry (
        at_ms BIGINT PRIMARY KEY,
        target_power_w DOUBLE PRECISION NOT NULL,
        planned_power_w DOUBLE PRECISION NOT NULL,
        reported_power_w DOUBLE PRECISION NOT NULL,
        measured_power_w DOUBLE PRECISION,
        surplus_w DOUBLE PRECISION,
        price_jpy_per_kwh DOUBLE PRECISION,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        units_hashing DOUBLE PRECISION NOT NULL
      );
      CREATE TABLE site_telemetry_1m (
        bucket_ms BIGINT PRIMARY KEY,
        samples BIGINT NOT NULL,
        target_power_w DOUBLE PRECISION NOT NULL,
        planned_power_w DOUBLE PRECISION NOT NULL,
        reported_power_w DOUBLE PRECISION NOT NULL,
        measured_power_w DOUBLE PRECISION,
        surplus_w DOUBLE PRECISION,
        price_jpy_per_kwh DOUBLE PRECISION,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        units_hashing DOUBLE PRECISION NOT NULL
      );
      CREATE TABLE site_telemetry_15m (
        bucket_ms BIGINT PRIMARY KEY,
        samples BIGINT NOT NULL,
        target_power_w DOUBLE PRECISION NOT NULL,
        planned_power_w DOUBLE PRECISION NOT NULL,
        reported_power_w DOUBLE PRECISION NOT NULL,
        measured_power_w DOUBLE PRECISION,
        surplus_w DOUBLE PRECISION,
        price_jpy_per_kwh DOUBLE PRECISION,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        units_hashing DOUBLE PRECISION NOT NULL
      );
      CREATE TABLE unit_telemetry (
        unit_id TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        state TEXT NOT NULL,
        power_w DOUBLE PRECISION NOT NULL,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        coolant_outlet_c DOUBLE PRECISION,
        PRIMARY KEY (unit_id, at_ms)
      );
      CREATE INDEX unit_telemetry_at ON unit_telemetry(at_ms);
      CREATE TABLE unit_telemetry_1m (
        unit_id TEXT NOT NULL,
        bucket_ms BIGINT NOT NULL,
        samples BIGINT NOT NULL,
        hashing_share DOUBLE PRECISION NOT NULL,
        power_w DOUBLE PRECISION NOT NULL,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        coolant_outlet_c DOUBLE PRECISION,
        PRIMARY KEY (unit_id, bucket_ms)
      );
      CREATE INDEX unit_telemetry_1m_bucket ON unit_telemetry_1m(bucket_ms);
      CREATE TABLE unit_telemetry_15m (
        unit_id TEXT NOT NULL,
        bucket_ms BIGINT NOT NULL,
        samples BIGINT NOT NULL,
        hashing_share DOUBLE PRECISION NOT NULL,
        power_w DOUBLE PRECISION NOT NULL,
        hashrate_ths DOUBLE PRECISION NOT NULL,
        coolant_outlet_c DOUBLE PRECISION,
        PRIMARY KEY (unit_id, bucket_ms)
      );
      CREATE INDEX unit_telemetry_15m_bucket ON unit_telemetry_15m(bucket_ms);
      CREATE TABLE grid_events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        start_ms BIGINT NOT NULL,
        end_ms BIGINT NOT NULL,
        source TEXT,
        received_at_ms BIGINT NOT NULL,
        event_json JSONB NOT NULL
      );
      CREATE INDEX grid_events_start ON grid_events(start_ms);
      CREATE TABLE overrides (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        issued_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT NOT NULL,
        issued_by TEXT NOT NULL,
        lifted_at_ms BIGINT,
        override_json JSONB NOT NULL
      );
      CREATE INDEX overrides_issued ON overrides(issued_at_ms);
      CREATE TABLE users (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        password_hash TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        disabled_at_ms BIGINT
      );
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        secret_hash TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT,
        revoked_at_ms BIGINT,
        last_used_at_ms BIGINT
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(username);
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        result TEXT NOT NULL,
        detail_json JSONB NOT NULL,
        remote_address TEXT
      );
      CREATE INDEX audit_log_at ON audit_log(at_ms);
    `,
  },
];
