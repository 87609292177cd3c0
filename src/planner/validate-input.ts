// Input errors are reported before any model is built: a NaN price or an initial state with more units than the
// group has would otherwise surface as a solver error or, worse, as a plausible plan.
import type { PlanInput, UnitGroup } from "./input.js";

export function validatePlanInput(input: PlanInput): string[] {
  const errors: string[] = [];
  const bad = (what: string, x: number, ok: boolean): void => {
    if (!Number.isFinite(x) || !ok) errors.push(`${what} is ${x}`);
  };
  if (input.slots.length === 0) errors.push("the horizon has no slots");
  const slotMs = input.slots[0]?.durationMs ?? 0;
  input.slots.forEach((s, t) => {
    const at = `slot ${t}`;
    bad(`${at} durationMs`, s.durationMs, s.durationMs > 0 && s.durationMs === slotMs);
    bad(`${at} startMs`, s.startMs, true);
    const prev = input.slots[t - 1];
    if (prev !== undefined && s.startMs !== prev.startMs + prev.durationMs) {
      errors.push(`${at} does not start where slot ${t - 1} ends`);
    }
    bad(`${at} spotPriceJpyPerKwh`, s.spotPriceJpyPerKwh, true);
    bad(`${at} surplusW`, s.surplusW, s.surplusW >= 0);
    bad(`${at} hashpriceJpyPerThsDay`, s.hashpriceJpyPerThsDay, true);
    bad(`${at} importLimitW`, s.importLimitW, s.importLimitW >= 0);
    if (s.ambientC !== undefined) bad(`${at} ambientC`, s.ambientC, true);
    if (s.auxiliaryW !== undefined) bad(`${at} auxiliaryW`, s.auxiliaryW, s.auxiliaryW >= 0);
  });
  const ids = new Set<string>();
  for (const g of input.groups) {
    if (ids.has(g.id)) errors.push(`group id ${g.id} is used twice`);
    ids.add(g.id);
    validateGroup(g, errors);
  }
  for (const c of input.commitments) {
    bad(`commitment ${c.id} startMs`, c.startMs, true);
    bad(`commitment ${c.id} endMs`, c.endMs, c.endMs > c.startMs);
    if (c.kind === "max-power") bad(`commitment ${c.id} maxPowerW`, c.maxPowerW, c.maxPowerW >= 0);
    else {
      bad(`commitment ${c.id} baselineW`, c.baselineW, c.baselineW >= 0);
      bad(`commitment ${c.id} reductionW`, c.reductionW, c.reductionW >= 0 && c.reductionW <= c.baselineW);
    }
  }
  const p = input.pricing;
  bad("networkChargeJpyPerKwh", p.networkChargeJpyPerKwh, p.networkChargeJpyPerKwh >= 0);
  bad("taxJpyPerKwh", p.taxJpyPerKwh, p.taxJpyPerKwh >= 0);
  bad("surplusPriceJpyPerKwh", p.surplusPriceJpyPerKwh, true);
  bad("auxiliaryW", input.auxiliaryW, input.auxiliaryW >= 0);
  for (const pt of input.coolingCurve) {
    bad("cooling curve ambientC", pt.ambientC, true);
    bad("cooling curve capacityW", pt.capacityW, pt.capacityW >= 0);
  }
  return errors;
}

function validateGroup(g: UnitGroup, errors: string[]): void {
  const at = `group ${g.id}`;
  const int = (what: string, x: number): void => {
    if (!Number.isInteger(x) || x < 0) errors.push(`${at} ${what} must be a whole number ≥ 0, got ${x}`);
  };
  int("count", g.count);
  int("minUpSlots", g.minUpSlots);
  int("minDownSlots", g.minDownSlots);
  int("maxStartsPerSlot", g.maxStartsPerSlot);
  if (!(g.standbyW >= 0 && Number.isFinite(g.standbyW))) errors.push(`${at} standbyW is ${g.standbyW}`);
  if (!(g.bootEnergyKwh >= 0 && Number.isFinite(g.bootEnergyKwh))) {
    errors.push(`${at} bootEnergyKwh is ${g.bootEnergyKwh}`);
  }
  if (g.modes.length === 0) errors.push(`${at} has no modes`);
  const modes = new Set<number>();
  for (const m of g.modes) {
    if (modes.has(m.mode)) errors.push(`${at} lists mode ${m.mode} twice`);
    modes.add(m.mode);
    if (!(Number.isFinite(m.powerW) && m.powerW >= g.standbyW)) {
      errors.push(`${at} mode ${m.mode} powerW ${m.powerW} must be finite and ≥ standby ${g.standbyW}`);
    }
    if (!(Number.isFinite(m.hashrateThs) && m.hashrateThs >= 0)) {
      errors.push(`${at} mode ${m.mode} hashrateThs is ${m.hashrateThs}`);
    }
  }
  let held = 0;
  for (const c of g.initial.running) {
    int("initial running count", c.count);
    if (!(c.onForMs >= 0 && Number.isFinite(c.onForMs))) errors.push(`${at} onForMs is ${c.onForMs}`);
    held += c.count;
  }
  for (const c of g.initial.sleeping ?? []) {
    int("initial sleeping count", c.count);
    if (!(c.offForMs >= 0 && Number.isFinite(c.offForMs))) errors.push(`${at} offForMs is ${c.offForMs}`);
    held += c.count;
  }
  if (held > g.count) errors.push(`${at} initial state lists ${held} units but the group has ${g.count}`);
}
