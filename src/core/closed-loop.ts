// Closed-loop correction: what the meter sees beyond the units' own reports (pumps, dry-cooler fans, IT,
// measurement error) is added to every site-power figure. Low-pass filtered and slew-limited because the meter and the
// units are read at slightly different instants: during a ramp the raw difference jumps, and following it would
// move the target, move the units, and jump again.
import type { Reason } from "../domain/decision.js";
import type { SitePolicy } from "../domain/policy.js";
import type { SiteSnapshot } from "../domain/site.js";
import { formatW } from "./format.js";
import { describeFreshness, freshness } from "./freshness.js";

export interface AuxiliaryEstimate {
  readonly auxiliaryW: number;
  readonly reason: Reason;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function estimateAuxiliary(
  snapshot: SiteSnapshot,
  policy: SitePolicy,
  nowMs: number,
  elapsedS: number,
): AuxiliaryEstimate {
  const aux = policy.auxiliary;
  const prevW = snapshot.memory?.auxiliaryW;
  const rule = "closed-loop";
  if (snapshot.meteredImportW === undefined) {
    const w = aux.defaultW;
    return {
      auxiliaryW: w,
      reason: {
        rule,
        effect: `auxiliary ${formatW(w)}`,
        detail: `no site meter: auxiliary power assumed at ${formatW(w)}`,
        inputs: { auxiliaryW: w },
      },
    };
  }
  const maxAgeS = policy.stale.maxAgeS.meter;
  const meter = freshness(snapshot.meteredImportW, maxAgeS, nowMs);
  if (meter.status !== "fresh") {
    // A lower estimate would raise the units' budget: on stale data keep the last one.
    const w = prevW ?? aux.defaultW;
    return {
      auxiliaryW: w,
      reason: {
        rule,
        effect: `auxiliary ${formatW(w)}`,
        detail: `site meter ${describeFreshness(meter, maxAgeS)}: auxiliary estimate held at ${formatW(w)}`,
        inputs: { auxiliaryW: w, meterStatus: meter.status },
      },
    };
  }
  const reportedW = snapshot.units.reduce((sum, u) => sum + u.powerW, 0);
  const rawW = meter.value - reportedW;
  const wantW = clamp(rawW, aux.minW, aux.maxW);
  let w = wantW;
  if (prevW !== undefined) {
    const alpha = aux.timeConstantS > 0 ? 1 - Math.exp(-elapsedS / aux.timeConstantS) : 1;
    const maxStepW = aux.maxSlewWPerS * elapsedS;
    w = prevW + clamp(alpha * (wantW - prevW), -maxStepW, maxStepW);
  }
  w = Math.round(clamp(w, aux.minW, aux.maxW));
  return {
    auxiliaryW: w,
    reason: {
      rule,
      effect: `auxiliary ${formatW(w)}`,
      detail:
        `metered ${formatW(meter.value)} − units' reports ${formatW(reportedW)} = ${formatW(rawW)}; ` +
        `limited to ${formatW(aux.minW)}..${formatW(aux.maxW)} and filtered (τ ${aux.timeConstantS} s, ` +
        `≤ ${formatW(aux.maxSlewWPerS)}/s) to ${formatW(w)}`,
      inputs: { meteredW: meter.value, reportedW, rawW, previousW: prevW ?? null, auxiliaryW: w },
    },
  };
}
