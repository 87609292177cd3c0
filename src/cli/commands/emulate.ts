import type { Command } from "commander";

export function registerEmulate(program: Command): void {
  program
    .command("emulate")
    .description("(not yet available)")
    .action(() => {
      throw new Error("emulate: not yet available");
    });
}
