/** A value read from the outside world: either fresh, or an error with the last good value kept. */
export type Reading<T> =
  | { ok: true; value: T; atMs: number }
  | { ok: false; error: string; atMs: number; lastGood?: { value: T; atMs: number } };

export function ageMs<T>(reading: Reading<T>, nowMs: number): number {
  return nowMs - reading.atMs;
}
