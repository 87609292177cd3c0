import { buildProgram } from "./program.js";

const program = buildProgram();
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`gridminer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
