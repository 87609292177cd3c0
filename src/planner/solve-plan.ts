// One planning run: validate, build, solve the LP relaxation, round it into a MIP start, solve the MIP, read,
// check. Pure given the solver, so it runs the same in the worker thread, in tests and in the bench. Every plan
// passes the independent checker before it is returned; an infeasible model is re-solved elastically to say which
// constraint cannot be met, where and why.
import { buildPlanModel } from "./build-model.js";
import { checkPlan } from "./check-plan.js";
import { diagnoseInfeasible } from "./diagnose.js";
import type { PlanInput } from "./input.js";
import { writeLp } from "./lp-text.js";
import type { PlanOutcome } from "./plan.js";
import { FractionalSolutionError, readPlan } from "./read-solution.js";
import { DEFAULT_SOLVE_OPTIONS, type MipSolveOptions, type MipSolver } from "./solver.js";
import { validatePlanInput } from "./validate-input.js";
import { roundedStart } from "./warm-start.js";

export interface PlanRequestOptions extends Partial<MipSolveOptions> {
  /** The instant the plan is made; recorded in the plan. */
  readonly nowMs: number;
  /** Run the elastic diagnosis when the model is infeasible (default true). */
  readonly diagnose?: boolean;
  /** Start the MIP from the rounded LP relaxation (default true). */
  readonly warmStart?: boolean;
}

/** The MIP keeps at least this share of the time limit after the relaxation. */
const MIN_MIP_TIME_SHARE = 0.5;

export function planWithSolver(input: PlanInput, solver: MipSolver, opts: PlanRequestOptions): PlanOutcome {
  const errors = validatePlanInput(input);
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).join("; ");
    const more = errors.length > 5 ? `; and ${errors.length - 5} more` : "";
    return {
      ok: false,
      failure: { kind: "invalid-input", message: `invalid planner input: ${shown}${more}` },
    };
  }
  const options: MipSolveOptions = {
    timeLimitS: opts.timeLimitS ?? DEFAULT_SOLVE_OPTIONS.timeLimitS,
    mipRelGap: opts.mipRelGap ?? DEFAULT_SOLVE_OPTIONS.mipRelGap,
  };
  const { model } = buildPlanModel(input);
  const problem = { lpText: writeLp(model), columnNames: model.columns.map((c) => c.name) };
  const infeasible = (solverStatus: string): PlanOutcome => {
    if (opts.diagnose === false) {
      return { ok: false, failure: { kind: "infeasible", message: "the plan is infeasible", solverStatus } };
    }
    const d = diagnoseInfeasible(input, model, solver, options);
    return {
      ok: false,
      failure: { kind: "infeasible", message: d.summary, findings: d.findings, solverStatus },
    };
  };

  let start: ReadonlyMap<string, number> | undefined;
  let relaxationS = 0;
  if (opts.warmStart !== false) {
    const relaxed = solver({ ...problem, relaxation: true }, options);
    relaxationS = relaxed.runTimeS;
    // No fractional schedule meets the constraints: no integer one does either.
    if (relaxed.status === "infeasible") return infeasible(relaxed.statusText);
    if (relaxed.hasSolution) start = roundedStart(input, relaxed.values);
  }
  const mipOptions: MipSolveOptions = {
    ...options,
    timeLimitS: Math.max(options.timeLimitS * MIN_MIP_TIME_SHARE, options.timeLimitS - relaxationS),
  };
  const result = solver(start === undefined ? problem : { ...problem, start }, mipOptions);
  const solverStatus = result.statusText;
  if (result.status === "infeasible" || (result.status === "unbounded" && !result.hasSolution)) {
    return infeasible(solverStatus);
  }
  if (!result.hasSolution) {
    const kind = result.status === "error" ? "solver-error" : "no-solution";
    const message =
      result.status === "time-limit"
        ? `the time limit of ${options.timeLimitS} s passed before any feasible plan was found`
        : `the solver found no plan (${solverStatus})`;
    return { ok: false, failure: { kind, message, solverStatus } };
  }
  if (result.status !== "optimal" && result.status !== "time-limit") {
    return {
      ok: false,
      failure: { kind: "no-solution", message: `unexpected solver status ${solverStatus}`, solverStatus },
    };
  }

  let plan: ReturnType<typeof readPlan>;
  try {
    plan = readPlan(input, result, { nowMs: opts.nowMs, status: result.status, extraSolverS: relaxationS });
  } catch (e) {
    if (!(e instanceof FractionalSolutionError)) throw e;
    return { ok: false, failure: { kind: "check-failed", message: e.message, solverStatus } };
  }
  const violations = checkPlan(input, plan);
  if (violations.length > 0) {
    const first = violations[0]?.message ?? "";
    return {
      ok: false,
      failure: {
        kind: "check-failed",
        message: `the solver's plan breaks ${violations.length} constraint(s) of the input: ${first}`,
        violations,
        solverStatus,
      },
    };
  }
  return { ok: true, plan };
}
