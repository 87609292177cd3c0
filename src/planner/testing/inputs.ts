// Test inputs: hand-checkable tiny sites and the reference site's unit group. Test-only.
import type { WorkModeSpec } from "../../domain/miner.js";
import { evaluateSlot, planTotals } from "../evaluate.js";
import type { EnergyPricing, PlanInput, PlanSlotInput, UnitGroup } from "../input.js";
import type { GroupSlotPlan, Plan } from "../plan.js";

/** 2026-11-26 00:00 JST. */
export const DAY0_MS = Date.UTC(2026, 10, 25, 15, 0, 0);
export const SLOT_MS = 1_800_000;

export const FREE_PRICING: EnergyPricing = {
  networkChargeJpyPerKwh: 0,
  taxJpyPerKwh: 0,
  surplusPriceJpyPerKwh: 0,
};

/**
 * Slots from DAY0_MS with the given spot prices. Hashprice 48 JPY/TH/day makes one TH/s earn exactly 1 JPY per
 * 30-minute slot, so revenues can be checked by hand.
 */
export function slots(prices: readonly number[], o: Partial<PlanSlotInput> = {}): PlanSlotInput[] {
  return prices.map((spotPriceJpyPerKwh, t) => ({
    startMs: DAY0_MS + t * SLOT_MS,
    durationMs: SLOT_MS,
    spotPriceJpyPerKwh,
    surplusW: 0,
    hashpriceJpyPerThsDay: 48,
    importLimitW: 1e9,
    ...o,
  }));
}

export function mode(mode: number, powerW: number, hashrateThs: number): WorkModeSpec {
  return { mode, name: `m${mode}`, powerW, hashrateThs };
}

export function group(
  id: string,
  count: number,
  modes: WorkModeSpec[],
  o: Partial<UnitGroup> = {},
): UnitGroup {
  return {
    id,
    count,
    modes,
    standbyW: 0,
    bootEnergyKwh: 0,
    minUpSlots: 1,
    minDownSlots: 1,
    maxStartsPerSlot: count,
    initial: { running: [] },
    ...o,
  };
}

export function input(s: PlanSlotInput[], groups: UnitGroup[], o: Partial<PlanInput> = {}): PlanInput {
  return { slots: s, groups, commitments: [], pricing: FREE_PRICING, coolingCurve: [], auxiliaryW: 0, ...o };
}

/**
 * Two groups, four slots. A: 3 units of 1 kW / 100 TH/s (break-even 200 JPY/kWh); B: 2 units of 2 kW / 150 TH/s
 * (break-even 150 JPY/kWh). Prices 10, 170, 10, 250: both run in slots 0 and 2, only A in slot 1, none in slot 3.
 * Profit: slot 0: 3·(100 − 5) + 2·(150 − 10) = 565; slot 1: 3·(100 − 85) = 45; slot 2: 565; slot 3: 0 → 1,175 JPY.
 */
export function twoGroupsFourSlots(): PlanInput {
  return input(slots([10, 170, 10, 250]), [
    group("A", 3, [mode(1, 1000, 100)]),
    group("B", 2, [mode(1, 2000, 150)]),
  ]);
}

/**
 * A plan from unit counts, for checker tests: counts[t][g][k] units of group g in its k-th mode in slot t.
 * Wakes and sleeps are the net change from the previous slot (the initial running count before slot 0).
 */
export function planFromCounts(inp: PlanInput, counts: readonly (readonly (readonly number[])[])[]): Plan {
  const previous = inp.groups.map((g) => g.initial.running.reduce((s, c) => s + c.count, 0));
  const planned = inp.slots.map((_, t) => {
    const groups: GroupSlotPlan[] = inp.groups.map((grp, g) => {
      const byMode = counts[t]?.[g] ?? [];
      const running = byMode.reduce((s, u) => s + u, 0);
      const net = running - (previous[g] ?? 0);
      previous[g] = running;
      return {
        groupId: grp.id,
        unitsByMode: grp.modes.map((m, k) => ({ mode: m.mode, units: byMode[k] ?? 0 })),
        runningUnits: running,
        starts: Math.max(0, net),
        stops: Math.max(0, -net),
      };
    });
    return evaluateSlot(inp, t, groups);
  });
  const first = inp.slots[0];
  const last = inp.slots[inp.slots.length - 1];
  return {
    createdAtMs: 0,
    startMs: first?.startMs ?? 0,
    endMs: last === undefined ? 0 : last.startMs + last.durationMs,
    status: "optimal",
    mipGapPct: 0,
    objectiveJpy: Number.NaN,
    solverTimeMs: 0,
    slots: planned,
    totals: planTotals(planned),
  };
}
