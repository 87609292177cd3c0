// The configurations the simple strategies and the hindsight optimum choose for a slot. All of them respect the
// same site: identical units with their work modes, standby while asleep, the auxiliaries and the import limit.
//   always on   as many units as the import limit allows, in the model's nameplate mode, all the time;
//   threshold   the always-on set while the delivered grid price is below that mode's break-even price;
//   green       the most hashrate the slot's surplus can power, whatever it earns;
//   hindsight   the exact best configuration of each slot, knowing its prices, surplus and hashprice.
import type { MinerModelSpec, WorkModeSpec } from "../../domain/miner.js";
import { breakEvenPriceJpyPerKwh } from "../economics/break-even.js";
import type { FleetConfiguration } from "../fleet-sim/index.js";
import { gridPricePerKwh, netHashpricePerThsDay } from "./accounting.js";
import {
  bestSlotConfiguration,
  maxHashrateWithin,
  type SlotConfiguration,
  type SlotFleet,
} from "./slot-optimum.js";
import type { BacktestSite, BacktestSlots, BacktestTerms } from "./types.js";

export function slotFleet(site: BacktestSite): SlotFleet {
  return {
    units: site.units,
    standbyPowerW: site.spec.standbyPowerW,
    modes: site.spec.modes.map((m) => ({ mode: m.mode, powerW: m.powerW, hashrateThs: m.hashrateThs })),
    auxiliaryW: site.policy.auxiliary.defaultW,
    importLimitW: site.policy.importLimitW,
  };
}

/** The mode the maker rates the unit at (its nameplate power), else the highest-hashrate mode. */
export function nameplateMode(spec: MinerModelSpec): WorkModeSpec {
  const rated = spec.modes.find((m) => m.powerW === spec.nameplatePowerW);
  const top = [...spec.modes].sort((a, b) => b.hashrateThs - a.hashrateThs)[0];
  const mode = rated ?? top;
  if (mode === undefined) throw new RangeError(`model ${spec.model} has no work modes`);
  return mode;
}

/** How many units can run in `mode` with the rest asleep, within the import limit. */
export function unitsWithinLimit(site: BacktestSite, mode: WorkModeSpec): number {
  const f = slotFleet(site);
  const headroomW = f.importLimitW - f.auxiliaryW - f.units * f.standbyPowerW;
  return Math.max(0, Math.min(f.units, Math.floor(headroomW / (mode.powerW - f.standbyPowerW))));
}

export function toFleetConfiguration(fleet: SlotFleet, c: SlotConfiguration): FleetConfiguration {
  const counts = new Map<number, number>();
  fleet.modes.forEach((m, i) => {
    const n = c.counts[i] ?? 0;
    if (n > 0) counts.set(m.mode, n);
  });
  return [counts];
}

export function alwaysOnConfiguration(site: BacktestSite): FleetConfiguration {
  const mode = nameplateMode(site.spec);
  return [new Map([[mode.mode, unitsWithinLimit(site, mode)]])];
}

/** Break-even delivered price of the nameplate mode for a slot; standby is paid either way, so it is netted. */
export function thresholdPricePerKwh(
  site: BacktestSite,
  slots: BacktestSlots,
  i: number,
  terms: BacktestTerms,
): number {
  const mode = nameplateMode(site.spec);
  return breakEvenPriceJpyPerKwh({
    hashpriceJpyPerThDay: Math.max(0, netHashpricePerThsDay(slots, i, terms)),
    hashrateThs: mode.hashrateThs,
    powerW: mode.powerW,
    standbyPowerW: site.spec.standbyPowerW,
  });
}

export function thresholdConfiguration(
  site: BacktestSite,
  slots: BacktestSlots,
  i: number,
  terms: BacktestTerms,
): FleetConfiguration {
  const runs = gridPricePerKwh(slots, i, terms) < thresholdPricePerKwh(site, slots, i, terms);
  return runs ? alwaysOnConfiguration(site) : [new Map()];
}

export function greenConfiguration(fleet: SlotFleet, slots: BacktestSlots, i: number): SlotConfiguration {
  return maxHashrateWithin(fleet, slots.surplusW[i] as number);
}

export function hindsightConfiguration(
  fleet: SlotFleet,
  slots: BacktestSlots,
  i: number,
  terms: BacktestTerms,
): SlotConfiguration {
  return bestSlotConfiguration(fleet, {
    revenuePerThsHour: netHashpricePerThsDay(slots, i, terms) / 24,
    gridPricePerKwh: gridPricePerKwh(slots, i, terms),
    ppaPricePerKwh: terms.surplusPpaPricePerKwh,
    surplusW: slots.surplusW[i] as number,
  });
}
