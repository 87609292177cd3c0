// The one thing the planner needs from a MILP solver, so that model building, checking and diagnosis stay pure and
// the solver (HiGHS in WASM, synchronous) can live in a worker thread.

export type MipStatus = "optimal" | "time-limit" | "infeasible" | "unbounded" | "error" | "other";

export interface MipSolveOptions {
  /** Wall-clock limit of one solver run, seconds. */
  readonly timeLimitS: number;
  /** Relative MIP gap at which the search stops as optimal (0.001 = 0.1 %). */
  readonly mipRelGap: number;
}

export interface MipProblem {
  readonly lpText: string;
  /** Column names in the order the LP text introduces them (writeLp lists every column in the objective first). */
  readonly columnNames: readonly string[];
  /** Solve the LP relaxation: integrality dropped. */
  readonly relaxation?: boolean;
  /** A feasible point to start from (MIP start), by column name. */
  readonly start?: ReadonlyMap<string, number>;
}

export interface MipSolveResult {
  readonly status: MipStatus;
  /** The solver's own wording, for messages. */
  readonly statusText: string;
  /** True when `values` hold a feasible point (an optimum or a time-limited incumbent). */
  readonly hasSolution: boolean;
  readonly objective: number;
  /** Relative gap of the returned point, as a fraction; NaN when the solver did not say. */
  readonly mipGap: number;
  /** Column values by name; empty without a solution. */
  readonly values: ReadonlyMap<string, number>;
  readonly runTimeS: number;
}

/** Solves a problem. Throws only on a malformed model or a solver fault, never on infeasibility. */
export type MipSolver = (problem: MipProblem, options: MipSolveOptions) => MipSolveResult;

export const DEFAULT_SOLVE_OPTIONS: MipSolveOptions = { timeLimitS: 10, mipRelGap: 0.001 };
