import { ConfigError } from "../config/load.js";
import { buildProgram } from "./program.js";

// A closed pipe (`gridminer … | head`) ends output quietly instead of crashing.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const program = buildProgram();
program.parseAsync(process.argv).catch((err: unknown) => {
  // A configuration problem is the user's input: its message names file, key path and line, and the exit code is 2.
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`gridminer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
