// Prometheus figures for the site, each unit, the signals and the control loop. Tick figures are set as each tick
// ends; signal values and ages are read at scrape time, so an age keeps growing while a source is silent.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { MINER_STATES } from "../../domain/miner.js";
import type { Reading } from "../../domain/reading.js";
import type { TickReport } from "../../runtime/controller.js";
import type { SiteRuntime } from "../site-runtime.js";

const SIGNALS = [
  "surplus_w",
  "energy_price_jpy_per_kwh",
  "hashprice_jpy_per_ths_day",
  "frequency_hz",
] as const;

export class SiteMetrics {
  readonly registry = new Registry();
  private readonly runtime: SiteRuntime;
  private readonly site: Gauge<"quantity">;
  private readonly unitsByState: Gauge<"state">;
  private readonly unitPower: Gauge<"unit">;
  private readonly unitHashrate: Gauge<"unit">;
  private readonly unitCoolant: Gauge<"unit">;
  private readonly unitState: Gauge<"unit" | "state">;
  private readonly ticks: Counter<"trigger">;
  private readonly commands: Counter<"action" | "result">;
  private readonly tickSeconds: Histogram;
  private readonly pollSeconds: Histogram;
  private readonly lastTick: Gauge;
  private off: (() => void) | undefined;

  constructor(runtime: SiteRuntime, opts: { processMetrics?: boolean } = {}) {
    this.runtime = runtime;
    const registers = [this.registry];
    this.registry.setDefaultLabels({ site: runtime.siteName });
    this.site = new Gauge({
      name: "gridminer_site_power_watts",
      help: "Site power by quantity: target, planned, reported (units' own reports), measured (site meter), window_min, window_max",
      labelNames: ["quantity"],
      registers,
    });
    new Gauge({
      name: "gridminer_site_hashrate_terahashes_per_second",
      help: "Sum of the units' reported hashrate",
      registers,
      collect() {
        this.set(runtime.units().reduce((s, u) => s + (u.status?.hashrateThs ?? 0), 0));
      },
    });
    this.unitsByState = new Gauge({
      name: "gridminer_units",
      help: "Units by state",
      labelNames: ["state"],
      registers,
    });
    this.unitPower = new Gauge({
      name: "gridminer_unit_power_watts",
      help: "Wall power a unit reports",
      labelNames: ["unit"],
      registers,
    });
    this.unitHashrate = new Gauge({
      name: "gridminer_unit_hashrate_terahashes_per_second",
      help: "Hashrate a unit reports",
      labelNames: ["unit"],
      registers,
    });
    this.unitCoolant = new Gauge({
      name: "gridminer_unit_coolant_outlet_celsius",
      help: "Coolant outlet temperature",
      labelNames: ["unit"],
      registers,
    });
    this.unitState = new Gauge({
      name: "gridminer_unit_state",
      help: "1 for the unit's current state, 0 for the others",
      labelNames: ["unit", "state"],
      registers,
    });
    const signalOf = (name: (typeof SIGNALS)[number]): Reading<number> | undefined => {
      const s = runtime.signals.read(runtime.clock.nowMs());
      if (name === "surplus_w") return s.surplusW;
      if (name === "energy_price_jpy_per_kwh") return s.energyPriceJpyPerKwh;
      if (name === "hashprice_jpy_per_ths_day") return s.hashpriceJpyPerThsDay;
      return s.frequency?.hz;
    };
    new Gauge({
      name: "gridminer_signal_value",
      help: "Latest value of each configured signal (the last good one while it fails)",
      labelNames: ["signal"],
      registers,
      collect() {
        this.reset();
        for (const n of SIGNALS) {
          const r = signalOf(n);
          const v = r?.ok ? r.value : r?.lastGood?.value;
          if (v !== undefined) this.set({ signal: n }, v);
        }
      },
    });
    new Gauge({
      name: "gridminer_signal_age_seconds",
      help: "Age of each configured signal's latest reading",
      labelNames: ["signal"],
      registers,
      collect() {
        this.reset();
        const nowMs = runtime.clock.nowMs();
        for (const n of SIGNALS) {
          const r = signalOf(n);
          if (r) this.set({ signal: n }, (nowMs - (r.ok ? r.atMs : (r.lastGood?.atMs ?? r.atMs))) / 1000);
        }
      },
    });
    new Gauge({
      name: "gridminer_signal_ok",
      help: "1 while the signal's source answers, 0 while it fails",
      labelNames: ["signal"],
      registers,
      collect() {
        this.reset();
        for (const n of SIGNALS) {
          const r = signalOf(n);
          if (r) this.set({ signal: n }, r.ok ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: "gridminer_overrides_active",
      help: "Operator overrides in force",
      registers,
      collect() {
        this.set(runtime.signals.read(runtime.clock.nowMs()).overrides.length);
      },
    });
    new Gauge({
      name: "gridminer_grid_events",
      help: "Grid events known (active or upcoming)",
      registers,
      collect() {
        this.set(runtime.signals.listEvents(runtime.clock.nowMs()).length);
      },
    });
    this.ticks = new Counter({
      name: "gridminer_ticks_total",
      help: "Control-loop ticks by trigger",
      labelNames: ["trigger"],
      registers,
    });
    this.commands = new Counter({
      name: "gridminer_commands_total",
      help: "Commands sent to units, by action and result (acknowledged or failed)",
      labelNames: ["action", "result"],
      registers,
    });
    this.tickSeconds = new Histogram({
      name: "gridminer_tick_duration_seconds",
      help: "From the start of a tick to its end, on the controller's clock",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.pollSeconds = new Histogram({
      name: "gridminer_tick_poll_seconds",
      help: "Wall time to read every unit in one tick",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers,
    });
    this.lastTick = new Gauge({
      name: "gridminer_last_tick_timestamp_seconds",
      help: "When the last tick ran",
      registers,
    });
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "gridminer_" });
  }

  start(): void {
    this.off ??= this.runtime.onTick((t) => this.observe(t));
    const last = this.runtime.lastTick();
    if (last) this.observe(last, false);
  }

  stop(): void {
    this.off?.();
    this.off = undefined;
  }

  observe(t: TickReport, count = true): void {
    const d = t.decision;
    this.site.set({ quantity: "target" }, d.targetPowerW);
    this.site.set({ quantity: "planned" }, d.plannedPowerW);
    this.site.set({ quantity: "reported" }, t.reportedPowerW);
    this.site.set({ quantity: "window_min" }, d.window.minW);
    this.site.set({ quantity: "window_max" }, d.window.maxW);
    const m = t.snapshot.meteredImportW;
    if (m?.ok) this.site.set({ quantity: "measured" }, m.value);
    else this.site.remove({ quantity: "measured" });
    this.unitsByState.reset();
    for (const s of MINER_STATES) this.unitsByState.set({ state: s }, 0);
    this.unitState.reset();
    for (const u of t.snapshot.units) {
      this.unitsByState.inc({ state: u.state });
      this.unitPower.set({ unit: u.id }, u.powerW);
      this.unitHashrate.set({ unit: u.id }, u.hashrateThs);
      if (u.coolantOutletC !== undefined) this.unitCoolant.set({ unit: u.id }, u.coolantOutletC);
      for (const s of MINER_STATES) this.unitState.set({ unit: u.id, state: s }, s === u.state ? 1 : 0);
    }
    this.lastTick.set(d.nowMs / 1000);
    if (!count) return;
    // The controller names every trigger ("timer", "start", "event dr-7 (shed-level)", …): kept to three values.
    const trigger =
      t.urgent === undefined || t.urgent === "timer" ? "timer" : t.urgent === "start" ? "start" : "urgent";
    this.ticks.inc({ trigger });
    for (const r of t.results)
      this.commands.inc({ action: r.action, result: r.acknowledged ? "acknowledged" : "failed" });
    this.tickSeconds.observe(Math.max(0, this.runtime.clock.nowMs() - t.atMs) / 1000);
    this.pollSeconds.observe(t.pollMs / 1000);
  }
}
