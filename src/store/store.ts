// The persistence port. The runtime writes through it; the CLI and API read through it. Every method is async so
// that a networked database fits behind it. Implementations: sqlite/ (embedded default) and postgres/ (history
// beyond one machine); both pass test/contracts/store.contract.ts.
import type { GridEvent, OperatorOverride } from "../domain/signals.js";
import type {
  ApiTokenRecord,
  AuditQuery,
  AuditRecord,
  DecisionQuery,
  DecisionRecord,
  RetentionResult,
  Role,
  SessionRecord,
  SitePoint,
  SiteSample,
  StoredAudit,
  StoredDecision,
  StoredGridEvent,
  StoredOverride,
  TelemetryQuery,
  TimeRange,
  UnitPoint,
  UnitSample,
  UserRecord,
} from "./records.js";
import type { RetentionPolicy } from "./retention.js";

export type * from "./records.js";

/** The part the control loop needs: one row per logged decision. */
export interface DecisionStore {
  appendDecision(record: DecisionRecord): Promise<number>;
  listDecisions(query?: DecisionQuery): Promise<StoredDecision[]>;
  close(): Promise<void>;
}

export interface TelemetryLog {
  appendSite(sample: SiteSample): Promise<void>;
  /** All samples of one tick in one transaction. */
  appendUnits(samples: readonly UnitSample[]): Promise<void>;
  site(query: TelemetryQuery): Promise<SitePoint[]>;
  unit(unitId: string, query: TelemetryQuery): Promise<UnitPoint[]>;
  /** Rolls raw rows up into 1- and 15-minute averages, then deletes what the policy no longer keeps. Idempotent. */
  compact(nowMs: number, policy: RetentionPolicy): Promise<RetentionResult>;
}

export interface GridEventLog {
  /** Inserts, or replaces the event with the same id (a VTN may revise an event). */
  upsert(event: GridEvent, receivedAtMs: number): Promise<void>;
  /** Events that overlap the range (endMs > sinceMs and startMs <= untilMs), by start. */
  list(range?: TimeRange): Promise<StoredGridEvent[]>;
}

export interface OverrideLog {
  append(override: OperatorOverride): Promise<void>;
  lift(id: string, atMs: number): Promise<boolean>;
  /** Not expired and not lifted at nowMs, oldest first. */
  active(nowMs: number): Promise<StoredOverride[]>;
  /** Issued within the range, oldest first. */
  list(range?: TimeRange): Promise<StoredOverride[]>;
}

export interface UserStore {
  /** false when the username is taken. */
  create(user: UserRecord): Promise<boolean>;
  /** Creates the user as admin only when no admin exists yet, atomically; false otherwise. */
  createFirstAdmin(user: Omit<UserRecord, "role">): Promise<boolean>;
  get(username: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  update(
    username: string,
    change: { role?: Role; passwordHash?: string; disabledAtMs?: number | null },
  ): Promise<boolean>;
  remove(username: string): Promise<boolean>;
  countAdmins(): Promise<number>;
}

export interface ApiTokenStore {
  create(token: ApiTokenRecord): Promise<void>;
  get(id: string): Promise<ApiTokenRecord | undefined>;
  list(): Promise<ApiTokenRecord[]>;
  revoke(id: string, atMs: number): Promise<boolean>;
  touch(id: string, atMs: number): Promise<void>;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  remove(idHash: string): Promise<void>;
  removeForUser(username: string): Promise<number>;
}

export interface AuditLog {
  append(entry: AuditRecord): Promise<number>;
  list(query?: AuditQuery): Promise<StoredAudit[]>;
}

export interface Store extends DecisionStore {
  readonly dialect: "sqlite" | "postgres";
  readonly telemetry: TelemetryLog;
  readonly events: GridEventLog;
  readonly overrides: OverrideLog;
  readonly users: UserStore;
  readonly tokens: ApiTokenStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  /** Applied migration versions, ascending. */
  schemaVersions(): Promise<number[]>;
}
