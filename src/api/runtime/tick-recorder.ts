// Writes each tick's figures to the store: the site every tick, the units every `unitSampleMs` (558 units every
// 5 s would be 9.6 million rows a day), grid events when they appear or change, and the retention job now and then.
// Writes are chained so they never overlap, and a store that falls behind drops samples instead of piling them up.
import type { Clock } from "../../domain/clock.js";
import type { GridEvent } from "../../domain/signals.js";
import type { TickReport } from "../../runtime/controller.js";
import { DEFAULT_RETENTION, type RetentionPolicy } from "../../store/retention.js";
import type { Store } from "../../store/store.js";
import type { SiteRuntime } from "../site-runtime.js";

export interface TickRecorderOptions {
  unitSampleMs?: number;
  compactEveryMs?: number;
  retention?: RetentionPolicy;
  /** Writes waiting at most; beyond that a tick's samples are dropped (and counted). */
  maxBacklog?: number;
  onError?: (e: unknown) => void;
}

export class TickRecorder {
  private readonly store: Store;
  private readonly runtime: SiteRuntime;
  private readonly clock: Clock;
  private readonly o: Required<Omit<TickRecorderOptions, "onError">> & Pick<TickRecorderOptions, "onError">;
  private chain: Promise<void> = Promise.resolve();
  private backlog = 0;
  private lastUnitSampleMs = Number.NEGATIVE_INFINITY;
  private lastCompactMs: number;
  private readonly seenEvents = new Map<string, string>();
  private off: (() => void) | undefined;
  dropped = 0;

  constructor(store: Store, runtime: SiteRuntime, opts: TickRecorderOptions = {}) {
    this.store = store;
    this.runtime = runtime;
    this.clock = runtime.clock;
    this.o = {
      unitSampleMs: opts.unitSampleMs ?? 60_000,
      compactEveryMs: opts.compactEveryMs ?? 600_000,
      retention: opts.retention ?? DEFAULT_RETENTION,
      maxBacklog: opts.maxBacklog ?? 10,
      ...(opts.onError ? { onError: opts.onError } : {}),
    };
    this.lastCompactMs = this.clock.nowMs();
  }

  start(): void {
    this.off ??= this.runtime.onTick((t) => this.record(t));
  }

  /** Stops listening and waits for the writes already queued. */
  async stop(): Promise<void> {
    this.off?.();
    this.off = undefined;
    await this.chain;
  }

  record(t: TickReport): void {
    if (this.backlog >= this.o.maxBacklog) {
      this.dropped++;
      return;
    }
    const nowMs = t.decision.nowMs;
    const withUnits = nowMs - this.lastUnitSampleMs >= this.o.unitSampleMs;
    if (withUnits) this.lastUnitSampleMs = nowMs;
    const events = this.changedEvents(this.runtime.signals.listEvents(nowMs));
    const compact = this.clock.nowMs() - this.lastCompactMs >= this.o.compactEveryMs;
    if (compact) this.lastCompactMs = this.clock.nowMs();
    this.enqueue(async () => {
      await this.store.telemetry.appendSite(siteSample(t, this.runtime));
      if (withUnits) await this.store.telemetry.appendUnits(unitSamples(t));
      for (const e of events) await this.store.events.upsert(e, nowMs);
      if (compact) await this.store.telemetry.compact(this.clock.nowMs(), this.o.retention);
    });
  }

  private changedEvents(events: readonly GridEvent[]): GridEvent[] {
    const changed: GridEvent[] = [];
    for (const e of events) {
      const key = JSON.stringify(e);
      if (this.seenEvents.get(e.id) === key) continue;
      this.seenEvents.set(e.id, key);
      changed.push(e);
    }
    return changed;
  }

  private enqueue(write: () => Promise<void>): void {
    this.backlog++;
    this.chain = this.chain
      .then(write)
      .catch((e: unknown) => this.o.onError?.(e))
      .finally(() => {
        this.backlog--;
      });
  }
}

function readingValue(r: { ok: true; value: number } | { ok: false } | undefined): number | null {
  return r?.ok ? r.value : null;
}

export function siteSample(t: TickReport, runtime: SiteRuntime) {
  const signals = runtime.signals.read(t.decision.nowMs);
  const units = t.snapshot.units;
  return {
    atMs: t.decision.nowMs,
    targetPowerW: t.decision.targetPowerW,
    plannedPowerW: t.decision.plannedPowerW,
    reportedPowerW: t.reportedPowerW,
    measuredPowerW: readingValue(t.snapshot.meteredImportW),
    surplusW: readingValue(signals.surplusW),
    priceJpyPerKwh: readingValue(signals.energyPriceJpyPerKwh),
    hashrateThs: units.reduce((s, u) => s + u.hashrateThs, 0),
    unitsHashing: units.filter((u) => u.state === "hashing").length,
  };
}

export function unitSamples(t: TickReport) {
  return t.snapshot.units.map((u) => ({
    atMs: t.decision.nowMs,
    unitId: u.id,
    state: u.state,
    powerW: u.powerW,
    hashrateThs: u.hashrateThs,
    coolantOutletC: u.coolantOutletC ?? null,
  }));
}
