// Rule 6, operator overrides. In force while issuedAtMs <= now < expiresAtMs. They only narrow: "cap" sets a
// maximum, "hold" caps at current power, "shed" caps at the floor, "unit-off" keeps units asleep. A "release"
// cancels every override issued before it (its own expiry does not bring them back).
import type { Reason } from "../../domain/decision.js";
import type { OperatorOverride } from "../../domain/signals.js";
import { capMax, restrictUnits } from "../envelope.js";
import { formatW, listSome, units } from "../format.js";
import { isoTime } from "./events.js";
import { noEffect } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "operator-override";

/** Overrides in force at nowMs, oldest first, after releases have cancelled earlier ones. */
export function effectiveOverrides(
  overrides: readonly OperatorOverride[],
  nowMs: number,
): OperatorOverride[] {
  const issued = overrides
    .filter((o) => o.issuedAtMs <= nowMs)
    .sort((a, b) => a.issuedAtMs - b.issuedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let lastRelease = -1;
  issued.forEach((o, i) => {
    if (o.kind === "release") lastRelease = i;
  });
  return issued.slice(lastRelease + 1).filter((o) => nowMs < o.expiresAtMs);
}

export const operatorOverrideRule: Rule = {
  name: NAME,
  binding: "soft",
  apply(envelope, ctx): RuleOutcome {
    const active = effectiveOverrides(ctx.signals.overrides, ctx.nowMs);
    if (active.length === 0) return noEffect(NAME, envelope, "no operator override in force");
    let env = envelope;
    const reasons: Reason[] = [];
    for (const o of active) {
      const who = `${o.kind} by ${o.by} until ${isoTime(o.expiresAtMs)}${o.note === undefined ? "" : ` ("${o.note}")`}`;
      const inputs = { overrideId: o.id, kind: o.kind, by: o.by, expiresAtMs: o.expiresAtMs };
      switch (o.kind) {
        case "cap":
          env = capMax(env, o.maxW);
          reasons.push({
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail: `${who}: cap ${formatW(o.maxW)}`,
            inputs,
          });
          break;
        case "hold":
          env = capMax(env, ctx.currentPlannedW);
          reasons.push({
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail: `${who}: no increase above current ${formatW(ctx.currentPlannedW)}`,
            inputs,
          });
          break;
        case "shed":
          env = capMax(env, ctx.floorCapW);
          reasons.push({
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail: `${who}: shed to floor ${formatW(ctx.policy.floorW)}`,
            inputs,
          });
          break;
        case "unit-off": {
          const ids = new Set(o.unitIds);
          env = restrictUnits(env, NAME, (id) => (ids.has(id) ? { stay: () => false } : undefined));
          reasons.push({
            rule: NAME,
            effect: `${units(ids.size)} off`,
            detail: `${who}: keep asleep ${listSome([...ids])}`,
            inputs: { ...inputs, units: ids.size },
          });
          break;
        }
        case "release":
          break; // effectiveOverrides already dropped everything it cancels
      }
    }
    return { envelope: env, reasons };
  },
};
