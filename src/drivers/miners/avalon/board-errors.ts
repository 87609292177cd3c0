// Hash-board error codes (ECHU[b]). Canaan documents none of them; the two texts below come from a production
// client's table (tetherto/miningos-wrk-miner-avalon). Only those two are treated as fatal: the A10 manual's own
// sample shows ECHU[512 512 512] on a unit that is hashing normally, so a non-zero code alone is not a fault.
const BOARD_ERROR_TEXT: ReadonlyMap<number, string> = new Map([
  [513, "Hash board is in abnormal state"],
  [128, "Hash board temperature is too high"],
]);

export const FATAL_BOARD_ERRORS: ReadonlySet<number> = new Set([513, 128]);

export function describeBoardError(code: number): string | undefined {
  if (code === 0) return undefined;
  return BOARD_ERROR_TEXT.get(code) ?? `code ${code}`;
}

export function isFatalBoardError(code: number): boolean {
  return FATAL_BOARD_ERRORS.has(code);
}
