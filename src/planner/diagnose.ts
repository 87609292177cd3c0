// Why a plan is infeasible, in the operator's words. Two elastic re-solves of the same model:
// 1. caps elastic (import limit, commitments, cooling; slack in kW), unit constraints hard: the slack says which
//    cap fails in which slot, and by how much; site power there is the lowest the units can reach.
// 2. caps nearly hard, unit constraints elastic (min-up, min-down, ramp; slack in units): the unit constraints
//    that must give way to meet the caps are the cause. A cap still violated is the standby and auxiliary floor.
// Holding every unit in its initial state meets all unit constraints, so re-solve 1 always has a solution.
import { formatPowerW, formatSlotJst } from "./format.js";
import type { PlanInput } from "./input.js";
import type { LpColumn, LpModel, LpRow, RowFamily } from "./lp-model.js";
import { writeLp } from "./lp-text.js";
import type { InfeasibilityCause, InfeasibilityFinding } from "./plan.js";
import type { MipProblem, MipSolveOptions, MipSolver } from "./solver.js";
import { slackOf } from "./var-names.js";

type CapFamily = InfeasibilityFinding["family"];
const CAP_FAMILIES: readonly CapFamily[] = ["import-limit", "demand-response", "cooling"];
const UNIT_FAMILIES = ["min-up", "min-down", "ramp"] as const;
const W_PER_KW = 1000;
/** Slack below this (kW or units) is solver noise. */
const SLACK_EPS = 1e-6;
/** In re-solve 2 one kW of cap is worth more than any number of units of a unit constraint. */
const CAP_WEIGHT_PHASE_2 = 1e6;

/**
 * The elastic variant of a model: minimise Σ weight · slack, where each row of a weighted family gets a slack
 * column that lets it be broken. The economic objective is dropped; only feasibility matters here.
 */
export function elasticModel(model: LpModel, weights: Partial<Record<RowFamily, number>>): LpModel {
  const columns: LpColumn[] = model.columns.map((c) => ({ ...c, cost: 0 }));
  const rows: LpRow[] = model.rows.map((r) => {
    const w = weights[r.family];
    if (w === undefined || r.sense === "=") return r;
    columns.push({
      name: slackOf(r.name),
      lower: 0,
      upper: Number.POSITIVE_INFINITY,
      integer: false,
      cost: w,
    });
    return { ...r, terms: [...r.terms, { coef: r.sense === "<=" ? -1 : 1, name: slackOf(r.name) }] };
  });
  return { sense: "minimize", columns, rows };
}

export interface Diagnosis {
  readonly findings: readonly InfeasibilityFinding[];
  /** One line for the operator: the first findings, then how many more. */
  readonly summary: string;
}

export function diagnoseInfeasible(
  input: PlanInput,
  model: LpModel,
  solver: MipSolver,
  options: MipSolveOptions,
): Diagnosis {
  const phase1 = solver(
    problemOf(elasticModel(model, { "import-limit": 1, "demand-response": 1, cooling: 1 })),
    options,
  );
  if (!phase1.hasSolution) {
    return { findings: [], summary: `infeasible; the diagnosis found no answer (${phase1.statusText})` };
  }
  const capWeights: Partial<Record<RowFamily, number>> = { ramp: 1, "min-up": 1, "min-down": 1 };
  for (const f of CAP_FAMILIES) capWeights[f] = CAP_WEIGHT_PHASE_2;
  const phase2 = solver(problemOf(elasticModel(model, capWeights)), options);
  const causes = phase2.hasSolution ? causesFrom(input, model, phase2.values) : [];
  const findings: InfeasibilityFinding[] = [];
  for (const row of model.rows) {
    if (!isCap(row.family)) continue;
    const slackKw = phase1.values.get(slackOf(row.name)) ?? 0;
    if (slackKw <= SLACK_EPS) continue;
    findings.push(finding(input, row, row.family, slackKw * W_PER_KW, causes));
  }
  if (findings.length === 0) {
    const rowsBroken = causes.map((c) => c.family).join(", ");
    return {
      findings,
      summary: `infeasible, but no cap is violated in the elastic model (unit constraints: ${rowsBroken || "none"})`,
    };
  }
  const shown = findings.slice(0, 3).map((f) => f.message);
  const more = findings.length > 3 ? `; and ${findings.length - 3} more slot constraints` : "";
  return { findings, summary: `${shown.join("; ")}${more}` };
}

function problemOf(model: LpModel): MipProblem {
  return { lpText: writeLp(model), columnNames: model.columns.map((c) => c.name) };
}

function isCap(family: RowFamily): family is CapFamily {
  return (CAP_FAMILIES as readonly RowFamily[]).includes(family);
}

function causesFrom(
  input: PlanInput,
  model: LpModel,
  values: ReadonlyMap<string, number>,
): InfeasibilityCause[] {
  const byKey = new Map<string, InfeasibilityCause>();
  let floorKw = 0;
  for (const row of model.rows) {
    const slack = values.get(slackOf(row.name)) ?? 0;
    if (slack <= SLACK_EPS) continue;
    if (isCap(row.family)) {
      floorKw = Math.max(floorKw, slack);
      continue;
    }
    const family = row.family as (typeof UNIT_FAMILIES)[number];
    const groupId = row.groupIndex === undefined ? undefined : input.groups[row.groupIndex]?.id;
    const key = `${family}/${groupId ?? ""}`;
    const prev = byKey.get(key);
    const amount = (prev?.amount ?? 0) + slack;
    byKey.set(key, { family, amount, unit: "units", ...(groupId === undefined ? {} : { groupId }) });
  }
  const causes = [...byKey.values()];
  if (floorKw > SLACK_EPS) causes.push({ family: "standby-floor", amount: floorKw * W_PER_KW, unit: "W" });
  return causes;
}

function finding(
  input: PlanInput,
  row: LpRow,
  family: CapFamily,
  slackW: number,
  causes: readonly InfeasibilityCause[],
): InfeasibilityFinding {
  const slot = input.slots[row.slotIndex];
  const startMs = slot?.startMs ?? 0;
  const aux = slot?.auxiliaryW ?? input.auxiliaryW;
  const commitment = row.commitmentIndex === undefined ? undefined : input.commitments[row.commitmentIndex];
  // The row is on site power; cooling is stated as miner heat, so the auxiliary load comes off both sides.
  const limitW = row.rhs * W_PER_KW - (family === "cooling" ? aux : 0);
  const lowestW = limitW + slackW;
  const what = label(family, commitment?.id);
  const subject = family === "cooling" ? "the miners' heat cannot go below" : "the site cannot go below";
  const message =
    `${what} in slot ${formatSlotJst(startMs)} needs ≤ ${formatPowerW(limitW)} but ${subject} ` +
    `${formatPowerW(lowestW)} because of ${describeCauses(causes, input)}`;
  return {
    family,
    slotIndex: row.slotIndex,
    startMs,
    ...(commitment === undefined ? {} : { commitmentId: commitment.id }),
    limitW,
    lowestW,
    causes,
    message,
  };
}

function label(family: CapFamily, commitmentId: string | undefined): string {
  if (family === "demand-response") return `DR commitment ${commitmentId ?? ""}`.trim();
  return family === "import-limit" ? "import limit" : "cooling capacity";
}

const CAUSE_WORDS: Record<InfeasibilityCause["family"], string> = {
  "min-up": "min-up times",
  "min-down": "min-down times",
  ramp: "the wake ramp limit",
  "standby-floor": "standby and auxiliary power",
};

function describeCauses(causes: readonly InfeasibilityCause[], input: PlanInput): string {
  if (causes.length === 0) return "the unit constraints together";
  const multiGroup = input.groups.length > 1;
  return causes
    .map((c) => {
      const words = CAUSE_WORDS[c.family];
      if (c.family === "standby-floor") return `${words} (${formatPowerW(c.amount)} over)`;
      return multiGroup && c.groupId !== undefined ? `${words} of group ${c.groupId}` : words;
    })
    .join(" and ");
}
