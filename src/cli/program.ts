import { Command } from "commander";
import { registerBacktest } from "./commands/backtest.js";
import { registerConfig } from "./commands/config.js";
import { registerDemo } from "./commands/demo.js";
import { registerEmulate } from "./commands/emulate.js";
import { registerFleet } from "./commands/fleet.js";
import { registerLog } from "./commands/log.js";
import { registerPlan } from "./commands/plan.js";
import { registerReport } from "./commands/report.js";
import { registerRun } from "./commands/run.js";
import { registerServe } from "./commands/serve.js";
import { registerSignals } from "./commands/signals.js";
import { registerUsers } from "./commands/users.js";
import { registerVtn } from "./commands/vtn.js";

// The composition root: each command registers itself from its own file.
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("gridminer")
    .description("Grid-interactive flexible load controller for bitcoin-mining sites")
    .version("0.1.0")
    .showHelpAfterError();
  registerFleet(program);
  registerEmulate(program);
  registerBacktest(program);
  registerConfig(program);
  registerDemo(program);
  registerLog(program);
  registerReport(program);
  registerPlan(program);
  registerRun(program);
  registerServe(program);
  registerSignals(program);
  registerUsers(program);
  registerVtn(program);
  return program;
}
