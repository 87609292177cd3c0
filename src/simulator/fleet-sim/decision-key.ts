// A key that names everything decide() reads from a simulated tick, so that a decision can be reused for an
// equivalent tick instead of being recomputed (decide() costs milliseconds for 558 units; a 3-year backtest asks
// tens of thousands of times). Time enters only as differences, so the key holds relative facts: dwell running or
// not, the ramp credit after refilling. Prices and hashprice enter decide() only through the economics rule's
// comparisons, so the key holds those outcomes (computed with the core's own modeEconomics) rather than the
// numbers. The simulation samples memo hits against a fresh decide() call, which catches a key that misses an input.

import { modeEconomics } from "../../core/index.js";
import type { DispatchMemory } from "../../domain/decision.js";
import type { MinerModelSpec, WorkModeSpec } from "../../domain/miner.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { GroupView } from "./fleet.js";

export interface SlotSignalValues {
  /** Delivered energy price (spot + adders), currency per kWh. */
  readonly energyPricePerKwh: number;
  /** Hashprice net of pool fee, currency per TH/s per day. */
  readonly hashpricePerThsDay: number;
  readonly surplusW: number;
}

interface LadderOutcome {
  readonly sig: string;
  /** Power of the most profitable mode, or undefined when no mode pays. */
  readonly topPowerW: number | undefined;
}

function ladderOf(spec: MinerModelSpec): WorkModeSpec[] {
  return [...spec.modes].sort((a, b) => a.powerW - b.powerW || a.mode - b.mode);
}

/** Per mode: 0 not run, 1 may stay, 2 may stay and be entered; then the index of the most profitable mode. */
function ladderOutcome(
  ladder: readonly WorkModeSpec[],
  hashprice: number,
  price: number,
  policy: SitePolicy,
): LadderOutcome {
  const profits = ladder.map(
    (m) => modeEconomics(m.hashrateThs, m.powerW, hashprice, price, policy.marginJpyPerKwh).profitJpyPerH,
  );
  let top = -1;
  profits.forEach((p, i) => {
    if (p > 0 && (top < 0 || p > (profits[top] as number))) top = i;
  });
  const topPowerW = top < 0 ? undefined : (ladder[top] as WorkModeSpec).powerW;
  const classes = ladder.map((m, i) => {
    const p = profits[i] as number;
    if (topPowerW === undefined || !(p > 0) || m.powerW > topPowerW) return 0;
    return p > (policy.economicHysteresisJpyPerKwh * m.powerW) / 1000 ? 2 : 1;
  });
  return { sig: `${classes.join("")}@${top}`, topPowerW };
}

function coolantClass(c: number, policy: SitePolicy): number {
  if (c > policy.coolantOutletLimitC) return 2;
  return c > policy.coolantOutletLimitC - policy.coolantWarnMarginC ? 1 : 0;
}

/** Ramp allowance decide() will have this tick, computed as the allocator does. */
export function effectiveRampCreditW(
  policy: SitePolicy,
  specs: readonly MinerModelSpec[],
  memory: DispatchMemory | undefined,
  nowMs: number,
): number {
  const capacityW = rampCapacityW(policy, specs);
  if (memory === undefined) return capacityW;
  const elapsedS = Math.max(0, (nowMs - memory.atMs) / 1000);
  return Math.min(capacityW, Math.max(0, memory.rampCreditW) + policy.ramp.upWPerS * elapsedS);
}

export function rampCapacityW(policy: SitePolicy, specs: readonly MinerModelSpec[]): number {
  let largestStepW = 0;
  for (const s of specs) for (const m of s.modes) largestStepW = Math.max(largestStepW, m.powerW);
  return Math.max(policy.ramp.upWPerS * policy.ramp.burstS, largestStepW);
}

export interface KeyInput {
  readonly policy: SitePolicy;
  readonly specs: readonly MinerModelSpec[];
  readonly groups: readonly GroupView[];
  /** [groupId, run length, …] over units in id order. */
  readonly layout: readonly number[];
  readonly signals: SlotSignalValues;
  readonly memory: DispatchMemory | undefined;
  readonly nowMs: number;
}

export function decisionKey(k: KeyInput): string {
  const { policy, signals } = k;
  const parts: string[] = [policy.mode];
  const anyWarm = k.groups.some((g) => coolantClass(g.coolantOutletC, policy) !== 0);
  if (anyWarm) {
    // Outside what the outcome summary covers: key on the raw numbers.
    parts.push(`raw:${signals.energyPricePerKwh}:${signals.hashpricePerThsDay}:${signals.surplusW}`);
  } else if (policy.mode === "green-only") {
    parts.push(`s${Math.max(0, signals.surplusW)}`);
  } else {
    let planW = policy.auxiliary.defaultW;
    const counts = new Map<number, number>();
    for (const g of k.groups) counts.set(g.model, (counts.get(g.model) ?? 0) + g.count);
    k.specs.forEach((spec, model) => {
      const ladder = ladderOf(spec);
      const grid = ladderOutcome(ladder, signals.hashpricePerThsDay, signals.energyPricePerKwh, policy);
      parts.push(grid.sig);
      planW += (counts.get(model) ?? 0) * (grid.topPowerW ?? spec.standbyPowerW);
    });
    if (policy.mode === "green-and-economic") {
      const surplusW = Math.max(0, signals.surplusW);
      if (surplusW >= Math.round(planW)) {
        parts.push(`free${surplusW}`);
        for (const spec of k.specs)
          parts.push(ladderOutcome(ladderOf(spec), signals.hashpricePerThsDay, 0, policy).sig);
      } else parts.push("grid");
    }
  }
  parts.push(`c${effectiveRampCreditW(policy, k.specs, k.memory, k.nowMs)}`);
  if (policy.ramp.downWPerS !== undefined) {
    parts.push(`e${k.memory === undefined ? "first" : Math.max(0, k.nowMs - k.memory.atMs)}`);
  }
  const sigOf = new Map<number, string>();
  for (const g of k.groups) {
    sigOf.set(
      g.id,
      `${g.model}:${g.state}:${g.workMode}:${g.powerW}:${coolantClass(g.coolantOutletC, policy)}:${g.locked ? 1 : 0}`,
    );
  }
  // Neighbouring runs of equal-looking groups are one run: the dispatcher cannot tell them apart.
  let runSig = "";
  let runLength = 0;
  for (let i = 0; i < k.layout.length; i += 2) {
    const sig = sigOf.get(k.layout[i] as number) ?? "?";
    const length = k.layout[i + 1] as number;
    if (sig === runSig) runLength += length;
    else {
      if (runLength > 0) parts.push(`${runSig}*${runLength}`);
      runSig = sig;
      runLength = length;
    }
  }
  if (runLength > 0) parts.push(`${runSig}*${runLength}`);
  return parts.join("|");
}
