// Rule 2a, grid obligation: the import capacity limit, the lowest of the policy's, the contract's and any active
// import-limit event's.
import type { DispatchContext } from "../context.js";
import { capMax } from "../envelope.js";
import { formatW } from "../format.js";
import { activeEvents, eventLabel } from "./events.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "import-limit";

/** The import limit in force: policy, grid contract and active import-limit events. */
export function importLimitW(ctx: DispatchContext): { limitW: number; source: string } {
  let limitW = ctx.policy.importLimitW;
  let source = "policy";
  const contractW = ctx.signals.importLimitW;
  if (contractW !== undefined && contractW < limitW) {
    limitW = contractW;
    source = "grid contract";
  }
  for (const e of activeEvents(ctx.signals.events, ctx.nowMs)) {
    if (e.kind === "import-limit" && e.limitW < limitW) {
      limitW = e.limitW;
      source = eventLabel(e);
    }
  }
  return { limitW, source };
}

export const importLimitRule: Rule = {
  name: NAME,
  binding: "mandatory",
  apply(envelope, ctx): RuleOutcome {
    const { limitW, source } = importLimitW(ctx);
    const env = capMax(envelope, limitW);
    const contract = ctx.signals.importLimitW;
    return {
      envelope: env,
      reasons: [
        {
          rule: NAME,
          effect: `max ${formatW(env.window.maxW)}`,
          detail:
            `import limit ${formatW(limitW)} from ${source} (policy ${formatW(ctx.policy.importLimitW)}` +
            `${contract === undefined ? "" : `, contract ${formatW(contract)}`})`,
          inputs: { limitW, source, policyLimitW: ctx.policy.importLimitW, contractLimitW: contract ?? null },
        },
      ],
    };
  },
};
