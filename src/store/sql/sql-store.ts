// One Store over any SqlDriver: the SQL is shared, only migrations and the driver differ per dialect.
import type { RetentionPolicy } from "../retention.js";
import { checkRetention } from "../retention.js";
import type {
  ApiTokenStore,
  AuditLog,
  DecisionQuery,
  DecisionRecord,
  GridEventLog,
  OverrideLog,
  SessionStore,
  Store,
  StoredDecision,
  TelemetryLog,
  UserStore,
} from "../store.js";
import { appendAudit, listAudit } from "./audit-log.js";
import { apiTokenStore, sessionStore, userStore } from "./auth-tables.js";
import { appendDecision, listDecisions } from "./decision-log.js";
import type { SqlDriver } from "./driver.js";
import {
  activeOverrides,
  appendOverride,
  liftOverride,
  listEvents,
  listOverrides,
  upsertEvent,
} from "./grid-logs.js";
import { compact } from "./rollup.js";
import { num } from "./rows.js";
import { appendSite, appendUnits, querySite, queryUnit } from "./telemetry-log.js";

export class SqlStore implements Store {
  readonly dialect: "sqlite" | "postgres";
  readonly telemetry: TelemetryLog;
  readonly events: GridEventLog;
  readonly overrides: OverrideLog;
  readonly users: UserStore;
  readonly tokens: ApiTokenStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  protected readonly db: SqlDriver;

  constructor(db: SqlDriver) {
    this.db = db;
    this.dialect = db.dialect;
    this.telemetry = {
      appendSite: (s) => appendSite(db, s),
      appendUnits: (u) => appendUnits(db, u),
      site: (q) => querySite(db, q),
      unit: (id, q) => queryUnit(db, id, q),
      compact: async (nowMs: number, policy: RetentionPolicy) => {
        checkRetention(policy);
        return compact(db, nowMs, policy);
      },
    };
    this.events = { upsert: (e, at) => upsertEvent(db, e, at), list: (r) => listEvents(db, r) };
    this.overrides = {
      append: (o) => appendOverride(db, o),
      lift: (id, at) => liftOverride(db, id, at),
      active: (now) => activeOverrides(db, now),
      list: (r) => listOverrides(db, r),
    };
    this.users = userStore(db);
    this.tokens = apiTokenStore(db);
    this.sessions = sessionStore(db);
    this.audit = { append: (a) => appendAudit(db, a), list: (q) => listAudit(db, q) };
  }

  appendDecision(record: DecisionRecord): Promise<number> {
    return appendDecision(this.db, record);
  }

  listDecisions(query?: DecisionQuery): Promise<StoredDecision[]> {
    return listDecisions(this.db, query);
  }

  async schemaVersions(): Promise<number[]> {
    const rows = await this.db.query("SELECT version FROM schema_migrations ORDER BY version");
    return rows.map((r) => num(r.version));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
