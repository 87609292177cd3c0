// The demo replays one recorded day, so its store would hold no like days for a demand-response baseline. Before
// the first replay it fills the days before with what gridminer would have drawn on them: the backtest's fleet
// simulator, running the real decide() over the bundled Kyushu curtailment and JEPX records of those days.
import type { GridminerConfig } from "../config/schema.js";
import { A1566HA } from "../drivers/miners/avalon/models.js";
import { expandTargets } from "../runtime/fleet/targets.js";
import { policyFromConfig } from "../runtime/policy-from-config.js";
import { loadJepxInputs, runBacktest } from "../simulator/backtest/index.js";
import { DEFAULT_RETENTION } from "../store/retention.js";
import type { Store } from "../store/store.js";

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const JST_MS = 9 * 3_600_000;

export interface DemoHistory {
  readonly from: string;
  readonly to: string;
  readonly rows: number;
}

const jstDate = (ms: number) => new Date(ms + JST_MS).toISOString().slice(0, 10);

/**
 * Writes one site row per minute for the `days` JST days before `replayFromMs` and its own day up to it, unless the
 * store already has rows there. Returns what it wrote, or undefined when nothing was needed or the configuration is not the Kyushu replay.
 */
export async function fillDemoHistory(
  store: Store,
  cfg: GridminerConfig,
  replayFromMs: number,
  days: number,
): Promise<DemoHistory | undefined> {
  const surplus = cfg.signals.surplus;
  const price = cfg.signals.price;
  if (surplus.source !== "kyushu-plant" || price.source !== "jepx") return undefined;
  const firstDayMs = Date.parse(`${jstDate(replayFromMs - days * DAY_MS)}T00:00:00+09:00`);
  const replayDayMs = Date.parse(`${jstDate(replayFromMs)}T00:00:00+09:00`);
  const existing = await store.telemetry.site({
    resolution: "1m",
    sinceMs: firstDayMs,
    untilMs: replayFromMs - 1,
    limit: 1,
  });
  if (existing.length > 0) return undefined;
  const from = jstDate(firstDayMs);
  // The replayed day up to the replay's start too: the same-day adjustment looks at the hours before an event.
  const to = jstDate(replayDayMs);
  const units = cfg.fleet.groups.reduce(
    (n, g) => n + expandTargets(g.targets, { defaultPort: g.port }).length,
    0,
  );
  const inputs = await loadJepxInputs({
    area: price.area,
    from,
    to,
    plant: { capacityMw: surplus.plantCapacityMw },
    feesBtcPerBlock: 0,
    gapPolicy: "carry",
  });
  const result = runBacktest(inputs, {
    site: { name: cfg.site.name, spec: A1566HA, units, policy: policyFromConfig(cfg) },
    terms: {
      networkChargePerKwh: price.adderJpyPerKwh,
      taxPerKwh: 0,
      surplusPpaPricePerKwh: 0,
      poolFeeFraction: 0,
    },
    strategies: ["gridminer"],
    ambientC: cfg.signals.ambient.source === "constant" ? cfg.signals.ambient.temperatureC : 20,
  });
  const ledger = result.ledgers.gridminer;
  if (!ledger) return undefined;
  const slots = inputs.slots;
  const standard = A1566HA.modes[1];
  const thPerW = standard ? standard.hashrateThs / standard.powerW : 0;
  let rows = 0;
  for (let i = 0; i < slots.length; i++) {
    const startMs = slots.startMs[i] as number;
    const durationMs = slots.durationMs[i] as number;
    const powerW = ((ledger.energyKwh[i] as number) * 1000 * 3_600_000) / durationMs;
    const priceJpyPerKwh = (slots.spotPricePerKwh[i] as number) + price.adderJpyPerKwh;
    for (let t = startMs; t < Math.min(startMs + durationMs, replayFromMs); t += MIN_MS) {
      await store.telemetry.appendSite({
        atMs: t,
        targetPowerW: powerW,
        plannedPowerW: powerW,
        reportedPowerW: powerW,
        measuredPowerW: null,
        surplusW: slots.surplusW[i] as number,
        priceJpyPerKwh,
        hashrateThs: powerW * thPerW,
        unitsHashing: Math.round(standard ? powerW / standard.powerW : 0),
      });
      rows++;
    }
  }
  await store.telemetry.compact(replayFromMs, DEFAULT_RETENTION);
  return { from, to, rows };
}
