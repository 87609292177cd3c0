// Runs every strategy over the same slots and books them the same way. gridminer's policy and the simple
// strategies run through the fleet simulator (real decide() or a fixed plan per slot, the shared physics: boot,
// calibration ramp, mode changes); the hindsight optimum is evaluated exactly per slot (see docs/backtest.md for
// the constraints it honours).
import {
  DecideController,
  type FleetController,
  FleetSim,
  PlanController,
  runFleet,
} from "../fleet-sim/index.js";
import { bookSlot, gridPricePerKwh, netHashpricePerThsDay, newLedger, totalsOf } from "./accounting.js";
import { PlannedSchedule } from "./planned-strategy.js";
import {
  alwaysOnConfiguration,
  greenConfiguration,
  hindsightConfiguration,
  slotFleet,
  thresholdConfiguration,
  toFleetConfiguration,
} from "./strategies.js";
import {
  type BacktestInputs,
  type BacktestOptions,
  type BacktestResult,
  type SimulationStats,
  STRATEGIES,
  type StrategyLedger,
  type StrategyName,
  type StrategyTotals,
} from "./types.js";

const DEFAULT_AMBIENT_C = 20;

interface StrategyRun {
  ledger: StrategyLedger;
  stats: SimulationStats;
}

function simulate(
  inputs: BacktestInputs,
  o: BacktestOptions,
  name: StrategyName,
  stepS: number,
): StrategyRun {
  const { slots } = inputs;
  const { site, terms } = o;
  const policy = site.policy;
  const fleet = new FleetSim({
    models: [{ spec: site.spec, count: site.units }],
    startMs: slots.startMs[0] ?? 0,
    dwell: policy.dwell,
    ...(o.physics === undefined ? {} : { physics: o.physics }),
  });
  const fleetModel = slotFleet(site);
  let controller: FleetController;
  let decide: DecideController | undefined;
  let planned: PlannedSchedule | undefined;
  if (name === "planned") {
    if (o.planner === undefined)
      throw new RangeError("the planned strategy needs a planner (options.planner)");
    const schedule = new PlannedSchedule(inputs, o, o.planner);
    planned = schedule;
    controller = new PlanController((i) => schedule.configuration(i), "day-ahead-plan");
  } else if (name === "gridminer") {
    decide = new DecideController(fleet, {
      policy,
      tickMs: stepS * 1000,
      signals: (i) => ({
        energyPricePerKwh: gridPricePerKwh(slots, i, terms),
        hashpricePerThsDay: netHashpricePerThsDay(slots, i, terms),
        surplusW: slots.surplusW[i] as number,
      }),
      ...(policy.coolingCapacity.length > 0 ? { ambientC: o.ambientC ?? DEFAULT_AMBIENT_C } : {}),
      ...(o.verifyEvery === undefined ? {} : { verifyEvery: o.verifyEvery }),
    });
    controller = decide;
  } else if (name === "alwaysOn") {
    const plan = alwaysOnConfiguration(site);
    controller = new PlanController(() => plan, "always-on");
  } else if (name === "threshold") {
    controller = new PlanController((i) => thresholdConfiguration(site, slots, i, terms), "threshold");
  } else {
    controller = new PlanController(
      (i) => toFleetConfiguration(fleetModel, greenConfiguration(fleetModel, slots, i)),
      "green-only",
    );
  }
  const started = o.timer?.();
  const run = runFleet(fleet, slots, controller, {
    tickMs: stepS * 1000,
    onProgress: (done) => {
      if (done % 256 === 0 || done === slots.length) o.onProgress?.(name, done, slots.length);
    },
  });
  const ledger = newLedger(slots.length);
  const auxW = policy.auxiliary.defaultW;
  for (let i = 0; i < slots.length; i++) {
    const hours = (slots.durationMs[i] as number) / 3_600_000;
    const energyKwh = ((run.energyWh[i] as number) + auxW * hours) / 1000;
    bookSlot(ledger, slots, i, terms, energyKwh, run.hashTh[i] as number);
  }
  return {
    ledger,
    stats: {
      decisions: run.decisions,
      decideCalls: decide?.stats.decideCalls ?? 0,
      memoHits: decide?.stats.memoHits ?? 0,
      verifiedReuses: decide?.stats.verified ?? 0,
      commandsSent: run.commandsSent,
      commandsRefused: run.commandsRefused,
      ...(planned === undefined ? {} : { plans: planned.stats.plans }),
      wallMs: started === undefined || o.timer === undefined ? null : o.timer() - started,
    },
  };
}

function hindsight(inputs: BacktestInputs, o: BacktestOptions): StrategyRun {
  const { slots } = inputs;
  const fleet = slotFleet(o.site);
  const ledger = newLedger(slots.length);
  const started = o.timer?.();
  for (let i = 0; i < slots.length; i++) {
    const c = hindsightConfiguration(fleet, slots, i, o.terms);
    const seconds = (slots.durationMs[i] as number) / 1000;
    bookSlot(ledger, slots, i, o.terms, (c.powerW / 1000) * (seconds / 3600), c.hashrateThs * seconds);
    if ((i + 1) % 1024 === 0 || i + 1 === slots.length) o.onProgress?.("hindsight", i + 1, slots.length);
  }
  return {
    ledger,
    stats: {
      decisions: slots.length,
      decideCalls: 0,
      memoHits: 0,
      verifiedReuses: 0,
      commandsSent: 0,
      commandsRefused: 0,
      wallMs: started === undefined || o.timer === undefined ? null : o.timer() - started,
    },
  };
}

export function regretPct(
  gridminer: StrategyTotals | undefined,
  best: StrategyTotals | undefined,
): number | null {
  if (gridminer === undefined || best === undefined || best.profit === 0) return null;
  return ((best.profit - gridminer.profit) / Math.abs(best.profit)) * 100;
}

export function runBacktest(inputs: BacktestInputs, o: BacktestOptions): BacktestResult {
  if (inputs.slots.length === 0) throw new RangeError("the backtest has no slots");
  const stepS = o.decisionStepS ?? o.site.policy.tickS;
  if (!(stepS > 0)) throw new RangeError(`decision step must be > 0 s, got ${stepS}`);
  const ledgers: Partial<Record<StrategyName, StrategyLedger>> = {};
  const totals: Partial<Record<StrategyName, StrategyTotals>> = {};
  const simulation: Partial<Record<StrategyName, SimulationStats>> = {};
  for (const name of STRATEGIES) {
    if (o.strategies !== undefined && !o.strategies.includes(name)) continue;
    if (o.strategies === undefined && name === "planned" && o.planner === undefined) continue;
    const run = name === "hindsight" ? hindsight(inputs, o) : simulate(inputs, o, name, stepS);
    ledgers[name] = run.ledger;
    totals[name] = totalsOf(run.ledger);
    simulation[name] = run.stats;
  }
  return {
    inputs,
    options: o,
    decisionStepS: stepS,
    ledgers,
    totals,
    regretPct: regretPct(totals.gridminer, totals.hindsight),
    plannedRegretPct: regretPct(totals.planned, totals.hindsight),
    simulation,
  };
}
