// What a schedule draws, earns and costs, priced exactly as the site is billed: surplus first (at the surplus
// price, up to the surplus available), the rest from the grid at spot + network charge + taxes.
import { gridPriceJpyPerKwh, type PlanInput, slotAuxiliaryW } from "./input.js";
import type { GroupSlotPlan, PlannedSlot, PlanTotals } from "./plan.js";

const MS_PER_H = 3_600_000;
const H_PER_DAY = 24;
const W_PER_KW = 1000;

/** Prices one slot of a schedule; `groups` follow input.groups in order. */
export function evaluateSlot(input: PlanInput, t: number, groups: readonly GroupSlotPlan[]): PlannedSlot {
  const slot = input.slots[t];
  if (slot === undefined) throw new RangeError(`no slot ${t}`);
  const hours = slot.durationMs / MS_PER_H;
  let minerPowerW = 0;
  let hashrateThs = 0;
  input.groups.forEach((group, g) => {
    const plan = groups[g];
    if (plan === undefined) throw new RangeError(`slot ${t} has no plan for group ${group.id}`);
    let running = 0;
    for (const mc of plan.unitsByMode) {
      const spec = group.modes.find((m) => m.mode === mc.mode);
      if (spec === undefined) throw new RangeError(`group ${group.id} has no mode ${mc.mode}`);
      minerPowerW += mc.units * spec.powerW;
      hashrateThs += mc.units * spec.hashrateThs;
      running += mc.units;
    }
    minerPowerW += (group.count - running) * group.standbyW;
  });
  const bootCostJpy = input.groups.reduce(
    (sum, group, g) =>
      sum +
      (groups[g]?.starts ?? 0) * group.bootEnergyKwh * Math.max(0, gridPriceJpyPerKwh(slot, input.pricing)),
    0,
  );
  const sitePowerW = minerPowerW + slotAuxiliaryW(input, slot);
  const surplusUsedW = Math.min(sitePowerW, Math.max(0, slot.surplusW));
  const gridImportW = sitePowerW - surplusUsedW;
  const energyCostJpy =
    ((surplusUsedW * input.pricing.surplusPriceJpyPerKwh +
      gridImportW * gridPriceJpyPerKwh(slot, input.pricing)) *
      hours) /
    W_PER_KW;
  const revenueJpy = (hashrateThs * slot.hashpriceJpyPerThsDay * hours) / H_PER_DAY;
  return {
    startMs: slot.startMs,
    durationMs: slot.durationMs,
    groups,
    minerPowerW,
    sitePowerW,
    surplusUsedW,
    gridImportW,
    hashrateThs,
    revenueJpy,
    energyCostJpy,
    bootCostJpy,
    profitJpy: revenueJpy - energyCostJpy - bootCostJpy,
  };
}

export function planTotals(slots: readonly PlannedSlot[]): PlanTotals {
  let energyKwh = 0;
  let surplusUsedKwh = 0;
  let gridEnergyKwh = 0;
  let revenueJpy = 0;
  let energyCostJpy = 0;
  let bootCostJpy = 0;
  let starts = 0;
  for (const s of slots) {
    const kwhPerW = s.durationMs / MS_PER_H / W_PER_KW;
    energyKwh += s.sitePowerW * kwhPerW;
    surplusUsedKwh += s.surplusUsedW * kwhPerW;
    gridEnergyKwh += s.gridImportW * kwhPerW;
    revenueJpy += s.revenueJpy;
    energyCostJpy += s.energyCostJpy;
    bootCostJpy += s.bootCostJpy;
    for (const g of s.groups) starts += g.starts;
  }
  return {
    energyKwh,
    surplusUsedKwh,
    gridEnergyKwh,
    revenueJpy,
    energyCostJpy,
    bootCostJpy,
    profitJpy: revenueJpy - energyCostJpy - bootCostJpy,
    starts,
  };
}
