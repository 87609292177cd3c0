// What a rule does when an input it needs is stale or missing: never raise load on it. "hold" caps the site at the
// power it is already planned to draw; "shed-to-floor" caps it at the floor.
import type { Reason } from "../../domain/decision.js";
import type { DispatchContext } from "../context.js";
import { capMax, type Envelope } from "../envelope.js";
import { formatW } from "../format.js";
import { describeFreshness, type Freshness } from "../freshness.js";
import type { RuleOutcome } from "./rule.js";

export function fallbackLabel(ctx: DispatchContext): string {
  return ctx.policy.stale.fallback === "hold"
    ? `holding current power ${formatW(ctx.fallbackW)}`
    : `shedding to floor ${formatW(ctx.fallbackW)}`;
}

export function staleReason<T>(
  rule: string,
  what: string,
  f: Freshness<T>,
  maxAgeS: number,
  ctx: DispatchContext,
): Reason {
  return {
    rule,
    effect: `max ${formatW(ctx.fallbackW)}`,
    detail: `${what} ${describeFreshness(f, maxAgeS)}: ${fallbackLabel(ctx)} (stale-data fallback "${ctx.policy.stale.fallback}")`,
    inputs: {
      input: what,
      status: f.status,
      ageS: f.status === "missing" ? null : Math.round(f.ageMs / 1000),
      maxAgeS,
    },
  };
}

export function staleOutcome<T>(
  rule: string,
  env: Envelope,
  ctx: DispatchContext,
  what: string,
  f: Freshness<T>,
  maxAgeS: number,
): RuleOutcome {
  return { envelope: capMax(env, ctx.fallbackW), reasons: [staleReason(rule, what, f, maxAgeS, ctx)] };
}

export function noEffect(rule: string, env: Envelope, detail: string): RuleOutcome {
  return { envelope: env, reasons: [{ rule, effect: "none", detail, inputs: {} }] };
}
