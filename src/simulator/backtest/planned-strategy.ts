// The planned strategy: the day-ahead planner (src/planner) with only what was known when it planned, followed by
// the simulated fleet. Plans are made at the first slot and then every day at 17:00 local time (after the spot
// auction at 10:00 D−1 and the curtailment notices at 17:00 D−1), for the rest of the day and all of the next day:
//   prices    the spot prices of the days published at the planning instant (day D+1 from 10:00 on D);
//   surplus   only what curtailment notices known at that instant announce (plant share of the expected peak);
//   hashprice the last complete UTC day's, for the whole horizon.
// Each slot runs the unit counts of the latest plan covering it (through the PlanController, with boot and ramp
// physics); accounting uses the real prices, surplus and hashprice like every other strategy. Pure: the solver is
// passed in, and nothing reads a clock.
import type { WorkModeSpec } from "../../domain/miner.js";
import type { PowerInterval } from "../../domain/series.js";
import type { PlanInput, PlanSlotInput, UnitGroup } from "../../planner/input.js";
import type { Plan } from "../../planner/plan.js";
import { planWithSolver } from "../../planner/solve-plan.js";
import type { MipSolver } from "../../planner/solver.js";
import type { CurtailmentNotice } from "../../signals/curtailment/curtailment-notice.js";
import { surplusFromNotices } from "../../signals/replay/recorded-profile.js";
import type { FleetConfiguration } from "../fleet-sim/index.js";
import { netHashpricePerThsDay } from "./accounting.js";
import { nameplateMode } from "./strategies.js";
import type { BacktestInputs, BacktestOptions } from "./types.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Spot prices of day D are published at 10:00 local on D−1 (JEPX). */
export const PRICES_PUBLISHED_AT_MS = 10 * HOUR_MS;
/** Daily planning instant: 17:00 local, once both the auction result and the curtailment notices are out. */
export const PLAN_TIME_OF_DAY_MS = 17 * HOUR_MS;
/** Energy one wake costs beyond running power, as the live plan runner assumes. */
export const PLANNED_BOOT_ENERGY_KWH = 0.5;

/** Curtailment notices the planner may count on, and the plant's share of the area's expected curtailment. */
export interface PlannedNotices {
  readonly notices: readonly CurtailmentNotice[];
  readonly plantShare: number;
  readonly capacityW: number;
}

export interface PlannerOptions {
  /** A synchronous MILP solver (HiGHS: highsSolver / loadHighsSolver). */
  readonly solver: MipSolver;
  /** Without notices the planner counts on no surplus at all. */
  readonly notices?: PlannedNotices;
  /** Per solve; defaults 10 s and 0.1 %. */
  readonly timeLimitS?: number;
  readonly mipRelGap?: number;
}

export interface PlannedStats {
  plans: number;
}

/** End (exclusive) of the last local day whose spot prices are published at nowMs. */
export function pricesKnownUntilMs(nowMs: number, dayOffsetMs: number): number {
  const dayStart = Math.floor((nowMs + dayOffsetMs) / DAY_MS) * DAY_MS - dayOffsetMs;
  return dayStart + (nowMs >= dayStart + PRICES_PUBLISHED_AT_MS ? 2 : 1) * DAY_MS;
}

/** The next daily planning instant strictly after tMs. */
export function nextPlanTimeMs(tMs: number, dayOffsetMs: number): number {
  const dayStart = Math.floor((tMs + dayOffsetMs) / DAY_MS) * DAY_MS - dayOffsetMs;
  const today = dayStart + PLAN_TIME_OF_DAY_MS;
  return today > tMs ? today : today + DAY_MS;
}

function powerAt(series: readonly PowerInterval[], tMs: number): number {
  for (const s of series) {
    if (s.startMs <= tMs && tMs < s.startMs + s.durationMs) return s.powerW;
    if (s.startMs > tMs) break;
  }
  return 0;
}

/**
 * The plan-following controller's configuration per slot, planning lazily: call `configuration(i)` for i = 0, 1, …
 * in order (the PlanController does, at each slot start).
 */
export class PlannedSchedule {
  readonly stats: PlannedStats = { plans: 0 };
  private readonly byStart = new Map<number, FleetConfiguration>();
  private nextPlanMs = Number.NEGATIVE_INFINITY;
  private previous: { endMs: number; config: FleetConfiguration; durationMs: number } | undefined;
  private hashDayIndex = -1;

  constructor(
    private readonly inputs: BacktestInputs,
    private readonly o: BacktestOptions,
    private readonly planner: PlannerOptions,
  ) {}

  configuration(i: number): FleetConfiguration {
    const { slots, dayOffsetMs } = this.inputs;
    const startMs = slots.startMs[i] as number;
    this.trackHashprice(i);
    let planAtMs: number | undefined;
    if (startMs >= this.nextPlanMs) {
      // A scheduled instant passed (or the first slot): plan from this slot on.
      planAtMs = Number.isFinite(this.nextPlanMs) ? this.nextPlanMs : startMs;
    } else if (!this.byStart.has(startMs)) {
      planAtMs = startMs; // beyond the last plan (a gap broke the horizon): plan now with what is known now
    }
    if (planAtMs !== undefined) {
      this.plan(i, planAtMs);
      this.nextPlanMs = nextPlanTimeMs(Math.max(planAtMs, startMs), dayOffsetMs);
    }
    const config = this.byStart.get(startMs) ?? [new Map<number, number>()];
    this.previous = {
      endMs: startMs + (slots.durationMs[i] as number),
      config,
      durationMs: slots.durationMs[i] as number,
    };
    return config;
  }

  /** Index of the last slot of the latest complete UTC day before slot i's day (the hashprice known then). */
  private trackHashprice(i: number): void {
    const { slots } = this.inputs;
    const dayStart = Math.floor((slots.startMs[i] as number) / DAY_MS) * DAY_MS;
    while (this.hashDayIndex + 1 < i && (slots.startMs[this.hashDayIndex + 1] as number) < dayStart) {
      this.hashDayIndex++;
    }
  }

  private plan(first: number, nowMs: number): void {
    const { slots, dayOffsetMs } = this.inputs;
    const { site, terms } = this.o;
    const policy = site.policy;
    const duration = slots.durationMs[first] as number;
    const endMs = pricesKnownUntilMs(nowMs, dayOffsetMs);
    const hashIndex = this.hashDayIndex >= 0 ? this.hashDayIndex : first;
    const hashprice = Math.max(0, netHashpricePerThsDay(slots, hashIndex, terms));
    const surplus =
      this.planner.notices === undefined
        ? []
        : surplusFromNotices(
            this.planner.notices.notices,
            nowMs,
            this.planner.notices.plantShare,
            this.planner.notices.capacityW,
          );
    const ambient = policy.coolingCapacity.length > 0 ? { ambientC: this.o.ambientC ?? 20 } : {};
    const planSlots: PlanSlotInput[] = [];
    for (let j = first; j < slots.length; j++) {
      const s = slots.startMs[j] as number;
      if (s + duration > endMs || (slots.durationMs[j] as number) !== duration) break;
      if (j > first && s !== (slots.startMs[j - 1] as number) + duration) break; // the planner needs contiguous slots
      planSlots.push({
        startMs: s,
        durationMs: duration,
        spotPriceJpyPerKwh: slots.spotPricePerKwh[j] as number,
        surplusW: powerAt(surplus, s),
        hashpriceJpyPerThsDay: hashprice,
        importLimitW: policy.importLimitW,
        ...ambient,
      });
    }
    if (planSlots.length === 0) return;
    const prev = this.previous;
    const running =
      prev === undefined || prev.endMs !== slots.startMs[first]
        ? []
        : [...(prev.config[0] ?? new Map<number, number>())]
            .filter(([, n]) => n > 0)
            .map(([mode, count]) => ({ mode, count, onForMs: prev.durationMs }));
    const ramp = nameplateMode(site.spec).powerW;
    const group: UnitGroup = {
      id: "fleet",
      count: site.units,
      modes: site.spec.modes.map((m: WorkModeSpec) => m),
      standbyW: site.spec.standbyPowerW,
      bootEnergyKwh: PLANNED_BOOT_ENERGY_KWH,
      minUpSlots: Math.ceil((policy.dwell.minOnS * 1000) / duration),
      minDownSlots: Math.ceil((policy.dwell.minOffS * 1000) / duration),
      maxStartsPerSlot: Math.max(1, Math.floor((policy.ramp.upWPerS * duration) / 1000 / ramp)),
      initial: { running },
    };
    const input: PlanInput = {
      slots: planSlots,
      groups: [group],
      commitments: [],
      pricing: {
        networkChargeJpyPerKwh: terms.networkChargePerKwh,
        taxJpyPerKwh: terms.taxPerKwh,
        surplusPriceJpyPerKwh: terms.surplusPpaPricePerKwh,
      },
      coolingCurve: policy.coolingCapacity,
      auxiliaryW: policy.auxiliary.defaultW,
    };
    const outcome = planWithSolver(input, this.planner.solver, {
      nowMs,
      ...(this.planner.timeLimitS === undefined ? {} : { timeLimitS: this.planner.timeLimitS }),
      ...(this.planner.mipRelGap === undefined ? {} : { mipRelGap: this.planner.mipRelGap }),
    });
    this.stats.plans++;
    if (!outcome.ok) {
      throw new Error(
        `planned strategy: no plan at ${new Date(nowMs).toISOString()} (${outcome.failure.kind}): ${outcome.failure.message}`,
      );
    }
    this.keep(outcome.plan);
  }

  private keep(plan: Plan): void {
    for (const s of plan.slots) {
      const counts = new Map<number, number>();
      for (const g of s.groups) {
        for (const m of g.unitsByMode)
          if (m.units > 0) counts.set(m.mode, (counts.get(m.mode) ?? 0) + m.units);
      }
      this.byStart.set(s.startMs, [counts]);
    }
  }
}
