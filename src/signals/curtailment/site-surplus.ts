// Surplus renewable power available to the mining site, in two models. Pure: no I/O, no clock.
//
// (a) Co-located plant. The site sits next to a solar/wind plant of capacity C MW inside the Kyushu area. With no
//     meter data from the plant, its output is modelled as a pro-rata share of the area's output:
//       share s = C / A, where A is the area's installed capacity of the same technology;
//       plant would-be output = s × (area delivered + area curtailed)   (what it would make if never curtailed)
//       plant curtailed       = s × area curtailed                      (curtailment spread pro rata over plants)
//       plant delivered       = s × area delivered
//     The site can absorb what the plant would otherwise have had to curtail, plus, when the plant's grid export is
//     limited to E MW, its delivered output above E:  surplus = s × curtailed + max(0, s × delivered − E).
//     A is not published with the hourly data, so by default it is estimated as the peak hourly
//     (delivered + curtailed) in the hours given. That peak understates nameplate capacity (not every plant peaks
//     in the same hour, inverters clip), which overstates the share; pass `areaInstalledMw` when a better figure is
//     known (e.g. Kyushu T&D's published interconnected capacity). The estimate also grows year by year with new
//     installations, so estimate from the same period the model is run on.
//     Caveat: Kyushu rotates curtailment among plants and sub-areas, so a real plant is either curtailed or not on
//     a given day; the pro-rata share is the expected value over many days, which is what a backtest wants.
// (b) Utility setpoint. The utility or an aggregator sends the surplus the site may draw as a series of power
//     intervals in W (loaded by surplus-setpoints.ts); no model is needed beyond looking up the current value.

import type { PowerInterval } from "../../domain/series.js";
import { valueAt } from "../../domain/series.js";
import type { AreaSupplyDemandHour } from "./kyushu-area.js";

export type RenewableTechnology = "solar" | "wind" | "solar+wind";

/** The part of an area hour the model reads. */
export type AreaRenewablesHour = Pick<
  AreaSupplyDemandHour,
  "startMs" | "durationMs" | "solarMw" | "solarCurtailedMw" | "windMw" | "windCurtailedMw"
>;

export interface CoLocatedPlant {
  capacityMw: number;
  /** Which area output the plant follows. Default "solar+wind". */
  technology?: RenewableTechnology;
  /** Area installed capacity of that technology. Default: peak hourly delivered + curtailed in the hours given. */
  areaInstalledMw?: number;
  /** The plant's grid export limit; output above it can only go to the site. Default: no limit. */
  exportLimitMw?: number;
}

/** Surplus for one interval with its two sources, so reports can tell curtailment from export clipping. */
export interface SurplusInterval extends PowerInterval {
  fromCurtailmentW: number;
  aboveExportLimitW: number;
}

const W_PER_MW = 1_000_000;

/** Area delivered and curtailed output of a technology in one hour. */
export function areaRenewablesMw(
  h: AreaRenewablesHour,
  technology: RenewableTechnology,
): { deliveredMw: number; curtailedMw: number } {
  const solar = technology !== "wind";
  const wind = technology !== "solar";
  return {
    deliveredMw: (solar ? h.solarMw : 0) + (wind ? h.windMw : 0),
    curtailedMw: (solar ? h.solarCurtailedMw : 0) + (wind ? h.windCurtailedMw : 0),
  };
}

/** Peak hourly delivered + curtailed output of a technology: the default stand-in for installed capacity. */
export function estimateAreaInstalledMw(
  hours: readonly AreaRenewablesHour[],
  technology: RenewableTechnology = "solar+wind",
): number {
  let peakMw = 0;
  for (const h of hours) {
    const { deliveredMw, curtailedMw } = areaRenewablesMw(h, technology);
    peakMw = Math.max(peakMw, deliveredMw + curtailedMw);
  }
  return peakMw;
}

/**
 * Surplus available to the site from a co-located plant, one interval per area hour, rounded to whole watts.
 * The plant never makes more than its capacity: if `areaInstalledMw` is set below an hour's area output, that
 * hour's plant output is scaled down to C, keeping the curtailed/delivered split.
 */
export function coLocatedSurplus(
  hours: readonly AreaRenewablesHour[],
  plant: CoLocatedPlant,
): SurplusInterval[] {
  const technology = plant.technology ?? "solar+wind";
  const areaInstalledMw = plant.areaInstalledMw ?? estimateAreaInstalledMw(hours, technology);
  if (!(plant.capacityMw >= 0))
    throw new RangeError(`plant capacity must be ≥ 0 MW, got ${plant.capacityMw}`);
  if (!(areaInstalledMw > 0))
    throw new RangeError(`area installed capacity must be > 0 MW, got ${areaInstalledMw}`);
  const share = plant.capacityMw / areaInstalledMw;
  return hours.map((h) => {
    const area = areaRenewablesMw(h, technology);
    const wouldBeMw = share * (area.deliveredMw + area.curtailedMw);
    const clip = wouldBeMw > plant.capacityMw ? plant.capacityMw / wouldBeMw : 1;
    const curtailedMw = share * area.curtailedMw * clip;
    const deliveredMw = share * area.deliveredMw * clip;
    const aboveMw = plant.exportLimitMw === undefined ? 0 : Math.max(0, deliveredMw - plant.exportLimitMw);
    const fromCurtailmentW = Math.round(curtailedMw * W_PER_MW);
    const aboveExportLimitW = Math.round(aboveMw * W_PER_MW);
    return {
      startMs: h.startMs,
      durationMs: h.durationMs,
      powerW: fromCurtailmentW + aboveExportLimitW,
      fromCurtailmentW,
      aboveExportLimitW,
    };
  });
}

/**
 * Surplus power at tMs from either model's series; 0 where no interval covers tMs (no setpoint = no surplus).
 * Precondition: `series` sorted by startMs, non-overlapping (as the loaders and coLocatedSurplus return it).
 */
export function surplusWAt(series: readonly PowerInterval[], tMs: number): number {
  return valueAt(series, tMs, (i) => i.powerW) ?? 0;
}
