// The control loop as `run`, `serve` and `demo` assemble it: policy, the day-ahead planner, the OpenADR event
// reporter, the runtime view the API and the telemetry recorder read, and the controller whose ticks feed them all.
// Each command adds only what is its own: its line per tick, the API, an emulated site.
import { redactConfig } from "../api/redact.js";
import { controllerRuntime } from "../api/runtime/controller-runtime.js";
import type { GridminerConfig } from "../config/schema.js";
import type { Clock } from "../domain/clock.js";
import type { RunningSources } from "../runtime/assemble.js";
import { SiteController, type TickReport } from "../runtime/controller.js";
import { eventReporterFor } from "../runtime/event-reporter.js";
import { startPlanning } from "../runtime/planning.js";
import { policyFromConfig } from "../runtime/policy-from-config.js";
import type { UnitTracker } from "../runtime/unit-tracker.js";
import type { Store } from "../store/store.js";

export interface SiteLoopOptions {
  cfg: GridminerConfig;
  clock: Clock;
  store: Store;
  trackers: UnitTracker[];
  running: RunningSources;
  /** Where the planner keeps plan.json. */
  dataDir: string;
  log: (line: string) => void;
  /** Decision period in the clock's time; default control.intervalS. */
  intervalMs?: number;
  /** The command's own use of a tick (its output line), after the loop's listeners. */
  onTick?: (t: TickReport) => void;
}

export function assembleSiteLoop(o: SiteLoopOptions) {
  const { cfg, clock, store, trackers, running, log } = o;
  const policy = policyFromConfig(cfg);
  const planning = startPlanning(cfg, running, policy, clock, o.dataDir, log);
  const reporter = eventReporterFor({ cfg, ven: running.ven, store, clock, onLog: log });
  const runtime = controllerRuntime({
    siteName: cfg.site.name,
    clock,
    units: trackers,
    hub: running.hub,
    config: redactConfig(cfg),
    ...(planning ? { planSlots: (from: number, until: number) => planning.runner.slots(from, until) } : {}),
    onError: (e) => log(`tick listener failed: ${String(e)}`),
  });
  const controller = new SiteController({
    units: trackers,
    signals: running.hub,
    policy,
    ...(planning ? { onSnapshot: (snap, sig) => planning.runner.maybeReplan(snap, sig.events) } : {}),
    clock,
    store,
    commandDelayS: cfg.control.commandDelayS,
    concurrency: cfg.fleet.maxConcurrency,
    intervalMs: o.intervalMs ?? cfg.control.intervalS * 1000,
    onTick: (t) => {
      running.publishTick(t);
      reporter?.onTick(t);
      runtime.bus.emit(t);
      o.onTick?.(t);
    },
    onError: (e) => log(`tick failed: ${e instanceof Error ? e.stack : String(e)}`),
  });
  return { planning, runtime, controller };
}

/** Milliseconds to add to the clock to show the recorded time a replay stands for (0 without a replay). */
export function replayOffsetMs(cfg: GridminerConfig, clock: Clock): number {
  return cfg.signals.replayFrom === undefined ? 0 : Date.parse(cfg.signals.replayFrom) - clock.nowMs();
}
