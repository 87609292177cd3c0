// Runs `gridminer serve` and `gridminer users` as a child process would, with only these two commands registered.
import { Command } from "commander";
import { registerServe } from "../../src/cli/commands/serve.js";
import { registerUsers } from "../../src/cli/commands/users.js";

const program = new Command().name("gridminer");
registerServe(program);
registerUsers(program);
await program.parseAsync(process.argv);
