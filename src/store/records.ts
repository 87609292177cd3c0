// What the store keeps, one type per table family. Times are ms since the epoch; powers W, hashrates TH/s.
import type { GridEvent, OperatorOverride } from "../domain/signals.js";

export interface StoredReason {
  rule: string;
  effect: string;
  detail: string;
}

export interface StoredCommand {
  unitId: string;
  action: string;
  mode?: number;
  acknowledged?: boolean;
  confirmed?: boolean;
  detail?: string;
}

export interface DecisionRecord {
  atMs: number;
  targetPowerW: number;
  previousTargetPowerW: number | null;
  windowMinW: number;
  windowMaxW: number;
  measuredPowerW: number | null;
  reasons: StoredReason[];
  commands: StoredCommand[];
}

export interface StoredDecision extends DecisionRecord {
  id: number;
}

/** One tick of the whole site. Absent inputs are null, never 0, so averages do not drag towards zero. */
export interface SiteSample {
  atMs: number;
  targetPowerW: number;
  plannedPowerW: number;
  reportedPowerW: number;
  measuredPowerW: number | null;
  surplusW: number | null;
  priceJpyPerKwh: number | null;
  hashrateThs: number;
  unitsHashing: number;
}

/** A raw SiteSample, or the average of the samples in one bucket (atMs = bucket start). */
export interface SitePoint extends SiteSample {
  samples: number;
}

export interface UnitSample {
  atMs: number;
  unitId: string;
  state: string;
  powerW: number;
  hashrateThs: number;
  coolantOutletC: number | null;
}

/** Downsampled points carry the share of samples spent hashing instead of a single state. */
export interface UnitPoint {
  atMs: number;
  unitId: string;
  /** The state of a raw sample; "mixed" for a bucket. */
  state: string;
  hashingShare: number;
  powerW: number;
  hashrateThs: number;
  coolantOutletC: number | null;
  samples: number;
}

export type Resolution = "raw" | "1m" | "15m";

export interface TimeRange {
  sinceMs?: number;
  untilMs?: number;
  /** Newest rows kept when more match; results are always oldest first. */
  limit?: number;
}

export interface DecisionQuery extends TimeRange {}

export interface TelemetryQuery extends TimeRange {
  resolution: Resolution;
}

export interface StoredGridEvent {
  event: GridEvent;
  receivedAtMs: number;
}

export interface StoredOverride {
  override: OperatorOverride;
  /** Set when an operator lifted it before its expiry. */
  liftedAtMs: number | null;
}

export type Role = "viewer" | "operator" | "admin";
export const ROLES: readonly Role[] = ["viewer", "operator", "admin"];

export interface UserRecord {
  username: string;
  role: Role;
  /** argon2id PHC string; never leaves the store except to the password check. */
  passwordHash: string;
  createdAtMs: number;
  disabledAtMs: number | null;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the secret part, hex. The secret itself is shown once and never stored. */
  secretHash: string;
  createdBy: string;
  createdAtMs: number;
  expiresAtMs: number | null;
  revokedAtMs: number | null;
  lastUsedAtMs: number | null;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value, hex: a copy of the database does not log anyone in. */
  idHash: string;
  username: string;
  createdAtMs: number;
  expiresAtMs: number;
}

export type AuditResult = "ok" | "failed" | "denied";

export interface AuditRecord {
  atMs: number;
  /** Username, "token:<id>", or "cli:<os user>". */
  actor: string;
  action: string;
  target: string | null;
  result: AuditResult;
  detail: Record<string, unknown>;
  remoteAddress: string | null;
}

export interface StoredAudit extends AuditRecord {
  id: number;
}

export interface AuditQuery extends TimeRange {
  actor?: string;
  action?: string;
}

export interface RetentionResult {
  rolledUp: Record<"site1m" | "site15m" | "unit1m" | "unit15m", number>;
  deleted: Record<"siteRaw" | "site1m" | "site15m" | "unitRaw" | "unit1m" | "unit15m" | "sessions", number>;
}
