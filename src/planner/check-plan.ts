// The independent plan checker. It reads only the input and the plan, never the LP: power is recomputed from
// the unit counts, and minimum up/down times are checked by replaying the plan on individual units (unit-ages.ts)
// instead of through the model's aggregated rows. A solver bug, a parse bug or a wrong row in the model
// therefore shows up here as a violation.
import { coolingCapacityW } from "./cooling.js";
import { formatPowerW, formatSlotJst, plural } from "./format.js";
import { commitmentCapW, type PlanInput, type UnitGroup } from "./input.js";
import type { Plan, PlanViolation } from "./plan.js";
import { GroupUnitAges } from "./unit-ages.js";

export interface CheckOptions {
  /** Slack for rounding in power comparisons. */
  readonly toleranceW?: number;
}

const DEFAULT_TOLERANCE_W = 1;

export function checkPlan(input: PlanInput, plan: Plan, opts: CheckOptions = {}): PlanViolation[] {
  const tolW = opts.toleranceW ?? DEFAULT_TOLERANCE_W;
  const out: PlanViolation[] = [];
  if (plan.slots.length !== input.slots.length) {
    out.push(
      violation(
        "consistency",
        0,
        input.slots[0]?.startMs ?? 0,
        plan.slots.length,
        "units",
        {},
        `plan has ${plan.slots.length} slots, the input ${input.slots.length}`,
      ),
    );
    return out;
  }
  input.groups.forEach((group, g) => {
    checkGroup(input, plan, group, g, out);
  });
  input.slots.forEach((slot, t) => {
    const planned = plan.slots[t];
    if (planned === undefined) return;
    const at = formatSlotJst(slot.startMs);
    if (planned.startMs !== slot.startMs) {
      out.push(
        violation(
          "consistency",
          t,
          slot.startMs,
          0,
          "units",
          {},
          `plan slot ${t} starts at ${formatSlotJst(planned.startMs)}, not ${at}`,
        ),
      );
    }
    let minerW = 0;
    input.groups.forEach((group, g) => {
      const gp = planned.groups[g];
      if (gp === undefined) return;
      let running = 0;
      for (const mc of gp.unitsByMode) {
        const spec = group.modes.find((m) => m.mode === mc.mode);
        minerW += mc.units * (spec?.powerW ?? Number.NaN);
        running += mc.units;
      }
      minerW += (group.count - running) * group.standbyW;
    });
    const siteW = minerW + (slot.auxiliaryW ?? input.auxiliaryW);
    const cap = (
      family: "import-limit" | "demand-response" | "cooling",
      valueW: number,
      limitW: number,
      what: string,
      commitmentId?: string,
    ): void => {
      if (!(valueW <= limitW + tolW)) {
        const ids = commitmentId === undefined ? {} : { commitmentId };
        out.push(
          violation(
            family,
            t,
            slot.startMs,
            valueW - limitW,
            "W",
            ids,
            `${what} in slot ${at} is ${formatPowerW(limitW)} but the plan draws ${formatPowerW(valueW)}`,
          ),
        );
      }
    };
    cap("import-limit", siteW, slot.importLimitW, "import limit");
    for (const c of input.commitments) {
      const overlaps = c.startMs < slot.startMs + slot.durationMs && slot.startMs < c.endMs;
      if (overlaps)
        cap("demand-response", siteW, commitmentCapW(c), `demand-response commitment ${c.id}`, c.id);
    }
    const coolingW = coolingCapacityW(input.coolingCurve, slot.ambientC);
    if (Number.isFinite(coolingW)) cap("cooling", minerW, coolingW, "cooling capacity (miner heat)");
    if (
      !(Math.abs(planned.sitePowerW - siteW) <= tolW) ||
      !(Math.abs(planned.minerPowerW - minerW) <= tolW)
    ) {
      out.push(
        violation(
          "consistency",
          t,
          slot.startMs,
          planned.sitePowerW - siteW,
          "W",
          {},
          `plan reports ${formatPowerW(planned.sitePowerW)} in slot ${at}, the counts give ${formatPowerW(siteW)}`,
        ),
      );
    }
  });
  return out;
}

function checkGroup(input: PlanInput, plan: Plan, group: UnitGroup, g: number, out: PlanViolation[]): void {
  const ages = new GroupUnitAges(group, input.slots[0]?.startMs ?? 0, input.slots[0]?.durationMs ?? 0);
  let previous = ages.running;
  input.slots.forEach((slot, t) => {
    const gp = plan.slots[t]?.groups[g];
    const ids = { groupId: group.id };
    const at = formatSlotJst(slot.startMs);
    const fail = (family: PlanViolation["family"], amount: number, message: string): void => {
      out.push(
        violation(family, t, slot.startMs, amount, "units", ids, `group ${group.id}, slot ${at}: ${message}`),
      );
    };
    if (gp === undefined || gp.groupId !== group.id) {
      fail("consistency", group.count, "missing from the plan");
      return;
    }
    const counts = [...gp.unitsByMode.map((m) => m.units), gp.starts, gp.stops];
    if (!counts.every((c) => Number.isInteger(c) && c >= 0)) {
      fail("unit-count", 0, `counts must be whole numbers ≥ 0: ${counts.join(", ")}`);
    }
    for (const mc of gp.unitsByMode) {
      if (!group.modes.some((m) => m.mode === mc.mode)) {
        fail("unit-count", mc.units, `mode ${mc.mode} is not one of the group's modes`);
      }
    }
    const running = gp.unitsByMode.reduce((sum, mc) => sum + mc.units, 0);
    if (running !== gp.runningUnits) {
      fail("consistency", gp.runningUnits - running, `runningUnits ${gp.runningUnits} ≠ Σ modes ${running}`);
    }
    if (running > group.count)
      fail("unit-count", running - group.count, `${running} running but the group has ${group.count}`);
    if (running - previous !== gp.starts - gp.stops) {
      const off = Math.abs(running - previous - (gp.starts - gp.stops));
      fail(
        "consistency",
        off,
        `${previous} → ${running} running does not match ${gp.starts} wakes and ${gp.stops} sleeps`,
      );
    }
    if (gp.starts > group.maxStartsPerSlot) {
      fail(
        "ramp",
        gp.starts - group.maxStartsPerSlot,
        `${plural(gp.starts, "wake")} but at most ${group.maxStartsPerSlot} a slot`,
      );
    }
    const mayStop = ages.mayStop(slot.startMs);
    if (gp.stops > mayStop) {
      fail(
        "min-up",
        gp.stops - mayStop,
        `${plural(gp.stops, "sleep")} but only ${mayStop} of the running units have run their minimum up time`,
      );
    }
    const mayStart = ages.mayStart(slot.startMs);
    if (gp.starts > mayStart) {
      fail(
        "min-down",
        gp.starts - mayStart,
        `${plural(gp.starts, "wake")} but only ${mayStart} of the sleeping units have slept their minimum down time`,
      );
    }
    ages.apply(slot.startMs, gp.stops, gp.starts);
    previous = running;
  });
}

function violation(
  family: PlanViolation["family"],
  slotIndex: number,
  startMs: number,
  amount: number,
  unit: "W" | "units",
  ids: { groupId?: string; commitmentId?: string },
  message: string,
): PlanViolation {
  return { family, slotIndex, startMs, amount, unit, message, ...ids };
}
