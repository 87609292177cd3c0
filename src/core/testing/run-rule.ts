// Runs one rule against the reference site's initial envelope, for rule-level tests.
import type { SitePolicy } from "../../domain/policy.js";
import type { GridSignals } from "../../domain/signals.js";
import type { SiteSnapshot } from "../../domain/site.js";
import { buildContext } from "../context.js";
import { type Envelope, initialEnvelope } from "../envelope.js";
import type { Rule, RuleOutcome } from "../rules/rule.js";

export function runRule(
  rule: Rule,
  snapshot: SiteSnapshot,
  signals: GridSignals,
  policy: SitePolicy,
  nowMs: number,
  from?: (env: Envelope) => Envelope,
): RuleOutcome & { before: Envelope } {
  const ctx = buildContext(snapshot, signals, policy, nowMs);
  const init = initialEnvelope(ctx);
  const before = from === undefined ? init : from(init);
  return { ...rule.apply(before, ctx), before };
}
