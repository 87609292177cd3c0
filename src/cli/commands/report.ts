import type { Command } from "commander";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import type { EventPerformance } from "../../domain/dr-performance.js";
import {
  DEFAULT_DR_SETTINGS,
  type DrSettings,
  drSettingsFromConfig,
  performanceOf,
  utcOffsetMs,
} from "../../runtime/dr-performance.js";
import { openStore } from "../../store/open-store.js";
import { storeChoiceOf } from "../store-arg.js";
import { renderTable } from "../table.js";
import { parseSince } from "../time-arg.js";

interface DrOptions {
  config?: string;
  dataDir?: string;
  since: string;
  until?: string;
  event?: string;
  json?: boolean;
}

const kw = (w: number | null | undefined) => (w === null || w === undefined ? null : Math.round(w / 1000));
const one = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

function localTime(ms: number, timeZone: string): string {
  return new Date(ms + utcOffsetMs(timeZone, ms)).toISOString().slice(0, 16).replace("T", " ");
}

/** Time-weighted: the first and last slots of an event are often partial. */
function weightedMean(slots: readonly { startMs: number; endMs: number; w: number | null }[]): number | null {
  let sum = 0;
  let ms = 0;
  for (const s of slots) {
    if (s.w === null) continue;
    sum += s.w * (s.endMs - s.startMs);
    ms += s.endMs - s.startMs;
  }
  return ms > 0 ? sum / ms : null;
}

/** "High 4 of 5, +500 kW same-day" or the fallback that stood in. */
export function baselineLabel(p: EventPerformance): string {
  const b = p.baseline;
  if (b.method === "high-x-of-y") {
    const used = b.days.filter((d) => d.used).length;
    const adj =
      b.adjustmentW === null
        ? "no same-day adj."
        : `${b.adjustmentW >= 0 ? "+" : ""}${kw(b.adjustmentW)} kW same-day`;
    return `High ${used} of ${b.daysWanted}, ${adj}`;
  }
  return b.method === "pre-event-mean" ? "pre-event mean" : "none";
}

function table(events: readonly EventPerformance[], timeZone: string): string {
  return renderTable(
    [
      "event",
      "start",
      "end",
      "cap kW",
      "baseline",
      "base kW",
      "actual kW",
      "cut kW",
      "cut kWh",
      "asked kWh",
      "compl %",
      "held %",
      "resp s",
      "dec s",
    ],
    events.map((p) => [
      p.eventId,
      localTime(p.startMs, timeZone),
      localTime(p.endMs, timeZone) + (p.status === "in-progress" ? " (running)" : ""),
      kw(p.capW),
      baselineLabel(p),
      kw(weightedMean(p.slots.map((s) => ({ ...s, w: s.baselineW })))),
      kw(weightedMean(p.slots.map((s) => ({ ...s, w: s.actualW })))),
      kw(p.meanDeliveredReductionW),
      Math.round(p.deliveredReductionKwh),
      Math.round(p.requestedReductionKwh),
      one(p.compliancePct),
      one(p.capHeldPct),
      seconds(p.responseLatencyMs),
      seconds(p.decisionLatencyMs),
    ]),
  );
}

async function reportDr(opts: DrOptions): Promise<void> {
  const cfg = opts.config === undefined ? undefined : loadConfigFile(configSchema, opts.config);
  const settings: DrSettings = cfg ? drSettingsFromConfig(cfg) : DEFAULT_DR_SETTINGS;
  const choice = storeChoiceOf(cfg, opts.dataDir);
  const nowMs = Date.now();
  const sinceMs = parseSince(opts.since, nowMs);
  const untilMs = opts.until === undefined ? nowMs : Date.parse(opts.until);
  if (Number.isNaN(untilMs)) throw new Error(`--until "${opts.until}": expected an ISO timestamp`);
  const { store } = await openStore(choice);
  try {
    const stored = (await store.events.list({ sinceMs, untilMs, limit: 10_000 })).filter(
      (e) =>
        e.event.startMs >= sinceMs &&
        e.event.startMs <= Math.min(untilMs, nowMs) &&
        (opts.event === undefined || e.event.id === opts.event),
    );
    if (opts.event !== undefined && stored.length === 0)
      throw new Error(`--event "${opts.event}": no such event started in that period`);
    const events = await performanceOf(store, stored, settings, nowMs);
    if (opts.json) {
      for (const p of events) process.stdout.write(`${JSON.stringify(p)}\n`);
      return;
    }
    if (events.length === 0) {
      process.stdout.write("no demand-response events started in that period\n");
      return;
    }
    process.stdout.write(`${table(events, settings.timeZone)}\n`);
    for (const p of events)
      for (const note of p.baseline.notes) process.stdout.write(`${p.eventId}: ${note}\n`);
  } finally {
    await store.close();
  }
}

export function registerReport(program: Command): void {
  const report = program.command("report").description("Reports from the stored history");
  report
    .command("demand-response")
    .alias("dr")
    .description(
      "Per event: baseline (High 4 of 5 with same-day adjustment by default), delivered reduction, compliance, latency",
    )
    .option("--config <file>", "site configuration: its storage and demandResponse settings")
    .option(
      "--data-dir <dir>",
      "data directory (default: storage.dataDir, $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)",
    )
    .option(
      "--since <when>",
      "events that started after: a duration back from now (2h, 7d) or an ISO timestamp",
      "30d",
    )
    .option("--until <iso>", "events that started before this ISO timestamp (default now)")
    .option("--event <id>", "only this event")
    .option("--json", "one JSON object per event, one per line, slot by slot")
    .action(reportDr);
}
