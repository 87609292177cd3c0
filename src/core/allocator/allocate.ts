// From the rules' envelope to per-unit commands. Precedence, strongest first:
//   1. safety per unit (faults, hot coolant): ignores dwell and transitions;
//   2. the mandatory maximum (safety + grid obligations): ignores dwell, sheds free units first;
//   3. soft per-unit limits (economics, operator unit-off): only units free to move;
//   4. soft shed to the target when more than the deadband above it: only units free to move;
//   5. raise toward the target: free units, merit order, ramp, stagger, hysteresis; never in a tick that shed.
import type { Reason, UnitCommand } from "../../domain/decision.js";
import type { DispatchContext } from "../context.js";
import { formatW } from "../format.js";
import type { PipelineResult } from "../pipeline.js";
import { maxModePowerW } from "../units.js";
import { toCommands } from "./commands.js";
import { enforceMandatoryMax, enforceUnitSafety } from "./mandatory.js";
import { raiseToTarget } from "./raise.js";
import { downBudget, enforceUnitLimits, shedToTarget } from "./soft.js";
import { newWork } from "./work.js";

export interface Allocation {
  readonly commands: readonly UnitCommand[];
  /** Site power once the commands have taken effect. */
  readonly plannedW: number;
  /** Up-ramp allowance left for the next tick. */
  readonly rampCreditW: number;
  readonly reasons: readonly Reason[];
}

/**
 * Up-ramp allowance as a token bucket: it refills at upWPerS and holds at most burstS of it, but never less than
 * the largest single step, or a slow ramp limit would block every wake forever.
 */
export function rampCreditW(ctx: DispatchContext): number {
  const ramp = ctx.policy.ramp;
  let largestStepW = 0;
  for (const v of ctx.units)
    if (v.control === "controllable") largestStepW = Math.max(largestStepW, maxModePowerW(v));
  const capacityW = Math.max(ramp.upWPerS * ramp.burstS, largestStepW);
  const prevW = ctx.snapshot.memory?.rampCreditW ?? capacityW;
  return Math.min(capacityW, Math.max(0, prevW) + ramp.upWPerS * ctx.elapsedS);
}

export function allocate(ctx: DispatchContext, pipe: PipelineResult): Allocation {
  const reasons: Reason[] = [];
  const work = newWork(ctx, pipe.envelope, pipe.mandatory);
  const targetW = pipe.envelope.window.maxW;

  enforceUnitSafety(work, reasons);
  enforceMandatoryMax(work, pipe.mandatory.window.maxW, pipe.mandatoryMaxSetBy, reasons);
  const budget = downBudget(ctx.policy, ctx.elapsedS);
  enforceUnitLimits(work, budget, reasons);
  shedToTarget(work, targetW, ctx.policy, budget, reasons);

  const creditW = rampCreditW(ctx);
  let usedW = 0;
  if (work.changes > 0) {
    reasons.push({
      rule: "allocator",
      effect: "no raise",
      detail: "units were stepped down this tick; none is raised in the same tick",
      inputs: { changes: work.changes },
    });
  } else {
    usedW = raiseToTarget(work, targetW, ctx.policy, creditW, reasons).usedW;
  }

  const commands = toCommands(work.slots);
  const count = (a: UnitCommand["action"]) => commands.filter((c) => c.action === a).length;
  const w = pipe.envelope.window;
  const plannedW = Math.round(work.siteW);
  reasons.push({
    rule: "allocator",
    effect: `planned ${formatW(plannedW)}`,
    detail:
      `target ${formatW(targetW)} (window ${formatW(w.minW)}–${formatW(w.maxW)}, top set by ${pipe.maxSetBy}); ` +
      `current ${formatW(ctx.currentPlannedW)} → planned ${formatW(plannedW)}; ` +
      `${commands.length} commands: ${count("sleep")} sleep, ${count("set-mode")} set-mode, ${count("wake")} wake`,
    inputs: {
      targetW,
      minW: w.minW,
      maxW: w.maxW,
      currentPlannedW: ctx.currentPlannedW,
      plannedW,
      commands: commands.length,
    },
  });
  return { commands, plannedW, rampCreditW: Math.max(0, creditW - usedW), reasons };
}
