// One HiGHS instance per test file: loading the WASM runtime takes a few hundred milliseconds. Test-only.
import { loadHighsSolver } from "../../runtime/planner-worker/highs-solver.js";
import type { MipSolver } from "../solver.js";

let loading: Promise<MipSolver> | undefined;

export function testSolver(): Promise<MipSolver> {
  loading ??= loadHighsSolver();
  return loading;
}
