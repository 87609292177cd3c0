import { hash32 } from "../simulator/physics/index.js";

/** Misbehaviour of one unit, as a client would see it. */
export type UnitFault =
  /** Accepts the connection and the request, never replies. */
  | { kind: "no-answer" }
  /** Replies correctly after a delay (the unit's single API thread is busy meanwhile). */
  | { kind: "slow"; delayMs: number }
  /** Drops the connection with a TCP reset after the request. */
  | { kind: "reset" }
  /** Replies with bytes that are not an API reply, then closes. */
  | { kind: "garbage" }
  /** Sends the first part of a correct reply, no NUL terminator, then closes. */
  | { kind: "truncated" }
  /** Stops listening: connections are refused. */
  | { kind: "offline" }
  /** Hash boards in fault: STATE 3, "In Fault", board error codes, zero hashrate; replies stay well-formed. */
  | { kind: "stuck-fault"; boardErrorCodes?: readonly number[] };

export type UnitFaultKind = UnitFault["kind"];

export const FAULT_KINDS: readonly UnitFaultKind[] = [
  "no-answer",
  "slow",
  "reset",
  "garbage",
  "truncated",
  "offline",
  "stuck-fault",
];

export const DEFAULT_SLOW_DELAY_MS = 5000;

/** Which units a fault applies to: an index, a list, a deterministic share of the fleet, or all. */
export type UnitSelector = number | readonly number[] | { share: number; seed?: number } | "all";

/**
 * Resolves a selector to unit indices. A share picks exactly round(share × count) units, ranked by a seeded hash,
 * so the same seed picks the same units every run and a larger share includes a smaller one's units.
 */
export function selectUnits(selector: UnitSelector, count: number): number[] {
  if (selector === "all") return Array.from({ length: count }, (_, i) => i);
  if (typeof selector === "number") return checkIndices([selector], count);
  if (Array.isArray(selector)) return checkIndices(selector as readonly number[], count);
  const { share, seed = 1 } = selector as { share: number; seed?: number };
  if (!(share >= 0 && share <= 1)) throw new Error(`fault share ${share}: expected 0 … 1`);
  const n = Math.round(share * count);
  return Array.from({ length: count }, (_, i) => i)
    .sort((a, b) => hash32(seed, a) - hash32(seed, b) || a - b)
    .slice(0, n)
    .sort((a, b) => a - b);
}

function checkIndices(indices: readonly number[], count: number): number[] {
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= count)
      throw new Error(`unit index ${i}: expected 0 … ${count - 1}`);
  }
  return [...new Set(indices)].sort((a, b) => a - b);
}

/** Parses the CLI form `<kind>[@<ms>]:<share>`, e.g. `no-answer:0.02`, `slow@2000:0.05`. */
export function parseFaultSpec(text: string): { fault: UnitFault; share: number } {
  const m = /^([a-z-]+)(?:@(\d+))?:([0-9.]+)$/.exec(text.trim());
  const kind = m?.[1] as UnitFaultKind | undefined;
  if (!m || kind === undefined || !FAULT_KINDS.includes(kind)) {
    throw new Error(
      `fault "${text}": expected <kind>[@ms]:<share> with kind one of ${FAULT_KINDS.join(", ")}`,
    );
  }
  const share = Number(m[3]);
  if (!(share >= 0 && share <= 1)) throw new Error(`fault "${text}": share must be between 0 and 1`);
  if (m[2] !== undefined && kind !== "slow") throw new Error(`fault "${text}": only slow takes @<ms>`);
  const fault: UnitFault =
    kind === "slow" ? { kind, delayMs: m[2] === undefined ? DEFAULT_SLOW_DELAY_MS : Number(m[2]) } : { kind };
  return { fault, share };
}
