import type { GridminerConfig } from "../config/schema.js";
import type { Clock } from "../domain/clock.js";
import type { PowerInterval, PriceInterval } from "../domain/series.js";
import { toModbusMeterConfig } from "../drivers/meters/config.js";
import { ModbusMeter } from "../drivers/meters/modbus-meter.js";
import { avalonModelSpec } from "../drivers/miners/avalon/models.js";
import type { CgminerScheduler } from "../drivers/protocols/cgminer/scheduler.js";
import { type CurtailmentNotice, loadCurtailmentNotices } from "../signals/curtailment/curtailment-notice.js";
import { loadSurplusSetpoints } from "../signals/curtailment/surplus-setpoints.js";
import { bundledCeFrequencyFile, loadCeFrequencyFile } from "../signals/frequency/ce-file.js";
import { ReplayFrequencySource } from "../signals/frequency/replay.js";
import { MqttSignalClient } from "../signals/mqtt/client.js";
import { toCoreSignals } from "../signals/openadr3/active-signals.js";
import type { VenProblem } from "../signals/openadr3/errors.js";
import { OpenAdr3Ven } from "../signals/openadr3/ven.js";
import {
  jepxPrices,
  kyushuPlantProfile,
  seriesReader,
  type TimeMapping,
} from "../signals/replay/recorded-profile.js";
import type { SignalReader, SignalSource } from "../signals/source.js";
import type { TickReport } from "./controller.js";
import { connectFleet } from "./fleet/operations.js";
import { expandTargets } from "./fleet/targets.js";
import { constantReading, type ReadingSource, SignalHub } from "./signal-hub.js";
import { type ControlDriver, UnitTracker } from "./unit-tracker.js";

export interface FleetProblem {
  unit: string;
  error: string;
}

/** Finds every configured unit; a unit that does not answer at start is reported and left out of control. */
export async function connectConfiguredFleet(
  cfg: GridminerConfig,
  scheduler: CgminerScheduler,
  clock: Clock,
): Promise<{ trackers: UnitTracker[]; problems: FleetProblem[] }> {
  const trackers: UnitTracker[] = [];
  const problems: FleetProblem[] = [];
  for (const group of cfg.fleet.groups) {
    const endpoints = expandTargets(group.targets, { defaultPort: group.port });
    const connected = await connectFleet(endpoints, {
      scheduler,
      clock,
      timeoutMs: cfg.fleet.requestTimeoutMs,
      concurrency: cfg.fleet.maxConcurrency,
    });
    for (const c of connected) {
      const label = `${c.endpoint.host}:${c.endpoint.port}`;
      if (!c.driver || !c.identity) {
        problems.push({ unit: label, error: c.error?.message ?? "not found" });
        continue;
      }
      const spec = avalonModelSpec(c.identity.model) ?? avalonModelSpec(group.model);
      if (!spec) {
        problems.push({
          unit: label,
          error: `no model figures for ${c.identity.model} (group ${group.name})`,
        });
        continue;
      }
      trackers.push(new UnitTracker(c.driver as ControlDriver, c.identity, spec));
    }
  }
  return { trackers, problems };
}

export interface RunningSources {
  hub: SignalHub;
  /** Every live adapter, for `signals show`, the API and a clean stop. */
  sources: SignalSource<unknown>[];
  ven?: OpenAdr3Ven;
  /** Series the planner reads, in live time (shifted when recorded data is replayed). */
  forecasts: {
    spot: PriceInterval[];
    surplus: PowerInterval[];
    hashpriceJpyPerThsDay?: number;
    /** When notices are configured the planner counts only on what they announce, not on recorded surplus. */
    notices?: { notices: CurtailmentNotice[]; plantShare: number; capacityW: number };
  };
  /** Publishes one tick's summary where the site reports its state (MQTT), if configured; never throws. */
  publishTick(t: TickReport): void;
  stop(): Promise<void>;
}

function readingOf(reader: SignalReader<number> | undefined): ReadingSource | undefined {
  if (!reader) return undefined;
  return (nowMs) => {
    const r = reader.reading();
    if (r === undefined) return { ok: false, error: `${reader.name}: no value yet`, atMs: nowMs };
    return r;
  };
}

/** Builds the signal hub from the config's signal section, loading recorded data and starting live adapters. */
export async function signalHubFromConfig(
  cfg: GridminerConfig,
  clock: Clock,
  opts: { onProblem?: (text: string) => void } = {},
): Promise<RunningSources> {
  const s = cfg.signals;
  let hubRef: SignalHub | undefined;
  const startMs = clock.nowMs();
  const map: TimeMapping | undefined =
    s.replayFrom === undefined
      ? undefined
      : { liveStartMs: startMs, recordedStartMs: Date.parse(s.replayFrom) };
  const recordedNow = map?.recordedStartMs ?? startMs;
  const sources: SignalSource<unknown>[] = [];

  const meters = new Map<string, { meter: ModbusMeter; role: string }>();
  for (const m of s.meters) {
    const conf = toModbusMeterConfig(m);
    const meter = new ModbusMeter(conf, { clock });
    meters.set(m.name, { meter, role: conf.role });
    sources.push(meter as SignalSource<unknown>);
  }
  const meterReader = (name: string, quantity: "powerW" | "frequencyHz"): SignalReader<number> => {
    const m = meters.get(name);
    if (!m)
      throw new Error(
        `signals: no meter named "${name}" (configured: ${[...meters.keys()].join(", ") || "none"})`,
      );
    return m.meter.reader(quantity);
  };
  const mqtt = s.mqtt ? new MqttSignalClient(s.mqtt, { clock }) : undefined;
  if (mqtt) sources.push(mqtt as unknown as SignalSource<unknown>);
  const mqttReader = (q: "surplusW" | "frequencyHz" | "importLimitW" | "setpointW"): SignalReader<number> => {
    const r = mqtt?.reader(q);
    if (!r)
      throw new Error(`signals: ${q} is taken from MQTT but signals.mqtt.topics.${q} is not configured`);
    return r;
  };

  const shiftMs = map === undefined ? 0 : map.liveStartMs - map.recordedStartMs;
  const forecasts: RunningSources["forecasts"] = { spot: [], surplus: [] };
  let surplus: ReadingSource | undefined;
  if (s.surplus.source === "constant") surplus = constantReading(s.surplus.powerW);
  else if (s.surplus.source === "mqtt") surplus = readingOf(mqttReader("surplusW"));
  else if (s.surplus.source === "meter") surplus = readingOf(meterReader(s.surplus.meter, "powerW"));
  else if (s.surplus.source === "setpoints") {
    const loaded = await loadSurplusSetpoints(s.surplus.file);
    forecasts.surplus = loaded.setpoints.map((i) => ({ ...i, startMs: i.startMs + shiftMs }));
    surplus = seriesReader(`surplus setpoints ${s.surplus.file}`, loaded.setpoints, (i) => i.powerW, map);
  } else if (s.surplus.source === "kyushu-plant") {
    const profile = await kyushuPlantProfile({ capacityMw: s.surplus.plantCapacityMw, fromMs: recordedNow });
    const series = profile.surplus;
    forecasts.surplus = series.map((i) => ({
      startMs: i.startMs + shiftMs,
      durationMs: i.durationMs,
      powerW: i.powerW,
    }));
    surplus = seriesReader("surplus (Kyushu plant)", series, (i) => i.powerW, map);
    if (s.curtailmentNotices?.source === "derived") {
      forecasts.notices = {
        notices: profile.notices.map((n) => ({
          ...n,
          startMs: n.startMs + shiftMs,
          endMs: n.endMs + shiftMs,
          issuedMs: n.issuedMs + shiftMs,
        })),
        plantShare: profile.plantShare,
        capacityW: s.surplus.plantCapacityMw * 1e6,
      };
    }
  }
  if (s.curtailmentNotices?.source === "derived" && forecasts.notices === undefined) {
    throw new Error("signals.curtailmentNotices: derived notices need signals.surplus.source kyushu-plant");
  }
  if (s.curtailmentNotices?.source === "file") {
    const loaded = await loadCurtailmentNotices(s.curtailmentNotices.file);
    forecasts.notices = {
      notices: loaded.notices,
      plantShare: s.curtailmentNotices.plantShare,
      capacityW: Number.POSITIVE_INFINITY,
    };
  }
  let price: ReadingSource | undefined;
  if (s.price.source === "constant") price = constantReading(s.price.priceJpyPerKwh);
  else if (s.price.source === "jepx") {
    const adder = s.price.adderJpyPerKwh;
    const series = await jepxPrices({ area: s.price.area, fromMs: recordedNow });
    forecasts.spot = series.map((i) => ({ ...i, startMs: i.startMs + shiftMs }));
    price = seriesReader(`JEPX ${s.price.area}`, series, (i) => i.priceJpyPerKwh + adder, map);
  }
  let frequency: ReadingSource | undefined;
  if (s.frequency.source === "mqtt") frequency = readingOf(mqttReader("frequencyHz"));
  else if (s.frequency.source === "meter")
    frequency = readingOf(meterReader(s.frequency.meter, "frequencyHz"));
  else if (s.frequency.source === "replay") {
    const data = await loadCeFrequencyFile(bundledCeFrequencyFile(s.frequency.day));
    const shiftHz = cfg.control.frequency.nominalHz - s.frequency.recordedNominalHz;
    const replay = new ReplayFrequencySource({
      samples: data.samples.map((x) => ({ ...x, frequencyHz: x.frequencyHz + shiftHz })),
      clock,
      name: `frequency replay ${s.frequency.day}`,
    });
    sources.push(replay as SignalSource<unknown>);
    frequency = readingOf(replay);
  }
  let ven: OpenAdr3Ven | undefined;
  if (s.openadr3) {
    const o = s.openadr3;
    ven = new OpenAdr3Ven({
      version: o.version,
      vtnUrl: o.vtnUrl,
      venName: o.venName,
      ...(o.clientId && o.clientSecret
        ? { credentials: { clientId: o.clientId, clientSecret: o.clientSecret } }
        : {}),
      pollIntervalMs: o.pollIntervalS * 1000,
      ...(o.programNames ? { programNames: o.programNames } : {}),
      clock,
      onChange: () => hubRef?.urgent("OpenADR event change"),
      onProblem: (p) => opts.onProblem?.(`OpenADR: ${describeProblem(p)}`),
    });
  }
  const siteMeter = [...meters.values()].find((m) => m.role === "site-import");
  const ambient = s.ambient.source === "constant" ? constantReading(s.ambient.temperatureC) : undefined;
  const hashprice = s.hashprice.source === "constant" ? constantReading(s.hashprice.jpyPerThDay) : undefined;
  if (s.hashprice.source === "constant") forecasts.hashpriceJpyPerThsDay = s.hashprice.jpyPerThDay;
  const site = { maxImportW: cfg.site.importLimitW, sourceName: s.openadr3?.venName ?? "openadr3" };
  const hub = new SignalHub({
    ...(ven
      ? { programSignals: (nowMs: number) => toCoreSignals((ven as OpenAdr3Ven).activeSignals(site, nowMs)) }
      : {}),
    ...(surplus ? { surplusW: surplus } : {}),
    ...(price ? { energyPriceJpyPerKwh: price } : {}),
    ...(hashprice ? { hashpriceJpyPerThsDay: hashprice } : {}),
    ...(ambient ? { ambientC: ambient } : {}),
    ...(frequency ? { frequencyHz: frequency } : {}),
    ...(siteMeter ? { meteredImportW: readingOf(siteMeter.meter.reader("powerW")) as ReadingSource } : {}),
    ...(mqtt?.reader("importLimitW")
      ? { importLimitWSource: readingOf(mqtt.reader("importLimitW")) as ReadingSource }
      : {}),
    ...(mqtt?.reader("setpointW")
      ? { setpointWSource: readingOf(mqtt.reader("setpointW")) as ReadingSource }
      : {}),
    nominalHz: cfg.control.frequency.nominalHz,
  });
  hubRef = hub;
  for (const src of sources) src.start();
  // Frequency is sampled faster than the decision period: a trip must not wait for the next tick.
  const tripHz = cfg.control.frequency.nominalHz - cfg.control.frequency.tripDeltaHz;
  let tripped = false;
  const watch = frequency
    ? setInterval(() => {
        const r = frequency?.(clock.nowMs());
        const low = r?.ok === true && r.value <= tripHz;
        if (low && !tripped)
          hub.urgent(`frequency ${r?.ok ? r.value.toFixed(3) : "?"} Hz ≤ ${tripHz.toFixed(2)} Hz`);
        tripped = low;
      }, 200)
    : undefined;
  watch?.unref();
  // The first poll of a VTN that is down must not hold up the site: the VEN retries on its own.
  if (ven) void ven.start().catch((e: unknown) => opts.onProblem?.(`OpenADR: ${String(e)}`));
  return {
    hub,
    sources,
    ...(ven ? { ven } : {}),
    forecasts,
    publishTick(t: TickReport) {
      if (!mqtt) return;
      void mqtt.publishState({
        atMs: t.decision.nowMs,
        targetPowerW: Math.round(t.decision.targetPowerW),
        plannedPowerW: Math.round(t.decision.plannedPowerW),
        reportedPowerW: Math.round(t.reportedPowerW),
        hashrateThs: Math.round(t.snapshot.units.reduce((a, u) => a + u.hashrateThs, 0)),
        unitsHashing: t.snapshot.units.filter((u) => u.state === "hashing").length,
        unitsTotal: t.snapshot.units.length,
        commands: t.results.length,
      });
    },
    async stop() {
      if (watch) clearInterval(watch);
      await Promise.all([...sources.map((x) => x.stop()), ven?.stop()]);
    },
  };
}

function describeProblem(p: VenProblem): string {
  return p.objectId === undefined ? p.message : `${p.objectId}: ${p.message}`;
}
