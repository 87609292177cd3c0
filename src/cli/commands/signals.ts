import type { Command } from "commander";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import type { Reading } from "../../domain/reading.js";
import { signalHubFromConfig } from "../../runtime/assemble.js";
import { systemClock } from "../../runtime/clock.js";
import { renderTable } from "../table.js";

interface Row {
  signal: string;
  value: string | null;
  ageS: number | null;
  fresh: boolean;
  note: string;
}

function row(name: string, r: Reading<number> | undefined, unit: string, nowMs: number, digits = 0): Row {
  if (!r) return { signal: name, value: null, ageS: null, fresh: false, note: "not configured" };
  if (r.ok) {
    return {
      signal: name,
      value: `${r.value.toFixed(digits)} ${unit}`,
      ageS: Math.round((nowMs - r.atMs) / 100) / 10,
      fresh: true,
      note: "",
    };
  }
  const last = r.lastGood ? `last ${r.lastGood.value.toFixed(digits)} ${unit}` : "";
  return {
    signal: name,
    value: null,
    ageS: null,
    fresh: false,
    note: [r.error, last].filter(Boolean).join("; "),
  };
}

export function registerSignals(program: Command): void {
  const signals = program
    .command("signals")
    .description("Grid signals: what each configured source says now");
  signals
    .command("show")
    .description("Read every configured source once and print its value, age and health")
    .requiredOption("--config <file>", "site configuration")
    .option("--wait <ms>", "time given to live sources (meters, MQTT) for a first value", "2000")
    .option("--json", "one JSON object")
    .action(async (opts: { config: string; wait: string; json?: boolean }) => {
      // A ConfigError reaches main, which prints every problem and exits with 2.
      const cfg = loadConfigFile(configSchema, opts.config);
      const running = await signalHubFromConfig(cfg, systemClock);
      await new Promise((r) => setTimeout(r, Number(opts.wait)));
      const now = systemClock.nowMs();
      const g = running.hub.read(now);
      const rows: Row[] = [
        row("surplus", g.surplusW, "W", now),
        row("energy price", g.energyPriceJpyPerKwh, "JPY/kWh", now, 2),
        row("hashprice", g.hashpriceJpyPerThsDay, "JPY/TH/day", now, 2),
        row("frequency", g.frequency?.hz, "Hz", now, 3),
        row("site import (meter)", running.hub.meteredImportW(now), "W", now),
        row("ambient", running.hub.ambientC(now), "°C", now, 1),
      ];
      const sources = running.sources.map((s) => s.status(now));
      await running.stop();
      const events = g.events.map((e) => ({ id: e.id, kind: e.kind, startMs: e.startMs, endMs: e.endMs }));
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ atMs: now, signals: rows, sources, importLimitW: cfg.site.importLimitW, events })}\n`,
        );
        return;
      }
      process.stdout.write(
        `${renderTable(
          ["signal", "value", "age s", "fresh", "note"],
          rows.map((r) => [r.signal, r.value, r.ageS, r.fresh ? "yes" : "no", r.note]),
        )}\n`,
      );
      if (sources.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            ["source", "link", "stale", "age s", "last error"],
            sources.map((s) => [
              s.name,
              s.state,
              s.stale ? "yes" : "no",
              s.ageMs === undefined ? null : Math.round(s.ageMs / 100) / 10,
              s.lastError ?? "",
            ]),
          )}\n`,
        );
      }
      process.stdout.write(
        `\nimport limit ${cfg.site.importLimitW} W · ${events.length} grid events in force\n`,
      );
    });
}
