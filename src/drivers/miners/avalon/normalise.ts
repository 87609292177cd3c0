import { DriverError } from "../../../domain/errors.js";
import type { HashBoardStatus, MinerStatus } from "../../../domain/miner.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import { fieldNumber, sectionEntries } from "../../protocols/cgminer/sections.js";
import { describeBoardError } from "./board-errors.js";
import type { AvalonStats, BracketFields } from "./estats.js";
import { avalonModelSpec } from "./models.js";
import { readPools } from "./pools.js";
import { readPower } from "./power.js";
import { decodePsuErrors } from "./psu-errors.js";
import { classifyState, readWorkPhase } from "./state.js";

const GHS_PER_THS = 1_000;
const MHS_PER_THS = 1_000_000;

export interface AvalonTelemetry {
  stats: AvalonStats;
  summary?: CgminerReply;
  devs?: CgminerReply;
  pools?: CgminerReply;
  /** Normalised model name from identification; decides coolant mapping and PS layout. */
  model: string;
}

// Hydro units report coolant through the air-cooled field names; asic-rs (PR #307) maps them this way for the
// 1566HA. The "HU" sibling is the 3-board hydro variant.
function isHydro(model: string): boolean {
  return avalonModelSpec(model)?.cooling === "hydro" || /^A\d{4}H[AU]$/i.test(model);
}

// The Nano 3 (non-S) fills PS with a different layout (PS[0 0 0 3 2792 89 324] at ~90 W), so only MPO is usable.
function psLayoutKnown(model: string): boolean {
  return model !== "Nano3";
}

/** Maps Avalon telemetry to the domain status. Fields the mapping needs but cannot read make it "unsupported". */
export function normaliseAvalonStatus(t: AvalonTelemetry, host: string): MinerStatus {
  const f = t.stats.fields;
  const summary = sectionEntries(t.summary ?? {}, "SUMMARY")?.[0];
  const devs = sectionEntries(t.devs ?? {}, "DEVS")?.[0];

  const hashrateThs = currentHashrateThs(f, summary, devs, host);
  const hashrateAvgThs = averageHashrateThs(f, summary, devs, host);
  const phase = readWorkPhase(f);
  const softOff = f.number("SoftOFF") ?? 0;
  const adj = f.number("ADJ");
  const controlBoardErrorCode = f.number("ECMM") ?? 0;
  const boardErrorCodes = f.numbers("ECHU") ?? [];

  // Power needs the state (MPO only stands in while hashing) and the state needs the PSU error: take the PSU error
  // with a provisional state first; only the "sleeping" case changes what readPower accepts.
  const provisional = classifyState({
    phase,
    stateIndex: f.number("STATE"),
    softOff,
    hashrateThs,
    adj,
    controlBoardErrorCode,
    boardErrorCodes,
    psuErrorCode: 0,
  });
  const power = readPower(f, provisional, { psLayoutKnown: psLayoutKnown(t.model) });
  const state = power.psuErrorCode !== 0 ? "fault" : provisional;

  const status: MinerStatus = {
    state,
    hashrateThs,
    hashrateAvgThs,
    powerW: power.powerW,
    powerSource: power.powerSource,
    psuErrorCode: power.psuErrorCode,
    psuErrors: decodePsuErrors(power.psuErrorCode),
    hashBoards: readHashBoards(t.stats, boardErrorCodes),
    controlBoardErrorCode,
    uptimeS: uptimeS(t.stats, summary, host),
    pools: readPools(t.pools, host),
    calibrating: adj === 0,
  };
  setIfDefined(status, "hashrateNominalThs", scaled(f.number("GHSmm"), GHS_PER_THS));
  setIfDefined(status, "modePowerLimitW", f.number("MPO"));
  setIfDefined(status, "workMode", f.number("WORKMODE"));
  setIfDefined(status, "workLevel", f.number("WORKLEVEL"));
  if (isHydro(t.model)) {
    setIfDefined(status, "coolantInletC", f.number("ITemp"));
    setIfDefined(status, "coolantOutletC", f.number("HBOTemp"));
  }
  const boardMaxes = status.hashBoards.flatMap((b) => (b.chipTempMaxC === undefined ? [] : [b.chipTempMaxC]));
  setIfDefined(status, "boardTempMaxC", reading(f.number("HBITemp")) ?? maxOf(boardMaxes));
  setIfDefined(status, "chipTempMaxC", reading(f.number("TMax")) ?? maxOf(boardMaxes));
  setIfDefined(
    status,
    "chipTempAvgC",
    reading(f.number("TAvg")) ?? meanOf(positive(f.numbers("MTavg") ?? [])),
  );
  return status;
}

function currentHashrateThs(
  f: BracketFields,
  summary: Record<string, unknown> | undefined,
  devs: Record<string, unknown> | undefined,
  host: string,
): number {
  const ghs = f.number("GHSspd");
  if (ghs !== undefined) return ghs / GHS_PER_THS;
  // A10-era firmware has no GHSspd; cgminer's own 1-minute rate is the closest to "now".
  const mhs = fromEntry(summary, "MHS 1m", host) ?? fromEntry(devs, "MHS 1m", host);
  if (mhs !== undefined) return mhs / MHS_PER_THS;
  throw f.unsupported("GHSspd", "GHSspd is missing and no summary/devs MHS 1m was given");
}

function averageHashrateThs(
  f: BracketFields,
  summary: Record<string, unknown> | undefined,
  devs: Record<string, unknown> | undefined,
  host: string,
): number {
  const ghs = f.number("GHSavg");
  if (ghs !== undefined) return ghs / GHS_PER_THS;
  const mhs = fromEntry(summary, "MHS av", host) ?? fromEntry(devs, "MHS av", host);
  if (mhs !== undefined) return mhs / MHS_PER_THS;
  throw f.unsupported("GHSavg", "GHSavg is missing and no summary/devs MHS av was given");
}

function uptimeS(stats: AvalonStats, summary: Record<string, unknown> | undefined, host: string): number {
  const elapsed =
    stats.fields.number("Elapsed") ?? stats.entryElapsedS ?? fromEntry(summary, "Elapsed", host);
  if (elapsed === undefined) {
    throw new DriverError("unsupported", `${host}: no Elapsed in stats or summary`, {
      host,
      field: "Elapsed",
    });
  }
  return elapsed;
}

function readHashBoards(stats: AvalonStats, errorCodes: readonly number[]): HashBoardStatus[] {
  const f = stats.fields;
  const perBoardGhs = f.numbers("MGHS") ?? [];
  const maxC = f.numbers("MTmax") ?? [];
  const avgC = f.numbers("MTavg") ?? [];
  const declared = Number(/Hash Board:\s*(\d+)/.exec(f.text("SYSTEMSTATU") ?? "")?.[1] ?? 0);
  const count = Math.max(declared, perBoardGhs.length, errorCodes.length, maxC.length, stats.boards.length);
  const boards: HashBoardStatus[] = [];
  for (let i = 0; i < count; i++) {
    // Per-chip temperatures live in the main string (classic) or in HBinfo (summary shape); 0 = no reading.
    const chips = positive(f.numbers(`PVT_T${i}`) ?? stats.boards[i]?.numbers(`PVT_T${i}`) ?? []);
    const errorCode = errorCodes[i] ?? 0;
    // MGHS is the board's average since the control board started, not an instantaneous rate.
    const board: HashBoardStatus = { index: i, hashrateThs: (perBoardGhs[i] ?? 0) / GHS_PER_THS, errorCode };
    setIfDefined(board, "chipTempMaxC", reading(maxC[i]) ?? maxOf(chips));
    setIfDefined(board, "chipTempAvgC", reading(avgC[i]) ?? meanOf(chips));
    setIfDefined(board, "errorText", describeBoardError(errorCode));
    boards.push(board);
  }
  return boards;
}

function fromEntry(
  entry: Record<string, unknown> | undefined,
  key: string,
  host: string,
): number | undefined {
  return entry === undefined ? undefined : fieldNumber(entry, key, host);
}

function scaled(value: number | undefined, divisor: number): number | undefined {
  return value === undefined ? undefined : value / divisor;
}

// Avalon reports 0 for temperatures it has no sensor reading for (boards powered down in soft-off).
function reading(value: number | undefined): number | undefined {
  return value === undefined || value === 0 ? undefined : value;
}

function positive(values: readonly number[]): number[] {
  return values.filter((v) => v > 0);
}

function maxOf(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : Math.max(...values);
}

function meanOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

// exactOptionalPropertyTypes: optional fields are either present with a value or absent, never `undefined`.
function setIfDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
