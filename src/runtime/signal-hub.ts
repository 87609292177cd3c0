import type { Reading } from "../domain/reading.js";
import type { GridEvent, GridSignals, OperatorOverride, PlanSlot } from "../domain/signals.js";

export type ReadingSource = (nowMs: number) => Reading<number> | undefined;

export interface SignalHubOptions {
  surplusW?: ReadingSource;
  energyPriceJpyPerKwh?: ReadingSource;
  hashpriceJpyPerThsDay?: ReadingSource;
  frequencyHz?: ReadingSource;
  nominalHz?: number;
  meteredImportW?: ReadingSource;
  ambientC?: ReadingSource;
  importLimitW?: number;
  /** A live import limit (e.g. from MQTT); the lower of this and importLimitW applies while it is fresh. */
  importLimitWSource?: ReadingSource;
  /** A live site setpoint (e.g. from MQTT), applied as an absolute setpoint event while it is fresh. */
  setpointWSource?: ReadingSource;
  /** How long a live limit or setpoint holds without a new message. */
  liveEventMaxAgeMs?: number;
  /** Events and a price from a program (OpenADR): its price wins over energyPriceJpyPerKwh while present. */
  programSignals?: (nowMs: number) => {
    events: readonly GridEvent[];
    energyPriceJpyPerKwh?: Reading<number>;
  };
}

/**
 * Collects what every adapter currently says into the GridSignals of one tick. Events and overrides arrive from the
 * API, OpenADR or MQTT at any time; `onUrgent` lets the loop react to them without waiting for the next tick.
 */
export class SignalHub {
  private readonly opts: SignalHubOptions;
  private events: GridEvent[] = [];
  private overrides: OperatorOverride[] = [];
  private urgentListener: ((why: string) => void) | undefined;
  private planSource: ((nowMs: number) => PlanSlot | undefined) | undefined;

  constructor(opts: SignalHubOptions) {
    this.opts = opts;
  }

  /** The day-ahead plan's current slot, once a planner runs. */
  setPlan(source: (nowMs: number) => PlanSlot | undefined): void {
    this.planSource = source;
  }

  onUrgent(listener: (why: string) => void): void {
    this.urgentListener = listener;
  }

  /** Something the site must react to now (a shed event, a frequency excursion). */
  urgent(why: string): void {
    this.urgentListener?.(why);
  }

  addEvent(event: GridEvent): void {
    this.events = [...this.events.filter((e) => e.id !== event.id), event];
    this.urgent(`event ${event.id} (${event.kind})`);
  }

  removeEvent(id: string): void {
    this.events = this.events.filter((e) => e.id !== id);
  }

  addOverride(o: OperatorOverride): void {
    this.overrides = [...this.overrides, o];
    this.urgent(`override ${o.id} (${o.kind})`);
  }

  removeOverride(id: string): void {
    this.overrides = this.overrides.filter((o) => o.id !== id);
  }

  /**
   * Events known at nowMs: those added here (upcoming ones too) and those a programme source (OpenADR) has in force.
   * Live MQTT limits are left out: they are readings that lapse, not scheduled events.
   */
  listEvents(nowMs: number): readonly GridEvent[] {
    const program = this.opts.programSignals?.(nowMs)?.events ?? [];
    return program.length === 0 ? this.events : [...this.events, ...program];
  }

  /** Readings of the site meter, which the snapshot carries rather than the signals. */
  meteredImportW(nowMs: number): Reading<number> | undefined {
    return this.opts.meteredImportW?.(nowMs);
  }

  ambientC(nowMs: number): Reading<number> | undefined {
    return this.opts.ambientC?.(nowMs);
  }

  private liveEvents(nowMs: number): GridEvent[] {
    const maxAge = this.opts.liveEventMaxAgeMs ?? 60_000;
    return [
      ...liveEventOf(this.opts.importLimitWSource, nowMs, maxAge, (v, at) => ({
        id: "live-import-limit",
        kind: "import-limit",
        limitW: v,
        startMs: at,
        endMs: at + maxAge,
        source: "mqtt",
      })),
      ...liveEventOf(this.opts.setpointWSource, nowMs, maxAge, (v, at) => ({
        id: "live-setpoint",
        kind: "setpoint",
        powerW: v,
        startMs: at,
        endMs: at + maxAge,
        source: "mqtt",
      })),
    ];
  }

  read(nowMs: number): GridSignals {
    // Expired events and overrides are dropped here so the lists cannot grow without bound.
    this.events = this.events.filter((e) => e.endMs > nowMs);
    this.overrides = this.overrides.filter((o) => o.expiresAtMs > nowMs);
    const surplus = this.opts.surplusW?.(nowMs);
    const program = this.opts.programSignals?.(nowMs);
    const price = program?.energyPriceJpyPerKwh ?? this.opts.energyPriceJpyPerKwh?.(nowMs);
    const hashprice = this.opts.hashpriceJpyPerThsDay?.(nowMs);
    const hz = this.opts.frequencyHz?.(nowMs);
    const plan = this.planSource?.(nowMs);
    const live = this.liveEvents(nowMs);
    const importLimitW = this.opts.importLimitW;
    return {
      ...(surplus ? { surplusW: surplus } : {}),
      ...(price ? { energyPriceJpyPerKwh: price } : {}),
      ...(hashprice ? { hashpriceJpyPerThsDay: hashprice } : {}),
      ...(importLimitW === undefined ? {} : { importLimitW }),
      events: [...this.events, ...live, ...(program?.events ?? [])],
      ...(hz ? { frequency: { hz, nominalHz: this.opts.nominalHz ?? 60 } } : {}),
      overrides: this.overrides,
      ...(plan ? { plan } : {}),
    };
  }
}

/** Live limits and setpoints become events that last as long as their reading stays fresh; a stale one lapses. */
function liveEventOf(
  source: ReadingSource | undefined,
  nowMs: number,
  maxAgeMs: number,
  make: (value: number, atMs: number) => GridEvent,
): GridEvent[] {
  const r = source?.(nowMs);
  if (!r?.ok || nowMs - r.atMs > maxAgeMs) return [];
  return [make(r.value, r.atMs)];
}

export function constantReading(value: number): ReadingSource {
  return (nowMs) => ({ ok: true, value, atMs: nowMs });
}
