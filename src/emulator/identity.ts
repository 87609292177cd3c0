import { hash32 } from "../simulator/physics/index.js";

/** What makes one emulated unit distinguishable: fixed for a (site seed, index) pair. */
export interface UnitIdentity {
  /** 16 hex digits like real Avalon DNA; unique per index (odd multiplier is a bijection mod 2^32). */
  dna: string;
  /** 12 hex digits, Canaan's e0:e1:a9 prefix; unique for up to 16.7 M units. */
  mac: string;
  worker: string;
  /** Seed of this unit's physics variation. */
  physicsSeed: number;
  pingMs: number;
  memFreeKb: number;
}

function hex(n: number, digits: number): string {
  return (n >>> 0).toString(16).padStart(digits, "0").slice(-digits);
}

export function unitIdentity(siteSeed: number, index: number): UnitIdentity {
  const dnaBase = hash32(siteSeed, 0xd7a);
  const macBase = hash32(siteSeed, 0x3ac);
  return {
    dna: `02010000${hex((dnaBase + Math.imul(index, 0x9e3779b1)) >>> 0, 8)}`,
    mac: `e0e1a9${hex((macBase + index) & 0xffffff, 6)}`,
    worker: `gridminer.u${String(index + 1).padStart(4, "0")}`,
    physicsSeed: hash32(siteSeed, index, 0x5eed),
    pingMs: 15 + (hash32(siteSeed, index, 0x9) % 120),
    memFreeKb: 60_000 + (hash32(siteSeed, index, 0xa) % 9000),
  };
}
