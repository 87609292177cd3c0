import type { Command } from "commander";
import { loadConfigFile } from "../../config/load.js";
import { configJsonSchema, configSchema } from "../../config/schema.js";

export function registerConfig(program: Command): void {
  const config = program
    .command("config")
    .description("Validate a site configuration or print its JSON Schema");
  config
    .command("check <file>")
    .description("Validate a site.yaml: every problem with its key path and line")
    .option("--json", "print the validated configuration with defaults filled in")
    .action((file: string, opts: { json?: boolean }) => {
      const cfg = loadConfigFile(configSchema, file);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(cfg, null, 2)}\n`);
        return;
      }
      const units = cfg.fleet.groups.map((g) => `${g.name} (${g.model}, ${g.targets.join(" ")})`).join("; ");
      process.stdout.write(`${file}: ok — site "${cfg.site.name}", groups: ${units}\n`);
    });
  config
    .command("schema")
    .description("Print the JSON Schema of site.yaml (for editors)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
