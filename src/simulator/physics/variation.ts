import type { MinerPhysicsParams } from "./params.js";
import type { UnitVariation } from "./state.js";

function mixWord(h: number, w: number): number {
  let k = Math.imul(w | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

/**
 * 32-bit mix of up to four integers (murmur3 rounds and finaliser): deterministic and stateless. Fixed arity on
 * purpose: it runs per chip when per-chip telemetry is built, and rest parameters would allocate on every call.
 */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = mixWord(mixWord(mixWord(mixWord(0x811c9dc5, a), b), c), d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1), deterministic in its inputs. */
export function unit01(a: number, b = 0, c = 0, d = 0): number {
  return hash32(a, b, c, d) / 4294967296;
}

/** Uniform in [−1, 1). */
function signed(a: number, b = 0, c = 0): number {
  return unit01(a, b, c) * 2 - 1;
}

export function neutralVariation(boards: number): UnitVariation {
  return {
    powerFactor: 1,
    hashrateFactor: 1,
    boardShares: Array.from({ length: boards }, () => 1 / boards),
    boardTempOffsetsC: Array.from({ length: boards }, () => 0),
    rippleSeed: null,
  };
}

export function unitVariation(
  seed: number | null,
  boards: number,
  params: MinerPhysicsParams,
): UnitVariation {
  if (seed === null) return neutralVariation(boards);
  const raw = Array.from({ length: boards }, (_, b) => 1 + 0.02 * signed(seed, 3, b));
  const sum = raw.reduce((s, v) => s + v, 0);
  return {
    powerFactor: 1 + params.unitPowerSpread * signed(seed, 1),
    hashrateFactor: 1 + params.unitHashrateSpread * signed(seed, 2),
    boardShares: raw.map((v) => v / sum),
    boardTempOffsetsC: Array.from({ length: boards }, (_, b) => 1.5 * signed(seed, 4, b)),
    rippleSeed: hash32(seed, 5),
  };
}
