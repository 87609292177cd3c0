import { decide } from "../core/decide.js";
import type { Clock } from "../domain/clock.js";
import type { Decision, UnitCommand } from "../domain/decision.js";
import { isDriverError } from "../domain/errors.js";
import type { SitePolicy } from "../domain/policy.js";
import type { GridSignals } from "../domain/signals.js";
import { freezeSnapshot, type SiteSnapshot } from "../domain/site.js";
import type { DecisionStore, StoredCommand } from "../store/store.js";
import { mapBounded } from "./fleet/pool.js";
import type { SignalHub } from "./signal-hub.js";
import type { UnitTracker } from "./unit-tracker.js";

export interface ControllerOptions {
  units: readonly UnitTracker[];
  signals: SignalHub;
  policy: SitePolicy;
  clock: Clock;
  store?: DecisionStore;
  /** Soft-off/on are scheduled this many seconds ahead (the unit acts at that epoch second). */
  commandDelayS?: number;
  /** Units polled and commanded at once; the transport still serialises per unit. */
  concurrency?: number;
  /** A command whose effect telemetry has not shown after this long may be sent again. */
  pendingTimeoutMs?: number;
  /** Wall-clock wait between ticks. */
  intervalMs: number;
  /** Log a decision only when the target moved by more than this, or when commands were sent. */
  logThresholdW?: number;
  onTick?: (tick: TickReport) => void;
  /** Sees each tick's frozen snapshot and signals before the decision (the planner re-plans from it). */
  onSnapshot?: (snapshot: SiteSnapshot, signals: GridSignals) => void;
  onError?: (err: unknown) => void;
}

export interface CommandResult extends StoredCommand {
  cause: string;
}

export interface TickReport {
  atMs: number;
  decision: Decision;
  snapshot: SiteSnapshot;
  reportedPowerW: number;
  results: CommandResult[];
  pollMs: number;
  urgent?: string;
}

/**
 * The closed loop: poll → freeze snapshot → decide → actuate → record. Ticks never overlap; an urgent signal
 * (shed event, frequency excursion) starts a tick at once instead of waiting for the timer.
 */
export class SiteController {
  private readonly o: ControllerOptions;
  private memory: Decision["memory"] | undefined;
  private lastTargetW: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again: string | undefined;
  private stopped = true;
  last: TickReport | undefined;

  constructor(opts: ControllerOptions) {
    this.o = opts;
    opts.signals.onUrgent((why) => this.trigger(why));
  }

  start(): void {
    this.stopped = false;
    this.trigger("start");
  }

  /** Runs a tick now, or right after the one in progress. */
  trigger(why: string): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = why;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.tick(why)
      .then((report) => this.o.onTick?.(report))
      .catch((e: unknown) => this.o.onError?.(e))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const next = this.again;
        this.again = undefined;
        if (next !== undefined) this.trigger(next);
        else this.timer = setTimeout(() => this.trigger("timer"), this.o.intervalMs);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async tick(urgent?: string): Promise<TickReport> {
    const { clock, units, signals, policy } = this.o;
    const concurrency = this.o.concurrency ?? 256;
    const t0 = clock.nowMs();
    const started = performance.now();
    await mapBounded(units, concurrency, (u) => u.poll(() => clock.nowMs()));
    const pollMs = performance.now() - started;
    const nowMs = clock.nowMs();
    for (const u of units) u.expirePending(nowMs, this.o.pendingTimeoutMs ?? 120_000);

    const metered = signals.meteredImportW(nowMs);
    const ambient = signals.ambientC(nowMs);
    const snapshot = freezeSnapshot({
      atMs: nowMs,
      units: units.map((u) => u.snapshot()),
      ...(metered ? { meteredImportW: metered } : {}),
      ...(ambient ? { ambientC: ambient } : {}),
      ...(this.memory ? { memory: this.memory } : {}),
    });
    const gridSignals = signals.read(nowMs);
    this.o.onSnapshot?.(snapshot, gridSignals);
    const decision = decide(snapshot, gridSignals, policy, nowMs);
    this.memory = decision.memory;

    const byId = new Map(units.map((u) => [u.id, u]));
    const results = await mapBounded(decision.commands, concurrency, (cmd) =>
      this.actuate(cmd, byId.get(cmd.unitId)),
    );
    const reportedPowerW = snapshot.units.reduce((s, u) => s + u.powerW, 0);
    await this.record(decision, results, metered?.ok ? metered.value : null);
    const report: TickReport = {
      atMs: t0,
      decision,
      snapshot,
      reportedPowerW,
      results,
      pollMs,
      ...(urgent === undefined ? {} : { urgent }),
    };
    this.last = report;
    return report;
  }

  private async actuate(cmd: UnitCommand, unit: UnitTracker | undefined): Promise<CommandResult> {
    const base = {
      unitId: cmd.unitId,
      action: cmd.action,
      cause: cmd.cause,
      ...(cmd.mode === undefined ? {} : { mode: cmd.mode }),
    };
    if (!unit) return { ...base, acknowledged: false, detail: "unknown unit" };
    const delayS = this.o.commandDelayS ?? 1;
    // The loop confirms through its own polls; waiting here would hold the whole tick on the slowest unit.
    unit.markPending(cmd.action, cmd.mode, this.o.clock.nowMs());
    try {
      const d = unit.driver;
      let outcome: Awaited<ReturnType<typeof d.sleep>>;
      if (cmd.action === "sleep") outcome = await d.sleep({ delayS, noConfirm: true });
      else if (cmd.action === "wake") {
        outcome = await d.wake({ delayS, noConfirm: true });
        const status = unit.status;
        // A unit wakes in its last mode; the mode change follows once it runs (the firmware refuses it in between).
        if (cmd.mode !== undefined && status?.workMode !== undefined && status.workMode !== cmd.mode) {
          return {
            ...base,
            acknowledged: outcome.acknowledged,
            detail: `${outcome.detail}; mode ${cmd.mode} follows when running`,
          };
        }
      } else outcome = await d.setWorkMode(cmd.mode ?? 1, { noConfirm: true });
      return { ...base, acknowledged: outcome.acknowledged, detail: outcome.detail };
    } catch (e) {
      // A refused or failed write leaves the unit as it was; the next tick sees its real state.
      unit.pending = undefined;
      return {
        ...base,
        acknowledged: false,
        detail: isDriverError(e) || e instanceof Error ? e.message : String(e),
      };
    }
  }

  private async record(
    decision: Decision,
    results: CommandResult[],
    measuredW: number | null,
  ): Promise<void> {
    const store = this.o.store;
    if (!store) return;
    const moved =
      this.lastTargetW === null ||
      Math.abs(decision.targetPowerW - this.lastTargetW) > (this.o.logThresholdW ?? 10_000);
    if (!moved && results.length === 0) return;
    // A failed write is reported but never stops the loop: control matters more than its log.
    try {
      await store.appendDecision({
        atMs: decision.nowMs,
        targetPowerW: decision.targetPowerW,
        previousTargetPowerW: this.lastTargetW,
        windowMinW: decision.window.minW,
        windowMaxW: decision.window.maxW,
        measuredPowerW: measuredW,
        reasons: decision.reasons.map((r) => ({ rule: r.rule, effect: r.effect, detail: r.detail })),
        commands: results.map((r) => ({
          unitId: r.unitId,
          action: r.action,
          ...(r.mode === undefined ? {} : { mode: r.mode }),
          ...(r.acknowledged === undefined ? {} : { acknowledged: r.acknowledged }),
          ...(r.detail === undefined ? {} : { detail: r.detail }),
        })),
      });
    } catch (e) {
      this.o.onError?.(e);
    }
    this.lastTargetW = decision.targetPowerW;
  }
}
