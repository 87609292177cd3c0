// Rule 1, safety: faulted units sleep, a unit whose coolant outlet is over the limit sleeps and its share leaves the
// site window, and the site cannot draw more heat than the dry coolers reject at today's ambient temperature.
import type { Reason } from "../../domain/decision.js";
import type { DispatchContext } from "../context.js";
import { capMax, type Envelope, restrictUnits } from "../envelope.js";
import { formatNumber, formatW, listSome, units } from "../format.js";
import { freshness } from "../freshness.js";
import { interpolate } from "../piecewise.js";
import { levelPowerW } from "../units.js";
import { staleReason } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "safety";

function faults(env: Envelope, ctx: DispatchContext, reasons: Reason[]): Envelope {
  const faulted = ctx.units.filter(
    (v) => v.control === "controllable" && v.unit.health.faultFlags.length > 0,
  );
  const fixed = ctx.units.filter((v) => v.control === "fixed");
  if (fixed.length > 0) {
    const w = fixed.reduce((s, v) => s + v.plannedW, 0);
    reasons.push({
      rule: NAME,
      effect: `${units(fixed.length)} fixed`,
      detail:
        `${units(fixed.length)} excluded from control, their ${formatW(w)} counted as fixed load: ` +
        listSome(fixed.map((v) => `${v.unit.id} (${v.fixedWhy ?? "?"})`)),
      inputs: { units: fixed.length, fixedW: w },
    });
  }
  if (faulted.length === 0) return env;
  const ids = new Set(faulted.map((v) => v.unit.id));
  reasons.push({
    rule: NAME,
    effect: `${units(faulted.length)} off`,
    detail: `fault flags set, kept asleep: ${listSome(faulted.map((v) => `${v.unit.id} (${v.unit.health.faultFlags.join(", ")})`))}`,
    inputs: { units: faulted.length },
  });
  return restrictUnits(env, NAME, (id) => (ids.has(id) ? { stay: () => false } : undefined));
}

function coolant(env: Envelope, ctx: DispatchContext, reasons: Reason[]): Envelope {
  const limitC = ctx.policy.coolantOutletLimitC;
  const warnC = limitC - ctx.policy.coolantWarnMarginC;
  const over: string[] = [];
  const warm: string[] = [];
  let shareW = 0;
  const keep = new Map<string, { stay?: (m: number) => boolean; enter?: (m: number) => boolean }>();
  for (const v of ctx.units) {
    const c = v.unit.coolantOutletC;
    if (v.control !== "controllable" || c === undefined || !env.units.has(v.unit.id)) continue;
    if (c > limitC) {
      over.push(`${v.unit.id} ${formatNumber(c, 1)} °C`);
      shareW += Math.max(0, v.plannedW - v.unit.standbyPowerW);
      keep.set(v.unit.id, { stay: () => false });
    } else if (c > warnC) {
      // Warm but within the limit: may keep its mode, may not step up.
      warm.push(`${v.unit.id} ${formatNumber(c, 1)} °C`);
      const nowW = v.level === null ? -1 : levelPowerW(v, v.level);
      keep.set(v.unit.id, { enter: (m) => levelPowerW(v, m) <= nowW });
    }
  }
  let out = restrictUnits(env, NAME, (id) => keep.get(id));
  if (over.length > 0) {
    // Shed the share and hold the rest: refilling from other units would load the same warm loop.
    const maxW = Math.round(ctx.currentPlannedW - shareW);
    out = capMax(out, maxW);
    reasons.push({
      rule: NAME,
      effect: `max ${formatW(out.window.maxW)}`,
      detail:
        `coolant outlet over ${formatNumber(limitC, 1)} °C on ${units(over.length)} (${listSome(over)}): ` +
        `those sleep and their ${formatW(shareW)} comes off the current ${formatW(ctx.currentPlannedW)}`,
      inputs: { limitC, units: over.length, shedW: shareW, currentPlannedW: ctx.currentPlannedW, maxW },
    });
  }
  if (warm.length > 0) {
    reasons.push({
      rule: NAME,
      effect: `${units(warm.length)} no step-up`,
      detail: `coolant outlet within ${formatNumber(ctx.policy.coolantWarnMarginC, 1)} °C of the limit: ${listSome(warm)}`,
      inputs: { warnC, units: warm.length },
    });
  }
  return out;
}

function cooling(env: Envelope, ctx: DispatchContext, reasons: Reason[]): Envelope {
  const table = ctx.policy.coolingCapacity;
  if (table.length === 0) return env;
  const maxAgeS = ctx.policy.stale.maxAgeS.ambient;
  const f = freshness(ctx.snapshot.ambientC, maxAgeS, ctx.nowMs);
  if (f.status !== "fresh") {
    reasons.push(staleReason(NAME, "ambient temperature", f, maxAgeS, ctx));
    return capMax(env, ctx.fallbackW);
  }
  const capacityW = interpolate(
    table.map((p) => ({ x: p.ambientC, y: p.capacityW })),
    f.value,
  );
  if (capacityW === undefined) return env;
  // The loop carries the units' heat; auxiliaries (pumps, fans) do not load it.
  const maxW = Math.round(capacityW + ctx.auxiliaryW);
  const out = capMax(env, maxW);
  reasons.push({
    rule: NAME,
    effect: `max ${formatW(out.window.maxW)}`,
    detail:
      `dry-cooler capacity ${formatW(capacityW)} at ambient ${formatNumber(f.value, 1)} °C ` +
      `plus auxiliaries ${formatW(ctx.auxiliaryW)}`,
    inputs: { ambientC: f.value, capacityW, auxiliaryW: ctx.auxiliaryW, maxW },
  });
  return out;
}

export const safetyRule: Rule = {
  name: NAME,
  binding: "mandatory",
  apply(envelope, ctx): RuleOutcome {
    const reasons: Reason[] = [];
    let env = faults(envelope, ctx, reasons);
    env = coolant(env, ctx, reasons);
    env = cooling(env, ctx, reasons);
    if (reasons.length === 0) {
      reasons.push({
        rule: NAME,
        effect: "none",
        detail: "no faults, coolant within limits, no cooling limit",
        inputs: {},
      });
    }
    return { envelope: env, reasons };
  },
};
