import type { Command } from "commander";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import { openStore } from "../../store/open-store.js";
import type { StoredDecision } from "../../store/store.js";
import { storeChoiceOf } from "../store-arg.js";
import { parseSince } from "../time-arg.js";

function formatMw(w: number | null): string {
  return w === null ? "-" : `${(w / 1e6).toFixed(3)} MW`;
}

function formatDecision(d: StoredDecision): string {
  const head = `${new Date(d.atMs).toISOString()}  target ${formatMw(d.targetPowerW)} (was ${formatMw(d.previousTargetPowerW)}, measured ${formatMw(d.measuredPowerW)})`;
  const reasons = d.reasons.map((r) => `    ${r.rule}: ${r.effect} — ${r.detail}`);
  const byAction = new Map<string, number>();
  for (const c of d.commands) byAction.set(c.action, (byAction.get(c.action) ?? 0) + 1);
  const cmds = [...byAction].map(([a, n]) => `${a} ×${n}`).join(", ");
  return [head, ...reasons, ...(cmds ? [`    commands: ${cmds}`] : [])].join("\n");
}

export function registerLog(program: Command): void {
  program
    .command("log")
    .description("Show the decision log: every target change and command with its reasons")
    .option("--since <when>", "a duration back from now (15m, 2h, 1d) or an ISO timestamp", "1h")
    .option("--limit <n>", "at most this many decisions (newest kept)", "200")
    .option("--config <file>", "site configuration: read the store it names (SQLite or PostgreSQL)")
    .option(
      "--data-dir <dir>",
      "data directory (default: storage.dataDir, $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)",
    )
    .option("--json", "one JSON object per decision, one per line")
    .action(
      async (opts: { since: string; limit: string; config?: string; dataDir?: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new Error(`--limit "${opts.limit}": expected a positive integer`);
        const sinceMs = parseSince(opts.since, Date.now());
        const cfg = opts.config === undefined ? undefined : loadConfigFile(configSchema, opts.config);
        const { store } = await openStore(storeChoiceOf(cfg, opts.dataDir));
        try {
          const decisions = await store.listDecisions({ sinceMs, limit });
          if (opts.json) {
            for (const d of decisions) process.stdout.write(`${JSON.stringify(d)}\n`);
            return;
          }
          if (decisions.length === 0) process.stdout.write("no decisions in that period\n");
          for (const d of decisions) process.stdout.write(`${formatDecision(d)}\n`);
        } finally {
          await store.close();
        }
      },
    );
}
