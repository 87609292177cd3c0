// The planning MILP. Per slot t, group g and mode k: x = units in mode k, u = units running, s = wakes,
// d = sleeps (all integer); site = site power (kW), grid = grid import beyond the surplus (kW).
// Maximise hashprice revenue − energy cost − boot cost subject to import limit, demand-response caps, cooling,
// upward ramp, minimum up and down times and unit counts. See docs/planner.md for the formulation.
import { coolingCapacityW } from "./cooling.js";
import {
  commitmentCapW,
  gridPriceJpyPerKwh,
  type PlanInput,
  slotAuxiliaryW,
  type UnitGroup,
} from "./input.js";
import { type LpModel, LpModelBuilder, type LpTerm } from "./lp-model.js";
import * as n from "./var-names.js";

const W_PER_KW = 1000;
const MS_PER_H = 3_600_000;
const H_PER_DAY = 24;

export interface PlanModel {
  readonly model: LpModel;
  /** Units that must stay on (min-up from before the horizon), per group and slot. */
  readonly mustRun: readonly (readonly number[])[];
  /** Units that must stay asleep (min-down from before the horizon), per group and slot. */
  readonly mustSleep: readonly (readonly number[])[];
}

/** Builds the model; precondition: validatePlanInput(input) returned no errors. */
export function buildPlanModel(input: PlanInput): PlanModel {
  const b = new LpModelBuilder("maximize");
  const slotMs = input.slots[0]?.durationMs ?? 1;
  const mustRun = input.groups.map((g) => initialHold(g, input.slots.length, slotMs, "on"));
  const mustSleep = input.groups.map((g) => initialHold(g, input.slots.length, slotMs, "off"));

  input.slots.forEach((slot, t) => {
    const hours = slot.durationMs / MS_PER_H;
    const gridPrice = gridPriceJpyPerKwh(slot, input.pricing);
    const surplusPrice = input.pricing.surplusPriceJpyPerKwh;
    const auxW = slotAuxiliaryW(input, slot);
    // All site energy is priced at the surplus price; grid energy beyond the surplus pays the difference. When
    // the grid is cheaper than the surplus the difference is not credited: a convex model cannot express
    // "surplus first" then, so it stays conservative (every kWh at the surplus price).
    b.column({
      name: n.sitePowerKw(t),
      lower: 0,
      upper: Number.POSITIVE_INFINITY,
      integer: false,
      cost: -surplusPrice * hours,
    });
    const premium = Math.max(0, gridPrice - surplusPrice);
    b.column({
      name: n.gridImportKw(t),
      lower: 0,
      upper: Number.POSITIVE_INFINITY,
      integer: false,
      cost: -premium * hours,
    });

    const powerTerms: LpTerm[] = [{ coef: 1, name: n.sitePowerKw(t) }];
    let fixedW = auxW;
    input.groups.forEach((group, g) => {
      fixedW += group.count * group.standbyW;
      group.modes.forEach((mode, k) => {
        const revenueJpy =
          group.count > 0 ? (mode.hashrateThs * slot.hashpriceJpyPerThsDay * hours) / H_PER_DAY : 0;
        b.column({
          name: n.unitsInMode(g, k, t),
          lower: 0,
          upper: group.count,
          integer: true,
          cost: revenueJpy,
        });
        powerTerms.push({ coef: -(mode.powerW - group.standbyW) / W_PER_KW, name: n.unitsInMode(g, k, t) });
      });
      b.column({ name: n.running(g, t), lower: 0, upper: group.count, integer: true, cost: 0 });
      // Boot energy is priced at the grid price, never credited: a negative price must not pay for cycling.
      const bootJpy = group.bootEnergyKwh * Math.max(0, gridPrice);
      b.column({ name: n.starts(g, t), lower: 0, upper: group.count, integer: true, cost: -bootJpy });
      b.column({ name: n.stops(g, t), lower: 0, upper: group.count, integer: true, cost: 0 });
    });

    b.row({
      name: `def_power_t${t}`,
      terms: powerTerms,
      sense: "=",
      rhs: fixedW / W_PER_KW,
      family: "definition",
      slotIndex: t,
    });
    b.row({
      name: `def_grid_t${t}`,
      terms: [
        { coef: 1, name: n.gridImportKw(t) },
        { coef: -1, name: n.sitePowerKw(t) },
      ],
      sense: ">=",
      rhs: -slot.surplusW / W_PER_KW,
      family: "definition",
      slotIndex: t,
    });
    const site = [{ coef: 1, name: n.sitePowerKw(t) }];
    b.row({
      name: `import_t${t}`,
      terms: site,
      sense: "<=",
      rhs: slot.importLimitW / W_PER_KW,
      family: "import-limit",
      slotIndex: t,
    });
    input.commitments.forEach((c, ci) => {
      if (!(c.startMs < slot.startMs + slot.durationMs && slot.startMs < c.endMs)) return;
      const capKw = commitmentCapW(c) / W_PER_KW;
      b.row({
        name: `dr_c${ci}_t${t}`,
        terms: site,
        sense: "<=",
        rhs: capKw,
        family: "demand-response",
        slotIndex: t,
        commitmentIndex: ci,
      });
    });
    const coolingW = coolingCapacityW(input.coolingCurve, slot.ambientC);
    if (Number.isFinite(coolingW)) {
      // Heat is miner power: site power less the auxiliary load.
      b.row({
        name: `cool_t${t}`,
        terms: site,
        sense: "<=",
        rhs: (coolingW + auxW) / W_PER_KW,
        family: "cooling",
        slotIndex: t,
      });
    }
  });

  input.groups.forEach((group, g) => {
    addGroupRows(b, input, group, g, mustRun[g] ?? [], mustSleep[g] ?? []);
  });
  return { model: b.build(), mustRun, mustSleep };
}

function addGroupRows(
  b: LpModelBuilder,
  input: PlanInput,
  group: UnitGroup,
  g: number,
  mustRun: readonly number[],
  mustSleep: readonly number[],
): void {
  const initialRunning = group.initial.running.reduce((sum, c) => sum + c.count, 0);
  const upSlots = Math.max(1, group.minUpSlots);
  const downSlots = Math.max(1, group.minDownSlots);
  for (let t = 0; t < input.slots.length; t++) {
    const slotIndex = t;
    const groupIndex = g;
    b.row({
      name: `def_run_g${g}_t${t}`,
      terms: [
        { coef: 1, name: n.running(g, t) },
        ...group.modes.map((_, k) => ({ coef: -1, name: n.unitsInMode(g, k, t) })),
      ],
      sense: "=",
      rhs: 0,
      family: "definition",
      slotIndex,
      groupIndex,
    });
    // u[t] − u[t−1] = s[t] − d[t]; before the horizon u is the running count of the initial state.
    const transition: LpTerm[] = [
      { coef: 1, name: n.running(g, t) },
      { coef: -1, name: n.starts(g, t) },
      { coef: 1, name: n.stops(g, t) },
    ];
    if (t > 0) transition.push({ coef: -1, name: n.running(g, t - 1) });
    b.row({
      name: `def_state_g${g}_t${t}`,
      terms: transition,
      sense: "=",
      rhs: t === 0 ? initialRunning : 0,
      family: "definition",
      slotIndex,
      groupIndex,
    });

    if (group.maxStartsPerSlot < group.count) {
      b.row({
        name: `ramp_g${g}_t${t}`,
        terms: [{ coef: 1, name: n.starts(g, t) }],
        sense: "<=",
        rhs: group.maxStartsPerSlot,
        family: "ramp",
        slotIndex,
        groupIndex,
      });
    }
    // Units woken in the last minUp slots are still on, and so are initial units whose min-up has not run out.
    const woken: LpTerm[] = [];
    for (let tau = Math.max(0, t - upSlots + 1); tau <= t; tau++)
      woken.push({ coef: -1, name: n.starts(g, tau) });
    b.row({
      name: `minup_g${g}_t${t}`,
      terms: [{ coef: 1, name: n.running(g, t) }, ...woken],
      sense: ">=",
      rhs: mustRun[t] ?? 0,
      family: "min-up",
      slotIndex,
      groupIndex,
    });
    // Units put to sleep in the last minDown slots are still asleep, and so are initial sleepers still resting.
    const slept: LpTerm[] = [];
    for (let tau = Math.max(0, t - downSlots + 1); tau <= t; tau++)
      slept.push({ coef: 1, name: n.stops(g, tau) });
    b.row({
      name: `mindown_g${g}_t${t}`,
      terms: [{ coef: 1, name: n.running(g, t) }, ...slept],
      sense: "<=",
      rhs: group.count - (mustSleep[t] ?? 0),
      family: "min-down",
      slotIndex,
      groupIndex,
    });
  }
}

/**
 * Per slot, how many units of the initial state are still held: "on" cohorts within their minimum up time, "off"
 * cohorts within their minimum down time. A cohort on for onForMs at the start of slot 0 may stop in slot t once
 * onForMs + t · slotMs ≥ minUp · slotMs.
 */
function initialHold(group: UnitGroup, slotCount: number, slotMs: number, which: "on" | "off"): number[] {
  const held = new Array<number>(slotCount).fill(0);
  const minSlots = Math.max(1, which === "on" ? group.minUpSlots : group.minDownSlots);
  const cohorts =
    which === "on"
      ? group.initial.running.map((c) => ({ count: c.count, forMs: c.onForMs }))
      : (group.initial.sleeping ?? []).map((c) => ({ count: c.count, forMs: c.offForMs }));
  for (const c of cohorts) {
    const remainingSlots = Math.ceil((minSlots * slotMs - c.forMs) / slotMs);
    for (let t = 0; t < Math.min(remainingSlots, slotCount); t++) held[t] = (held[t] ?? 0) + c.count;
  }
  return held;
}
