// HiGHS (WASM) behind the planner's MipSolver interface. The persistent-model API is used rather than the
// one-shot solve() because only it reports the MIP gap and whether a time-limited run holds a feasible point.
// HiGHS solves synchronously: call this from the planner worker, never from the control loop's thread.
import highsPackage, { type Highs, type Model } from "highs";
import type {
  MipProblem,
  MipSolveOptions,
  MipSolveResult,
  MipSolver,
  MipStatus,
} from "../../planner/solver.js";

/** HiGHS model-status codes (highs.constants.modelStatus) mapped to the planner's few outcomes. */
function mapStatus(code: number, c: Highs["constants"]["modelStatus"]): MipStatus {
  switch (code) {
    case c.optimal:
      return "optimal";
    case c.timeLimit:
    case c.interrupted:
    case c.iterationLimit:
    case c.solutionLimit:
      return "time-limit";
    case c.infeasible:
      return "infeasible";
    case c.unbounded:
    case c.unboundedOrInfeasible:
      return "unbounded";
    case c.loadError:
    case c.modelError:
    case c.presolveError:
    case c.solveError:
    case c.postsolveError:
      return "error";
    default:
      return "other";
  }
}

function infoNumber(read: () => number | bigint): number {
  try {
    return Number(read());
  } catch {
    return Number.NaN;
  }
}

export function highsSolver(highs: Highs): MipSolver {
  const codes = highs.constants.modelStatus;
  const names = new Map<number, string>(Object.entries(codes).map(([name, code]) => [code as number, name]));
  const feasible = highs.constants.solutionStatus.feasible;
  return (problem: MipProblem, options: MipSolveOptions): MipSolveResult => {
    const model = highs.createModel({ format: "lp", data: problem.lpText });
    try {
      model.options.set({
        output_flag: false,
        time_limit: options.timeLimitS,
        mip_rel_gap: options.mipRelGap,
        // Same answer for the same input: the plan should not depend on the run.
        random_seed: 0,
      });
      const columns = columnNames(model, problem.columnNames);
      if (problem.relaxation === true) model.clearIntegrality();
      if (problem.start !== undefined) {
        const start = problem.start;
        model.setSolution({ colValue: Float64Array.from(columns, (name) => start.get(name) ?? 0) });
      }
      model.run();
      const code = model.getModelStatus();
      const hasSolution = infoNumber(() => model.info.get("primal_solution_status")) === feasible;
      const values = new Map<string, number>();
      if (hasSolution) {
        const x = model.getSolution().colValue;
        columns.forEach((name, i) => {
          values.set(name, x[i] ?? Number.NaN);
        });
      }
      return {
        status: mapStatus(code, codes),
        statusText: names.get(code) ?? `status ${code}`,
        hasSolution,
        objective: hasSolution ? model.getObjectiveValue() : Number.NaN,
        mipGap:
          hasSolution && problem.relaxation !== true
            ? infoNumber(() => model.info.get("mip_gap"))
            : Number.NaN,
        values,
        runTimeS: model.getRunTime(),
      };
    } finally {
      model.dispose();
    }
  };
}

/**
 * Column names in the solver's index order. The LP writer makes that the model's order; a sample of names is
 * compared to be sure, since one getColName call per column crosses into WASM each time (≈0.1 ms: half a second
 * for 6,000 columns).
 */
function columnNames(model: Model, expected: readonly string[]): readonly string[] {
  const numCols = model.getDimensions().numCols;
  if (numCols === expected.length) {
    const step = Math.max(1, Math.floor(numCols / 16));
    let same = true;
    for (let i = 0; i < numCols && same; i += step) same = model.getColName(i) === expected[i];
    if (same && model.getColName(numCols - 1) === expected[numCols - 1]) return expected;
  }
  return Array.from({ length: numCols }, (_, i) => model.getColName(i));
}

type HighsLoader = () => Promise<Highs>;

/**
 * The package is CommonJS with an ES build: its types describe the CommonJS default (an object holding the loader),
 * while Node's ESM import gets the loader itself. Accept either shape instead of trusting one.
 */
function highsLoader(pkg: unknown): HighsLoader {
  if (typeof pkg === "function") return pkg as HighsLoader;
  const inner = (pkg as { default?: unknown } | undefined)?.default;
  if (typeof inner === "function") return inner as HighsLoader;
  throw new Error("the highs package exports no loader function");
}

/** Loads the WASM runtime (~100–250 ms, ~220 MB heap at its peak) and wraps it. */
export async function loadHighsSolver(): Promise<MipSolver> {
  return highsSolver(await highsLoader(highsPackage)());
}
