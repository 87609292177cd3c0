import type { Command } from "commander";

export function registerFleet(program: Command): void {
  program
    .command("fleet")
    .description("(not yet available)")
    .action(() => {
      throw new Error("fleet: not yet available");
    });
}
