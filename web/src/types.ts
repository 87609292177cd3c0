// The JSON the dashboard reads, as the API sends it (src/api/views.ts and src/api/routes/*.ts). Powers are W at the
// grid connection, times ms since the epoch, as everywhere in gridminer.

export type Role = "viewer" | "operator" | "admin";

export interface Me {
  username: string;
  role: Role;
  kind: "user" | "token";
}

export interface Reason {
  rule: string;
  effect: string;
  detail: string;
}

export interface SiteState {
  site: string;
  atMs: number | null;
  targetPowerW: number | null;
  plannedPowerW: number | null;
  windowMinW: number | null;
  windowMaxW: number | null;
  reportedPowerW: number | null;
  measuredPowerW: number | null;
  hashrateThs: number;
  surplusW: number | null;
  priceJpyPerKwh: number | null;
  units: { total: number; byState: Record<string, number> };
  commands: number;
  overrides: number;
  events: number;
  reasons: Reason[];
  urgent: string | null;
  pollMs: number | null;
}

export type MinerState = "hashing" | "sleeping" | "starting" | "calibrating" | "fault" | "unreachable";

export interface PendingCommand {
  action: string;
  mode?: number;
  atMs: number;
}

export interface UnitSummary {
  id: string;
  model: string;
  state: MinerState;
  workMode: number | null;
  powerW: number;
  hashrateThs: number;
  coolantOutletC: number | null;
  readAtMs: number;
  lastError: string | null;
  pending: PendingCommand | null;
}

export interface WorkMode {
  mode: number;
  name: string;
  powerW: number;
  hashrateThs: number;
}

export interface HashBoard {
  index: number;
  hashrateThs: number;
  chipTempMaxC?: number;
  chipTempAvgC?: number;
  errorCode: number;
  errorText?: string;
}

export interface UnitDetail extends UnitSummary {
  identity: { vendor?: string; model?: string; firmware?: string; serial?: string; mac?: string };
  modes: WorkMode[];
  status: {
    coolantInletC?: number;
    coolantOutletC?: number;
    chipTempMaxC?: number;
    boardTempMaxC?: number;
    uptimeS?: number;
    powerSource?: string;
    modePowerLimitW?: number;
    hashrateAvgThs?: number;
    psuErrors?: string[];
    hashBoards?: HashBoard[];
    pools?: { url: string; user: string; alive: boolean; active: boolean }[];
  } | null;
}

export interface Fleet {
  total: number;
  byState: Record<string, number>;
  powerW: number;
  hashrateThs: number;
  units: UnitSummary[];
}

export interface ReadingView {
  ok: boolean;
  value: number | null;
  atMs: number;
  ageS: number;
  error?: string;
}

interface TimedEvent {
  id: string;
  startMs: number;
  endMs: number;
  source?: string;
}

export type GridEvent =
  | (TimedEvent & { kind: "import-limit"; limitW: number })
  | (TimedEvent & { kind: "setpoint"; powerW: number })
  | (TimedEvent & { kind: "shed-level"; level: number })
  | (TimedEvent & { kind: "shed-to-floor" });

export type OverrideKind = "cap" | "hold" | "shed" | "unit-off" | "release";

export interface Override {
  id: string;
  kind: OverrideKind;
  issuedAtMs: number;
  expiresAtMs: number;
  by: string;
  note?: string;
  maxW?: number;
  unitIds?: string[];
}

export interface PlanSlot {
  startMs: number;
  endMs: number;
  targetW: number;
  toleranceW?: number;
}

export interface Signals {
  atMs: number;
  surplusW: ReadingView | null;
  energyPriceJpyPerKwh: ReadingView | null;
  hashpriceJpyPerThsDay: ReadingView | null;
  frequencyHz: ReadingView | null;
  nominalHz: number | null;
  importLimitW: number | null;
  events: GridEvent[];
  overrides: Override[];
  plan: PlanSlot | null;
}

export interface SitePoint {
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

export interface UnitPoint {
  atMs: number;
  state: string;
  powerW: number;
  hashrateThs: number;
  coolantOutletC: number | null;
}

export interface StoredCommand {
  unitId: string;
  action: string;
  mode?: number;
  acknowledged?: boolean;
  detail?: string;
}

export interface Decision {
  id: number;
  atMs: number;
  targetPowerW: number;
  previousTargetPowerW: number | null;
  windowMinW: number;
  windowMaxW: number;
  measuredPowerW: number | null;
  reasons: Reason[];
  commands: StoredCommand[];
}

export interface SiteConfig {
  site?: { name?: string; timezone?: string; importLimitW?: number; floorPowerW?: number };
  control?: { marginJpyPerKwh?: number; policy?: string; intervalS?: number };
}

export interface EnergyReport {
  sinceMs: number;
  untilMs: number;
  energyKwh: number;
  surplusKwh: number;
  gridKwh: number;
  greenShare: number | null;
  gridCostJpy: number;
  meanHashrateThs: number;
  decisions: number;
  commands: number;
}

/** Demand-response performance (src/api/dr-view.ts). Powers W, energies kWh. */
export type BaselineMethod = "high-x-of-y" | "pre-event-mean" | "none";

export type DayType = "weekday" | "non-weekday";

export type LikeDayExclusion = "event-day" | "no-data" | "low-usage" | "not-highest";

export interface LikeDay {
  /** Site-local date, YYYY-MM-DD. */
  date: string;
  /** Mean power over the event window on that day; null without enough telemetry. */
  meanW: number | null;
  used: boolean;
  excludedBecause?: LikeDayExclusion;
}

export interface BaselineSlot {
  startMs: number;
  endMs: number;
  /** The average of the like days used. */
  unadjustedW: number;
  /** After the same-day adjustment. */
  baselineW: number;
}

export interface DrBaseline {
  /** The method actually used: a fallback shows here when too few like days were on record. */
  method: BaselineMethod;
  dayType: DayType;
  daysWanted: number;
  highestWanted: number;
  days: LikeDay[];
  /** Added to every slot; null when not applied. */
  adjustmentW: number | null;
  slots: BaselineSlot[];
  notes: string[];
}

export interface PerformanceSlot extends BaselineSlot {
  actualW: number | null;
  capW: number;
  requestedReductionW: number;
  /** Baseline minus actual; negative when the site drew more than its baseline. */
  deliveredReductionW: number | null;
}

export interface EventPerformance {
  eventId: string;
  kind: string;
  source: string | null;
  startMs: number;
  endMs: number;
  receivedAtMs: number;
  /** The event's end, or the server's now while it runs. */
  evaluatedUntilMs: number;
  status: "complete" | "in-progress";
  capW: number;
  toleranceW: number;
  baseline: DrBaseline;
  /** Only the slots evaluated so far. */
  slots: PerformanceSlot[];
  baselineKwh: number;
  actualKwh: number;
  requestedReductionKwh: number;
  deliveredReductionKwh: number;
  meanDeliveredReductionW: number | null;
  compliancePct: number | null;
  capHeldPct: number | null;
  responseLatencyMs: number | null;
  decisionLatencyMs: number | null;
}

export interface DrReport {
  sinceMs: number;
  untilMs: number;
  events: EventPerformance[];
}
