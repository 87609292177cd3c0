// Rule 5, the day-ahead plan: when the planner has a target for the slot containing now, the site stays at or below
// it (plus tolerance). The plan only caps: what it would like above the other rules' window is not reachable anyway.
import { capMax } from "../envelope.js";
import { formatW } from "../format.js";
import { isoTime } from "./events.js";
import { noEffect } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "day-ahead-plan";

export const dayAheadPlanRule: Rule = {
  name: NAME,
  binding: "soft",
  apply(envelope, ctx): RuleOutcome {
    const plan = ctx.signals.plan;
    if (plan === undefined) return noEffect(NAME, envelope, "no day-ahead plan");
    if (!(plan.startMs <= ctx.nowMs && ctx.nowMs < plan.endMs)) {
      return noEffect(
        NAME,
        envelope,
        `plan slot ${isoTime(plan.startMs)}–${isoTime(plan.endMs)} does not contain now: not applied`,
      );
    }
    const toleranceW = plan.toleranceW ?? 0;
    const capW = plan.targetW + toleranceW;
    const env = capMax(envelope, capW);
    return {
      envelope: env,
      reasons: [
        {
          rule: NAME,
          effect: `max ${formatW(env.window.maxW)}`,
          detail:
            `plan target ${formatW(plan.targetW)} + tolerance ${formatW(toleranceW)} for the slot ` +
            `${isoTime(plan.startMs)}–${isoTime(plan.endMs)}`,
          inputs: { targetW: plan.targetW, toleranceW, startMs: plan.startMs, endMs: plan.endMs },
        },
      ],
    };
  },
};
