// Rule 3, surplus following. green-only: the window top is the surplus. green-and-economic: the surplus is read
// here (and must be fresh) but the economics rule decides how far grid energy extends it.
import { capMax } from "../envelope.js";
import { formatW } from "../format.js";
import { freshness } from "../freshness.js";
import { noEffect, staleOutcome } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "surplus";

export const surplusRule: Rule = {
  name: NAME,
  binding: "soft",
  apply(envelope, ctx): RuleOutcome {
    const mode = ctx.policy.mode;
    if (mode === "economic") return noEffect(NAME, envelope, "economic mode: surplus not followed");
    const maxAgeS = ctx.policy.stale.maxAgeS.surplus;
    const f = freshness(ctx.signals.surplusW, maxAgeS, ctx.nowMs);
    if (f.status !== "fresh") return staleOutcome(NAME, envelope, ctx, "surplus", f, maxAgeS);
    const surplusW = Math.max(0, f.value);
    if (mode === "green-and-economic") {
      return {
        envelope,
        reasons: [
          {
            rule: NAME,
            effect: "none",
            detail: `surplus ${formatW(surplusW)} available; grid energy beyond it is decided by economics`,
            inputs: { surplusW },
          },
        ],
      };
    }
    const env = capMax(envelope, surplusW);
    return {
      envelope: env,
      reasons: [
        {
          rule: NAME,
          effect: `max ${formatW(env.window.maxW)}`,
          detail: `green-only: site power follows the ${formatW(surplusW)} renewable surplus`,
          inputs: { surplusW },
        },
      ],
    };
  },
};
