import type { Reading } from "../domain/reading.js";

/** A reading judged against a maximum age. Stale readings keep their last good value for the log only. */
export type Freshness<T> =
  | { readonly status: "fresh"; readonly value: T; readonly ageMs: number }
  | { readonly status: "stale"; readonly ageMs: number; readonly lastGood?: T; readonly error?: string }
  | { readonly status: "missing" };

export function freshness<T>(reading: Reading<T> | undefined, maxAgeS: number, nowMs: number): Freshness<T> {
  if (reading === undefined) return { status: "missing" };
  if (reading.ok) {
    // A timestamp from the future (clock skew) counts as age 0 rather than as stale.
    const ageMs = Math.max(0, nowMs - reading.atMs);
    return ageMs <= maxAgeS * 1000
      ? { status: "fresh", value: reading.value, ageMs }
      : { status: "stale", ageMs, lastGood: reading.value };
  }
  const last = reading.lastGood;
  return last === undefined
    ? { status: "stale", ageMs: Math.max(0, nowMs - reading.atMs), error: reading.error }
    : { status: "stale", ageMs: Math.max(0, nowMs - last.atMs), lastGood: last.value, error: reading.error };
}

/** "missing" or "45 s old (limit 30 s)" or "failed: timeout (last good 45 s old, limit 30 s)". */
export function describeFreshness<T>(f: Freshness<T>, maxAgeS: number): string {
  if (f.status === "missing") return "missing";
  const age = `${Math.round(f.ageMs / 1000)} s old`;
  if (f.status === "fresh") return age;
  if (f.error !== undefined) return `failed: ${f.error} (last good ${age}, limit ${maxAgeS} s)`;
  return `${age} (limit ${maxAgeS} s)`;
}
