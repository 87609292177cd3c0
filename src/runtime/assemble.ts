import type { GridminerConfig } from "../config/schema.js";
import type { Clock } from "../domain/clock.js";
import { avalonModelSpec } from "../drivers/miners/avalon/models.js";
import type { CgminerScheduler } from "../drivers/protocols/cgminer/scheduler.js";
import {
  jepxPrices,
  kyushuPlantSurplus,
  seriesReader,
  type TimeMapping,
} from "../signals/replay/recorded-profile.js";
import { connectFleet } from "./fleet/operations.js";
import { expandTargets } from "./fleet/targets.js";
import { constantReading, SignalHub } from "./signal-hub.js";
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

/** Builds the signal hub from the config's signal section, loading recorded data where asked. */
export async function signalHubFromConfig(cfg: GridminerConfig, clock: Clock): Promise<SignalHub> {
  const s = cfg.signals;
  const startMs = clock.nowMs();
  const map: TimeMapping | undefined =
    s.replayFrom === undefined
      ? undefined
      : { liveStartMs: startMs, recordedStartMs: Date.parse(s.replayFrom) };
  const recordedNow = map?.recordedStartMs ?? startMs;
  const surplus =
    s.surplus.source === "constant"
      ? constantReading(s.surplus.powerW)
      : s.surplus.source === "kyushu-plant"
        ? seriesReader(
            "surplus (Kyushu plant)",
            await kyushuPlantSurplus({ capacityMw: s.surplus.plantCapacityMw, fromMs: recordedNow }),
            (i) => i.powerW,
            map,
          )
        : undefined;
  let price: ((ms: number) => ReturnType<ReturnType<typeof constantReading>>) | undefined;
  if (s.price.source === "constant") price = constantReading(s.price.priceJpyPerKwh);
  else if (s.price.source === "jepx") {
    const adder = s.price.adderJpyPerKwh;
    const read = seriesReader(
      `JEPX ${s.price.area}`,
      await jepxPrices({ area: s.price.area, fromMs: recordedNow }),
      (i) => i.priceJpyPerKwh + adder,
      map,
    );
    price = read;
  }
  const ambient = s.ambient.source === "constant" ? constantReading(s.ambient.temperatureC) : undefined;
  const hashprice = s.hashprice.source === "constant" ? constantReading(s.hashprice.jpyPerThDay) : undefined;
  return new SignalHub({
    ...(surplus ? { surplusW: surplus } : {}),
    ...(price ? { energyPriceJpyPerKwh: price } : {}),
    ...(hashprice ? { hashpriceJpyPerThsDay: hashprice } : {}),
    ...(ambient ? { ambientC: ambient } : {}),
    nominalHz: cfg.control.frequency.nominalHz,
  });
}
