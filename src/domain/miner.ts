// Vocabulary for miners. Vendor field names never appear here; drivers map them.
// Units are in the names: W, Ths (TH/s), C (degrees Celsius), S (seconds), Ms (milliseconds).

/** What a unit is doing, as far as its own telemetry tells. */
export type MinerState = "hashing" | "sleeping" | "starting" | "calibrating" | "fault" | "unreachable";

export const MINER_STATES: readonly MinerState[] = [
  "hashing",
  "sleeping",
  "starting",
  "calibrating",
  "fault",
  "unreachable",
];

export interface MinerIdentity {
  vendor: string;
  /** Normalised model name, e.g. "A1566HA", "A1566", "Q". */
  model: string;
  /** Firmware version string as the unit reports it. */
  firmware: string;
  /** Unit-unique id when the firmware offers one (Avalon DNA). */
  serial?: string;
  mac?: string;
  hashBoardCount?: number;
}

export interface PoolStatus {
  url: string;
  user: string;
  alive: boolean;
  active: boolean;
  priority: number;
  acceptedShares: number;
  rejectedShares: number;
}

export interface HashBoardStatus {
  index: number;
  hashrateThs: number;
  chipTempMaxC?: number;
  chipTempAvgC?: number;
  /** Vendor error code for the board; 0 = none. */
  errorCode: number;
  errorText?: string;
}

/** Normalised telemetry of one miner at one instant. */
export interface MinerStatus {
  state: MinerState;
  hashrateThs: number;
  hashrateAvgThs: number;
  /** Theoretical hashrate from clock settings, when reported. */
  hashrateNominalThs?: number;
  /** AC input power at the wall. */
  powerW: number;
  /** Where powerW came from: a wall-power reading, or an estimate when the unit does not report it. */
  powerSource: "wall" | "psu-output-estimate" | "mode-limit-estimate";
  /** Power limit of the active work mode (Avalon MPO). */
  modePowerLimitW?: number;
  workMode?: number;
  workLevel?: number;
  coolantInletC?: number;
  coolantOutletC?: number;
  boardTempMaxC?: number;
  chipTempMaxC?: number;
  chipTempAvgC?: number;
  psuErrorCode: number;
  psuErrors: string[];
  hashBoards: HashBoardStatus[];
  controlBoardErrorCode: number;
  uptimeS: number;
  pools: PoolStatus[];
  /** True while calibration is running and mode changes are refused. */
  calibrating: boolean;
}

/** Per-mode characteristics of a model: what the allocator and the physics model plan with. */
export interface WorkModeSpec {
  mode: number;
  name: string;
  powerW: number;
  hashrateThs: number;
}

export interface MinerModelSpec {
  vendor: string;
  model: string;
  hashBoards: number;
  chipsPerBoard: number;
  fans: number;
  cooling: "air" | "hydro" | "immersion";
  nameplatePowerW: number;
  nameplateHashrateThs: number;
  modes: WorkModeSpec[];
  /** Draw while soft-off (control board and PSU standby). */
  standbyPowerW: number;
}

/** Joules per terahash; lower is better. */
export function efficiencyJPerTh(powerW: number, hashrateThs: number): number {
  return hashrateThs > 0 ? powerW / hashrateThs : Number.POSITIVE_INFINITY;
}
