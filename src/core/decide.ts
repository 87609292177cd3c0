// decide(): the pure decision core. Inputs → derived context → ordered rules narrow the envelope → allocator turns
// the envelope into per-unit commands. No I/O, no clock, no randomness: the same arguments give the same Decision.
import type { Decision, DispatchMemory } from "../domain/decision.js";
import type { SitePolicy } from "../domain/policy.js";
import type { GridSignals } from "../domain/signals.js";
import type { SiteSnapshot } from "../domain/site.js";
import { allocate } from "./allocator/allocate.js";
import { buildContext } from "./context.js";
import { runPipeline } from "./pipeline.js";
import { RULES } from "./rules/index.js";
import type { MemoryPatch, Rule } from "./rules/rule.js";

function patched(prev: number | undefined, patch: number | null | undefined): number | undefined {
  if (patch === null) return undefined;
  return patch ?? prev;
}

function nextMemory(
  prev: DispatchMemory | undefined,
  patch: MemoryPatch,
  base: { atMs: number; auxiliaryW: number; rampCreditW: number },
): DispatchMemory {
  const under = patched(prev?.underFrequencyAtMs, patch.underFrequencyAtMs);
  const droop = patched(prev?.droopReferenceW, patch.droopReferenceW);
  return {
    ...base,
    ...(under === undefined ? {} : { underFrequencyAtMs: under }),
    ...(droop === undefined ? {} : { droopReferenceW: droop }),
  };
}

/** decide() with an explicit rule list; for tests of the pipeline's guarantees. */
export function decideWithRules(
  rules: readonly Rule[],
  snapshot: SiteSnapshot,
  signals: GridSignals,
  policy: SitePolicy,
  nowMs: number,
): Decision {
  const ctx = buildContext(snapshot, signals, policy, nowMs);
  const pipe = runPipeline(rules, ctx);
  const alloc = allocate(ctx, pipe);
  return {
    nowMs,
    targetPowerW: pipe.envelope.window.maxW,
    window: pipe.envelope.window,
    plannedPowerW: alloc.plannedW,
    auxiliaryW: ctx.auxiliaryW,
    commands: alloc.commands,
    reasons: [...ctx.reasons, ...pipe.reasons, ...alloc.reasons],
    memory: nextMemory(snapshot.memory, pipe.memory, {
      atMs: nowMs,
      auxiliaryW: ctx.auxiliaryW,
      rampCreditW: Math.round(alloc.rampCreditW),
    }),
  };
}

export function decide(
  snapshot: SiteSnapshot,
  signals: GridSignals,
  policy: SitePolicy,
  nowMs: number,
): Decision {
  return decideWithRules(RULES, snapshot, signals, policy, nowMs);
}
