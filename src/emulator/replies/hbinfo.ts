import { hash32, type MinerReadings } from "../../simulator/physics/index.js";

// Per-chip arrays of the "HBinfo" string, one `'HB<b>':{PVT_T<b>[…] PVT_V<b>[…] MW<b>[…]}` block per board. Chip
// values are a fixed per-chip pattern around the board's readings; the string is built only when asked for.

/** Chip k's position in [−1, 1] within its board's spread; chip 0 is the hottest so the board maximum is shown. */
function chipWeight(seed: number, board: number, chip: number): number {
  if (chip === 0) return 1;
  return (hash32(seed, board, chip, 0x7e) / 4294967296) * 2 - 1;
}

/**
 * Per-chip weights for temperature, voltage and matching work, ×127 in an Int8Array (about 2 KB per unit),
 * so a poll of every unit's per-chip data hashes nothing.
 */
export function chipPattern(seed: number, boards: number, chipsPerBoard: number): Int8Array {
  const n = boards * chipsPerBoard;
  const pattern = new Int8Array(3 * n);
  for (let b = 0; b < boards; b++) {
    for (let k = 0; k < chipsPerBoard; k++) {
      const i = b * chipsPerBoard + k;
      pattern[i] = Math.round(127 * chipWeight(seed, b, k));
      pattern[n + i] = Math.round(127 * chipWeight(seed, b + 64, k));
      pattern[2 * n + i] = Math.round(127 * chipWeight(seed, b + 128, k));
    }
  }
  return pattern;
}

function padded3(n: number): string {
  return n >= 100 || n <= -10 ? String(n) : n >= 10 || n < 0 ? ` ${n}` : `  ${n}`;
}

export function hbInfo(pattern: Int8Array, r: MinerReadings, chipsPerBoard: number): string {
  let out = "";
  const n = r.boards.length * chipsPerBoard;
  const hashing = r.hashrateThs > 0;
  const outletC = Math.round(r.coolantOutletC);
  for (let b = 0; b < r.boards.length; b++) {
    const board = r.boards[b];
    if (board === undefined) continue;
    const spread = board.chipTempMaxC - board.chipTempAvgC;
    const workPerChip = (600 * board.hashrateThs * r.boards.length) / Math.max(1, r.hashrateNominalThs);
    // "%3d " per chip for temperatures, "%d " otherwise, as the driver prints them; the last separator becomes "]".
    let temps = "";
    let volts = "";
    let works = "";
    for (let k = 0; k < chipsPerBoard; k++) {
      const i = b * chipsPerBoard + k;
      const sep = k === 0 ? "" : " ";
      const wT = (pattern[i] ?? 0) / 127;
      const wV = (pattern[n + i] ?? 0) / 127;
      const wW = (pattern[2 * n + i] ?? 0) / 127;
      temps += sep + padded3(r.hashRailOn ? Math.round(board.chipTempAvgC + spread * wT) : outletC);
      volts += sep + (r.hashRailOn ? 282 + Math.round(6 * wV) : 0);
      works += sep + (hashing ? Math.max(1, Math.round(workPerChip * (1 + 0.15 * wW))) : 0);
    }
    out += `${b === 0 ? "" : " "}'HB${b}':{PVT_T${b}[${temps}] PVT_V${b}[${volts}] MW${b}[${works}]}`;
  }
  return out;
}
