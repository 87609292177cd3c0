// Messages between the control process and the planner worker. Plain data only: they cross the thread boundary
// by structured clone.
import type { PlanInput } from "../../planner/input.js";
import type { PlanOutcome } from "../../planner/plan.js";

export interface SolveRequest {
  readonly id: number;
  readonly input: PlanInput;
  readonly nowMs: number;
  readonly timeLimitS: number;
  readonly mipRelGap: number;
}

export interface SolveResponse {
  readonly id: number;
  readonly outcome: PlanOutcome;
  /** Wall time in the worker: build, solve(s), read, check and any diagnosis. */
  readonly wallMs: number;
}
