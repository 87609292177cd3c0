import { join } from "node:path";
import type { GridminerConfig } from "../config/schema.js";
import type { Clock } from "../domain/clock.js";
import type { SitePolicy } from "../domain/policy.js";
import { A1566HA } from "../drivers/miners/avalon/models.js";
import { formatPowerW, formatSlotJst } from "../planner/format.js";
import type { RunningSources } from "./assemble.js";
import { PlanRunner } from "./plan-runner.js";
import { PlannerWorker } from "./planner-worker/planner-worker.js";

export function planFile(dataDir: string): string {
  return join(dataDir, "plan.json");
}

/**
 * Starts the day-ahead planner when the config asks for it: the hub then offers rule 5 the plan's current slot.
 * Returns undefined (and says why) when the inputs a plan needs are not configured.
 */
export function startPlanning(
  cfg: GridminerConfig,
  running: RunningSources,
  policy: SitePolicy,
  clock: Clock,
  dataDir: string,
  log: (line: string) => void,
): { runner: PlanRunner; close(): Promise<void> } | undefined {
  if (!cfg.planner.enabled) return undefined;
  const f = running.forecasts;
  if (f.spot.length === 0 || f.hashpriceJpyPerThsDay === undefined) {
    log(
      "planner: needs day-ahead prices (signals.price: jepx) and a hashprice (signals.hashprice); not started",
    );
    return undefined;
  }
  const worker = new PlannerWorker({
    timeLimitS: cfg.planner.timeLimitS,
    mipRelGap: cfg.planner.mipGapPct / 100,
  });
  const runner = new PlanRunner({
    worker,
    clock,
    policy,
    forecasts: {
      spot: f.spot,
      surplus: f.surplus,
      hashpriceJpyPerThsDay: f.hashpriceJpyPerThsDay,
      ...(f.notices ? { notices: f.notices } : {}),
    },
    pricing: {
      networkChargeJpyPerKwh: cfg.signals.price.source === "jepx" ? cfg.signals.price.adderJpyPerKwh : 0,
      taxJpyPerKwh: 0,
      surplusPriceJpyPerKwh: cfg.planner.surplusPriceJpyPerKwh,
    },
    replanIntervalMs: cfg.planner.replanIntervalS * 1000,
    // One unit's largest step: finer than that the fleet cannot follow a plan anyway.
    toleranceW: Math.max(...A1566HA.modes.map((m) => m.powerW)),
    file: planFile(dataDir),
    onPlan: (p) => {
      const first = p.slots[0];
      log(
        `planner: ${p.status} plan, ${p.slots.length} slots from ${formatSlotJst(p.startMs)}, gap ${p.mipGapPct.toFixed(3)} %, ${p.solverTimeMs.toFixed(0)} ms; now ${first ? formatPowerW(first.sitePowerW) : "-"}, profit ${Math.round(p.totals.profitJpy).toLocaleString("en-US")} JPY`,
      );
    },
    onFailure: (fail) => log(`planner: no new plan (${fail.kind}): ${fail.message}; the previous plan stays`),
  });
  running.hub.setPlan((nowMs) => runner.target(nowMs));
  return { runner, close: () => worker.close() };
}
