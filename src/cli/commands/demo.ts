import type { Command } from "commander";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("(not yet available)")
    .action(() => {
      throw new Error("demo: not yet available");
    });
}
