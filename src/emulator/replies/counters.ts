import type { MinerReadings } from "../../simulator/physics/index.js";
import { POOL } from "../firmware.js";

/** cgminer's work and share counters, derived from the work done since boot so they stay consistent with it. */
export interface WorkCounters {
  elapsedS: number;
  /** Difficulty-1 shares: hashes / 2^32. */
  diff1: number;
  accepted: number;
  rejected: number;
  difficultyAccepted: number;
  difficultyRejected: number;
  bestShare: number;
  getworks: number;
  localWork: number;
  networkBlocks: number;
  /** Seconds since cgminer start of the last share, as "Last Share Time" reports it on these units. */
  lastShareTimeS: number;
  /** Epoch seconds of the last valid work. */
  lastValidWorkS: number;
  utility: number;
  workUtility: number;
  deviceRejectedPct: number;
  poolRejectedPct: number;
}

const HASHES_PER_DIFF1 = 4_294_967_296;

export function workCounters(r: MinerReadings): WorkCounters {
  const elapsedS = Math.floor(r.uptimeS);
  const diff1 = (r.totalHashTh * 1e12) / HASHES_PER_DIFF1;
  const shares = diff1 / POOL.shareDifficulty;
  const accepted = Math.floor(shares * (1 - POOL.rejectFraction));
  const rejected = Math.floor(shares * POOL.rejectFraction);
  const difficultyAccepted = accepted * POOL.shareDifficulty;
  const difficultyRejected = rejected * POOL.shareDifficulty;
  const perMinute = elapsedS > 0 ? 60 / elapsedS : 0;
  const bootMs = r.atMs - r.uptimeS * 1000;
  return {
    elapsedS,
    diff1,
    accepted,
    rejected,
    difficultyAccepted,
    difficultyRejected,
    bestShare: accepted > 0 ? POOL.shareDifficulty * Math.floor(20 + 10 * Math.log2(1 + accepted)) : 0,
    getworks: elapsedS > 0 ? Math.floor(elapsedS / 56) + 1 : 0,
    localWork: Math.floor(elapsedS * 5.07),
    networkBlocks: Math.floor(elapsedS / 600),
    lastShareTimeS:
      r.lastHashingAtMs === null ? 0 : Math.max(0, Math.floor((r.lastHashingAtMs - bootMs) / 1000)),
    lastValidWorkS: r.lastHashingAtMs === null ? 0 : Math.floor(r.lastHashingAtMs / 1000),
    utility: accepted * perMinute,
    workUtility: diff1 * perMinute,
    deviceRejectedPct: diff1 > 0 ? (difficultyRejected / diff1) * 100 : 0,
    poolRejectedPct:
      difficultyAccepted + difficultyRejected > 0
        ? (difficultyRejected / (difficultyAccepted + difficultyRejected)) * 100
        : 0,
  };
}

/** Block height a pool would report at an epoch second (one block per 600 s from a fixed reference). */
export function blockHeightAt(epochS: number): number {
  return 877_000 + Math.floor((epochS - 1_735_689_600) / 600);
}
