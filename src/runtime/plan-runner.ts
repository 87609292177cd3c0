import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../domain/clock.js";
import type { SitePolicy } from "../domain/policy.js";
import type { PowerInterval, PriceInterval } from "../domain/series.js";
import type { GridEvent, PlanSlot } from "../domain/signals.js";
import type { SiteSnapshot } from "../domain/site.js";
import { groupsFromSnapshot } from "../planner/from-snapshot.js";
import { planningHorizon, slotsFromSeries } from "../planner/horizon.js";
import type { DemandResponseCommitment, EnergyPricing, PlanInput } from "../planner/input.js";
import type { Plan, PlanFailure } from "../planner/plan.js";
import { PlanKeeper } from "../planner/plan-keeper.js";
import type { CurtailmentNotice } from "../signals/curtailment/curtailment-notice.js";
import { dayAheadForecast } from "../signals/prices/day-ahead.js";
import { surplusFromNotices } from "../signals/replay/recorded-profile.js";
import type { PlannerWorker } from "./planner-worker/planner-worker.js";

export interface PlanForecasts {
  /** Day-ahead spot prices in live time (already shifted when recorded data is replayed). */
  spot: readonly PriceInterval[];
  surplus: readonly PowerInterval[];
  hashpriceJpyPerThsDay: number;
  /** Day-ahead curtailment notices: when present they replace `surplus` as what the plan may count on. */
  notices?: { notices: readonly CurtailmentNotice[]; plantShare: number; capacityW: number };
}

export interface PlanRunnerOptions {
  worker: PlannerWorker;
  clock: Clock;
  policy: SitePolicy;
  forecasts: PlanForecasts;
  pricing: EnergyPricing;
  replanIntervalMs: number;
  /** Overshoot of the plan's site power tolerated by rule 5 (one unit's largest step by default). */
  toleranceW: number;
  /** Where the current plan is written for `gridminer plan show`. */
  file?: string;
  onPlan?: (plan: Plan) => void;
  onFailure?: (failure: PlanFailure) => void;
}

const SLOT_MS = 1_800_000;

/**
 * Re-plans on a schedule and when the grid's events change, off the control loop (the solve runs in a worker);
 * the loop only reads the kept plan's current slot. A failed solve leaves the previous plan in force.
 */
export class PlanRunner {
  readonly keeper = new PlanKeeper();
  private readonly o: PlanRunnerOptions;
  private lastRunMs = Number.NEGATIVE_INFINITY;
  private lastEventsKey = "";
  private solving = false;

  constructor(opts: PlanRunnerOptions) {
    this.o = opts;
  }

  target(nowMs: number) {
    return this.keeper.targetAt(nowMs, this.o.toleranceW);
  }

  /** The kept plan's slots overlapping [fromMs, untilMs), as rule 5 would read them (for the API and dashboard). */
  slots(fromMs: number, untilMs: number): PlanSlot[] {
    const plan = this.keeper.status(this.o.clock.nowMs()).plan?.plan;
    if (!plan) return [];
    return plan.slots
      .filter((s) => s.startMs + s.durationMs > fromMs && s.startMs < untilMs)
      .map((s) => ({
        startMs: s.startMs,
        endMs: s.startMs + s.durationMs,
        targetW: s.sitePowerW,
        toleranceW: this.o.toleranceW,
      }));
  }

  /** Starts a solve when one is due; returns at once (the loop never waits for the solver). */
  maybeReplan(snapshot: SiteSnapshot, events: readonly GridEvent[]): void {
    const nowMs = this.o.clock.nowMs();
    // New events and units that fault or come back both change what the site can do: either re-plans at once.
    const lost = snapshot.units
      .filter((u) => u.state === "fault" || u.state === "unreachable" || u.health.faultFlags.length > 0)
      .map((u) => u.id)
      .join(",");
    const eventsKey = `${events.map((e) => `${e.id}:${e.startMs}:${e.endMs}`).join("|")}#${lost}`;
    const due = nowMs - this.lastRunMs >= this.o.replanIntervalMs || eventsKey !== this.lastEventsKey;
    if (!due || this.solving) return;
    this.lastRunMs = nowMs;
    this.lastEventsKey = eventsKey;
    let input: PlanInput;
    try {
      input = this.input(snapshot, events, nowMs);
    } catch (e) {
      this.o.onFailure?.({ kind: "invalid-input", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.solving = true;
    void this.o.worker
      .solve(input, { nowMs })
      .then(({ outcome }) => {
        this.keeper.offer(outcome, this.o.clock.nowMs());
        if (outcome.ok) {
          this.o.onPlan?.(outcome.plan);
          this.write(outcome.plan);
        } else this.o.onFailure?.(outcome.failure);
      })
      .finally(() => {
        this.solving = false;
      });
  }

  input(snapshot: SiteSnapshot, events: readonly GridEvent[], nowMs: number): PlanInput {
    const { policy, forecasts } = this.o;
    const known = dayAheadForecast(forecasts.spot, nowMs);
    const lastKnown = known[known.length - 1];
    if (!lastKnown) throw new Error(`no day-ahead price known at ${new Date(nowMs).toISOString()}`);
    const full = planningHorizon(nowMs, { slotMs: SLOT_MS });
    // Plan only as far as prices are known: before the 10:00 JST auction that is the end of today.
    const horizon = { ...full, endMs: Math.min(full.endMs, lastKnown.startMs + lastKnown.durationMs) };
    const slots = slotsFromSeries(horizon, {
      spot: known,
      surplus: forecasts.notices
        ? surplusFromNotices(
            forecasts.notices.notices,
            nowMs,
            forecasts.notices.plantShare,
            forecasts.notices.capacityW,
          )
        : forecasts.surplus,
      hashpriceJpyPerThsDay: forecasts.hashpriceJpyPerThsDay,
      importLimitW: policy.importLimitW,
    });
    const groups = groupsFromSnapshot(snapshot, horizon.startMs, () => ({
      bootEnergyKwh: 0.5,
      minUpSlots: Math.ceil((policy.dwell.minOnS * 1000) / SLOT_MS),
      minDownSlots: Math.ceil((policy.dwell.minOffS * 1000) / SLOT_MS),
      maxStartsPerSlot: Math.max(1, Math.floor((policy.ramp.upWPerS * SLOT_MS) / 1000 / 8_064)),
    }));
    const commitments: DemandResponseCommitment[] = events.flatMap((e): DemandResponseCommitment[] => {
      const window = {
        id: e.id,
        startMs: e.startMs,
        endMs: e.endMs,
        ...(e.source ? { source: e.source } : {}),
      };
      if (e.kind === "import-limit") return [{ ...window, kind: "max-power", maxPowerW: e.limitW }];
      if (e.kind === "setpoint") return [{ ...window, kind: "max-power", maxPowerW: e.powerW }];
      if (e.kind === "shed-to-floor") return [{ ...window, kind: "max-power", maxPowerW: policy.floorW }];
      return [];
    });
    return {
      slots,
      groups: groups.groups,
      commitments,
      pricing: this.o.pricing,
      coolingCurve: policy.coolingCapacity,
      auxiliaryW: policy.auxiliary.defaultW + groups.uncontrolledW,
    };
  }

  private write(plan: Plan): void {
    const file = this.o.file;
    if (!file) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a plan.
      writeFileSync(`${file}.tmp`, JSON.stringify(plan));
      renameSync(`${file}.tmp`, file);
    } catch {
      // The plan still rules the loop; only `plan show` goes without it.
    }
  }
}
