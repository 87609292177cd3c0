import { buildProgram } from "./program.js";

// A closed pipe (`gridminer … | head`) ends output quietly instead of crashing.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const program = buildProgram();
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`gridminer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
