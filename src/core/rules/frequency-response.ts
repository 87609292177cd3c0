// Rule 2c, grid obligation: under-frequency response. At or below nominal - tripDeltaHz the site trips to the floor
// and stays there for restoreDelayS after the frequency was last that low. Between the deadband and full response
// the cap falls linearly from the reference power (site power when the frequency left the deadband) to the floor.
import type { DispatchContext } from "../context.js";
import { capMax } from "../envelope.js";
import { formatNumber, formatW } from "../format.js";
import { freshness } from "../freshness.js";
import { staleReason } from "./fallback.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "frequency-response";

/** Frequency deviations are rounded to 1 µHz so that 60 - 59.9 is 0.1, not 0.10000000000000142. */
const roundHz = (hz: number) => Math.round(hz * 1e6) / 1e6;

/** Fraction of the reserve (reference - floor) to shed: 0 inside the deadband, 1 at full response. */
export function droopFraction(deviationHz: number, deadbandHz: number, fullDeltaHz: number): number {
  if (deviationHz <= deadbandHz) return 0;
  if (deviationHz >= fullDeltaHz || fullDeltaHz <= deadbandHz) return 1;
  return (deviationHz - deadbandHz) / (fullDeltaHz - deadbandHz);
}

function latchedUntilMs(ctx: DispatchContext): number | undefined {
  const at = ctx.snapshot.memory?.underFrequencyAtMs;
  return at === undefined ? undefined : at + ctx.policy.frequency.restoreDelayS * 1000;
}

export const frequencyResponseRule: Rule = {
  name: NAME,
  binding: "mandatory",
  apply(envelope, ctx): RuleOutcome {
    const fp = ctx.policy.frequency;
    const signal = ctx.signals.frequency;
    if (!fp.enabled) {
      return {
        envelope,
        reasons: [{ rule: NAME, effect: "none", detail: "frequency response disabled", inputs: {} }],
        memory: { underFrequencyAtMs: null, droopReferenceW: null },
      };
    }
    const floorW = ctx.floorCapW;
    const until = latchedUntilMs(ctx);
    const latched = until !== undefined && ctx.nowMs < until;
    const latchedOutcome = (hz: number | null): RuleOutcome => {
      const env = capMax(envelope, floorW);
      return {
        envelope: env,
        reasons: [
          {
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail:
              `under-frequency trip latched: floor ${formatW(floorW)} for another ` +
              `${formatNumber(((until ?? ctx.nowMs) - ctx.nowMs) / 1000)} s of the ${fp.restoreDelayS} s restore delay`,
            inputs: { hz, untilMs: until ?? null, floorW },
          },
        ],
      };
    };
    if (signal === undefined) {
      // A measurement that disappeared must not release a trip.
      if (latched) return latchedOutcome(null);
      return {
        envelope,
        reasons: [{ rule: NAME, effect: "none", detail: "no frequency measurement", inputs: {} }],
        memory: { droopReferenceW: null },
      };
    }
    const nominalHz = signal.nominalHz;
    const tripHz = roundHz(nominalHz - fp.tripDeltaHz);
    const maxAgeS = ctx.policy.stale.maxAgeS.frequency;
    const f = freshness(signal.hz, maxAgeS, ctx.nowMs);

    if (f.status === "fresh" && roundHz(nominalHz - f.value) >= roundHz(fp.tripDeltaHz)) {
      const env = capMax(envelope, floorW);
      return {
        envelope: env,
        reasons: [
          {
            rule: NAME,
            effect: `max ${formatW(env.window.maxW)}`,
            detail:
              `frequency ${formatNumber(f.value, 3)} Hz at or below trip threshold ${formatNumber(tripHz, 3)} Hz: ` +
              `floor ${formatW(floorW)}, held ${fp.restoreDelayS} s after recovery`,
            inputs: { hz: f.value, tripHz, floorW },
          },
        ],
        memory: { underFrequencyAtMs: ctx.nowMs, droopReferenceW: null },
      };
    }
    if (latched) return latchedOutcome(f.status === "fresh" ? f.value : null);
    if (f.status !== "fresh") {
      const env = capMax(envelope, ctx.fallbackW);
      return { envelope: env, reasons: [staleReason(NAME, "grid frequency", f, maxAgeS, ctx)] };
    }

    const deviationHz = roundHz(nominalHz - f.value);
    const fraction = droopFraction(deviationHz, fp.droopDeadbandHz, fp.droopFullDeltaHz);
    if (fraction === 0) {
      return {
        envelope,
        reasons: [
          {
            rule: NAME,
            effect: "none",
            detail: `frequency ${formatNumber(f.value, 3)} Hz within the ${formatNumber(fp.droopDeadbandHz, 3)} Hz deadband`,
            inputs: { hz: f.value, nominalHz },
          },
        ],
        memory: { underFrequencyAtMs: null, droopReferenceW: null },
      };
    }
    const refW = ctx.snapshot.memory?.droopReferenceW ?? ctx.currentPlannedW;
    const capW = Math.round(refW - fraction * Math.max(0, refW - floorW));
    const env = capMax(envelope, capW);
    return {
      envelope: env,
      reasons: [
        {
          rule: NAME,
          effect: `max ${formatW(env.window.maxW)}`,
          detail:
            `frequency ${formatNumber(f.value, 3)} Hz (${formatNumber(deviationHz, 3)} Hz low): droop sheds ` +
            `${formatNumber(fraction * 100, 1)} % of ${formatW(refW)} reference above floor ${formatW(floorW)} → ${formatW(capW)}`,
          inputs: { hz: f.value, nominalHz, deviationHz, fraction, referenceW: refW, capW },
        },
      ],
      memory: { underFrequencyAtMs: null, droopReferenceW: refW },
    };
  },
};
