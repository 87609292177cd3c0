// The persistence port. The runtime writes through it; the CLI and API read through it.
// Implementations: sqlite/ (embedded default). Every implementation must pass test/contracts/store.contract.ts.

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

export interface DecisionQuery {
  sinceMs?: number;
  untilMs?: number;
  limit?: number;
}

export interface DecisionStore {
  appendDecision(record: DecisionRecord): number;
  listDecisions(query?: DecisionQuery): StoredDecision[];
  close(): void;
}
