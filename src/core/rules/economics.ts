// Rule 4, economics: a unit-mode runs only while its hourly profit (revenue − energy cost − margin) is positive.
// Of a unit's profitable modes, those above its most profitable one are dropped too: they draw more power for less
// profit. Entering a mode needs the extra hysteresis margin; staying needs only a positive profit, so a price
// hovering at break-even does not toggle units. In green-and-economic mode energy inside the surplus is free.
import type { Reason } from "../../domain/decision.js";
import type { WorkModeSpec } from "../../domain/miner.js";
import type { DispatchContext } from "../context.js";
import { capMax, type Envelope, restrictUnits } from "../envelope.js";
import { formatNumber, formatW } from "../format.js";
import { freshness } from "../freshness.js";
import { modeEconomics } from "../profit.js";
import { noEffect, staleOutcome } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "economics";

interface UnitChoice {
  readonly stay: ReadonlySet<number>;
  readonly enter: ReadonlySet<number>;
}

interface Evaluation {
  readonly choices: ReadonlyMap<string, UnitChoice>;
  /** Site power with every unit at its most profitable allowed mode: depends on prices, not on where units are. */
  readonly planW: number;
  /** planW, but units held by dwell or in transition counted at no less than their current power: the cap. */
  readonly capW: number;
  readonly reasons: readonly Reason[];
}

type Scored = { readonly m: WorkModeSpec; readonly profitJpyPerH: number };

/** The most profitable mode among those `allowed`, if any is profitable at all. */
function best(scored: readonly Scored[], allowed: (mode: number) => boolean): Scored | undefined {
  let top: Scored | undefined;
  for (const x of scored) {
    if (!allowed(x.m.mode) || !(x.profitJpyPerH > 0)) continue;
    if (top === undefined || x.profitJpyPerH > top.profitJpyPerH) top = x;
  }
  return top;
}

function evaluate(
  env: Envelope,
  ctx: DispatchContext,
  hashprice: number,
  priceJpyPerKwh: number,
): Evaluation {
  const margin = ctx.policy.marginJpyPerKwh;
  const hysteresis = ctx.policy.economicHysteresisJpyPerKwh;
  const score = (m: WorkModeSpec): Scored => ({
    m,
    profitJpyPerH: modeEconomics(m.hashrateThs, m.powerW, hashprice, priceJpyPerKwh, margin).profitJpyPerH,
  });
  const choices = new Map<string, UnitChoice>();
  const models = new Map<string, { model: string; ladder: readonly WorkModeSpec[]; units: number }>();
  let planW = ctx.auxiliaryW;
  let capW = ctx.auxiliaryW;
  for (const v of ctx.units) {
    const limits = env.units.get(v.unit.id);
    if (v.control !== "controllable" || limits === undefined) {
      planW += v.plannedW;
      capW += v.plannedW;
      continue;
    }
    const key = `${v.unit.model}:${v.ladder.map((m) => `${m.mode}/${m.powerW}/${m.hashrateThs}`).join(",")}`;
    const known = models.get(key);
    if (known === undefined) models.set(key, { model: v.unit.model, ladder: v.ladder, units: 1 });
    else known.units++;
    const scored = v.ladder.map(score);
    const top = best(scored, (m) => limits.stayModes.includes(m));
    const stay = new Set<number>();
    const enter = new Set<number>();
    for (const x of scored) {
      if (top === undefined || !(x.profitJpyPerH > 0) || x.m.powerW > top.m.powerW) continue;
      stay.add(x.m.mode);
      if (x.profitJpyPerH > (hysteresis * x.m.powerW) / 1000) enter.add(x.m.mode);
    }
    choices.set(v.unit.id, { stay, enter });
    const unitW = top === undefined ? v.unit.standbyPowerW : top.m.powerW;
    planW += unitW;
    // Units held by dwell or in transition are counted as they are, so others are not shed to make room.
    capW += v.locked || v.transitioning ? Math.max(unitW, v.plannedW) : unitW;
  }
  const reasons: Reason[] = [];
  for (const g of models.values()) {
    const scored = g.ladder.map(score);
    const top = best(scored, () => true);
    for (const x of scored) {
      const e = modeEconomics(x.m.hashrateThs, x.m.powerW, hashprice, priceJpyPerKwh, margin);
      const runs = top !== undefined && x.profitJpyPerH > 0 && x.m.powerW <= top.m.powerW;
      const verdict = !(x.profitJpyPerH > 0)
        ? "loss, not run"
        : !runs
          ? `less profitable than mode ${top?.m.mode}, not run`
          : x.profitJpyPerH > (hysteresis * x.m.powerW) / 1000
            ? "runs"
            : "may keep running, not entered (within hysteresis)";
      reasons.push({
        rule: NAME,
        effect: `${g.model} mode ${x.m.mode} ${runs ? "allowed" : "off"}`,
        detail:
          `${g.model} mode ${x.m.mode} (${x.m.name}, ${formatNumber(x.m.hashrateThs)} TH/s, ${formatW(x.m.powerW)}): ` +
          `revenue ${formatNumber(e.revenueJpyPerH, 2)} JPY/h − ${formatNumber(x.m.powerW / 1000, 3)} kWh × ` +
          `(${formatNumber(priceJpyPerKwh, 2)} + ${formatNumber(margin, 2)} margin) JPY/kWh = ` +
          `${formatNumber(e.profitJpyPerH, 2)} JPY/h (break-even ${formatNumber(e.breakEvenJpyPerKwh, 2)} JPY/kWh): ${verdict}`,
        inputs: {
          model: g.model,
          mode: x.m.mode,
          units: g.units,
          hashpriceJpyPerThsDay: hashprice,
          priceJpyPerKwh,
          revenueJpyPerH: e.revenueJpyPerH,
          costJpyPerH: e.energyCostJpyPerH + e.marginJpyPerH,
          profitJpyPerH: e.profitJpyPerH,
          breakEvenJpyPerKwh: e.breakEvenJpyPerKwh,
        },
      });
    }
  }
  return { choices, planW: Math.round(planW), capW: Math.round(capW), reasons };
}

function restrict(env: Envelope, ev: Evaluation): Envelope {
  return restrictUnits(env, NAME, (id) => {
    const c = ev.choices.get(id);
    return c === undefined ? undefined : { stay: (m) => c.stay.has(m), enter: (m) => c.enter.has(m) };
  });
}

export const economicsRule: Rule = {
  name: NAME,
  binding: "soft",
  apply(envelope, ctx): RuleOutcome {
    const policy = ctx.policy;
    if (policy.mode === "green-only")
      return noEffect(NAME, envelope, "green-only mode: surplus energy runs at any price");
    const priceF = freshness(ctx.signals.energyPriceJpyPerKwh, policy.stale.maxAgeS.energyPrice, ctx.nowMs);
    if (priceF.status !== "fresh") {
      return staleOutcome(NAME, envelope, ctx, "energy price", priceF, policy.stale.maxAgeS.energyPrice);
    }
    const hashF = freshness(ctx.signals.hashpriceJpyPerThsDay, policy.stale.maxAgeS.hashprice, ctx.nowMs);
    if (hashF.status !== "fresh") {
      return staleOutcome(NAME, envelope, ctx, "hashprice", hashF, policy.stale.maxAgeS.hashprice);
    }
    const hashprice = hashF.value;
    const grid = evaluate(envelope, ctx, hashprice, priceF.value);

    if (policy.mode === "green-and-economic") {
      const surplusF = freshness(ctx.signals.surplusW, policy.stale.maxAgeS.surplus, ctx.nowMs);
      // A stale surplus counts as none here; the surplus rule has already applied the fallback cap.
      const surplusW = surplusF.status === "fresh" ? Math.max(0, surplusF.value) : 0;
      if (surplusW >= grid.planW) {
        const free = evaluate(envelope, ctx, hashprice, 0);
        const env = capMax(restrict(envelope, free), Math.round(surplusW));
        return {
          envelope: env,
          reasons: [
            ...free.reasons,
            {
              rule: NAME,
              effect: `max ${formatW(env.window.maxW)}`,
              detail:
                `surplus ${formatW(surplusW)} covers the ${formatW(grid.planW)} that pays at the grid price of ` +
                `${formatNumber(priceF.value, 2)} JPY/kWh: energy inside the surplus is free, every unit-mode earning its margin runs`,
              inputs: { surplusW, gridPlanW: grid.planW, priceJpyPerKwh: priceF.value },
            },
          ],
        };
      }
      const env = capMax(restrict(envelope, grid), grid.capW);
      return {
        envelope: env,
        reasons: [
          ...grid.reasons,
          {
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail:
              `surplus ${formatW(surplusW)} is less than the ${formatW(grid.planW)} that pays at ` +
              `${formatNumber(priceF.value, 2)} JPY/kWh: units at their most profitable mode`,
            inputs: { surplusW, gridPlanW: grid.planW, priceJpyPerKwh: priceF.value },
          },
        ],
      };
    }
    const env = capMax(restrict(envelope, grid), grid.capW);
    return {
      envelope: env,
      reasons: [
        ...grid.reasons,
        {
          rule: NAME,
          effect: `max ${formatW(env.window.maxW)}`,
          detail:
            `units at their most profitable mode at ${formatNumber(priceF.value, 2)} JPY/kWh: ${formatW(grid.planW)}` +
            (grid.capW > grid.planW
              ? `, ${formatW(grid.capW)} while units held by dwell or in transition step down`
              : ""),
          inputs: {
            planW: grid.planW,
            capW: grid.capW,
            priceJpyPerKwh: priceF.value,
            hashpriceJpyPerThsDay: hashprice,
          },
        },
      ],
    };
  },
};
