import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { CgminerScheduler } from "../../drivers/protocols/cgminer/scheduler.js";
import { systemClock } from "../../runtime/clock.js";
import {
  type ActionResult,
  type FleetAction,
  type FleetContext,
  fleetAction,
  fleetStatus,
  scanFleet,
} from "../../runtime/fleet/operations.js";
import type { FleetStatusRow } from "../../runtime/fleet/rows.js";
import { DEFAULT_MAX_TARGETS, expandTargets } from "../../runtime/fleet/targets.js";
import { renderTable } from "../table.js";

interface CommonOpts {
  json?: boolean;
  timeout: string;
  concurrency: string;
  maxTargets: string;
  port: string;
}

function intOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} "${text}": expected an integer ≥ ${min}`);
  return n;
}

function withCommon(cmd: Command): Command {
  return cmd
    .option("--json", "one JSON object per miner, one per line")
    .option("--timeout <ms>", "deadline for one API call", "3000")
    .option("--concurrency <n>", "miners handled at once", "256")
    .option("--port <port>", "default port for targets without one", "4028")
    .option("--max-targets <n>", "refuse target lists that expand beyond this", String(DEFAULT_MAX_TARGETS));
}

function context(opts: CommonOpts, total: number): { ctx: FleetContext; done: () => void } {
  const timeoutMs = intOption("timeout", opts.timeout, 1);
  const concurrency = intOption("concurrency", opts.concurrency, 1);
  const showProgress = !opts.json && process.stderr.isTTY === true && total > 20;
  const bar = showProgress
    ? new SingleBar({ format: " {bar} {value}/{total} miners", stream: process.stderr })
    : null;
  bar?.start(total, 0);
  const ctx: FleetContext = {
    scheduler: new CgminerScheduler({ maxInFlight: concurrency }),
    clock: systemClock,
    timeoutMs,
    concurrency,
    ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
  };
  return { ctx, done: () => bar?.stop() };
}

function endpointsOf(targets: string[], opts: CommonOpts) {
  return expandTargets(targets, {
    defaultPort: intOption("port", opts.port, 1),
    maxTargets: intOption("max-targets", opts.maxTargets, 1),
  });
}

function fmt(v: number | null, digits = 0): number | null {
  return v === null ? null : Number(v.toFixed(digits));
}

function printStatus(rows: FleetStatusRow[], json: boolean): void {
  if (json) {
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const table = renderTable(
    [
      "host",
      "model",
      "state",
      "TH/s",
      "avg TH/s",
      "power W",
      "MPO W",
      "mode",
      "in °C",
      "out °C",
      "chip °C",
      "uptime s",
      "note",
    ],
    rows.map((r) => [
      r.port === 4028 ? r.host : `${r.host}:${r.port}`,
      r.model,
      r.state,
      fmt(r.hashrateThs, 1),
      fmt(r.hashrateAvgThs, 1),
      r.powerW,
      r.modePowerLimitW,
      r.workMode,
      r.coolantInletC,
      r.coolantOutletC,
      r.chipTempMaxC,
      r.uptimeS,
      r.error ?? [...r.psuErrors, ...r.hashBoardErrors].join("; "),
    ]),
  );
  const ok = rows.filter((r) => r.ok);
  const powerW = ok.reduce((s, r) => s + (r.powerW ?? 0), 0);
  const ths = ok.reduce((s, r) => s + (r.hashrateThs ?? 0), 0);
  process.stdout.write(
    `${table}\n\n${ok.length}/${rows.length} answered · ${(powerW / 1000).toFixed(1)} kW · ${(ths / 1000).toFixed(2)} PH/s\n`,
  );
}

function printActions(rows: ActionResult[], json: boolean): void {
  if (json) {
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const table = renderTable(
    ["host", "action", "acknowledged", "confirmed", "ack ms", "confirm ms", "detail"],
    rows.map((r) => [
      r.port === 4028 ? r.host : `${r.host}:${r.port}`,
      r.action,
      r.acknowledged ? "yes" : "no",
      r.confirmed ? "yes" : "no",
      r.ackMs,
      r.confirmMs,
      r.detail,
    ]),
  );
  const confirmed = rows.filter((r) => r.confirmed).length;
  process.stdout.write(`${table}\n\n${confirmed}/${rows.length} confirmed\n`);
}

export function registerFleet(program: Command): void {
  const fleet = program
    .command("fleet")
    .description(
      "Scan, read and command miners. Targets: hosts, host:port, ranges (a.b.c.d-e) or CIDR blocks",
    );

  withCommon(fleet.command("scan <targets...>").description("Find miners; say what else answered")).action(
    async (targets: string[], opts: CommonOpts) => {
      const endpoints = endpointsOf(targets, opts);
      const { ctx, done } = context(opts, endpoints.length);
      const results = await scanFleet(endpoints, ctx).finally(done);
      const found = results.filter((r) => r.kind !== "none");
      if (opts.json) {
        for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
      } else {
        process.stdout.write(
          `${renderTable(
            ["host", "kind", "model", "firmware", "description"],
            found.map((r) => [
              r.port === 4028 ? r.host : `${r.host}:${r.port}`,
              r.kind,
              r.model,
              r.firmware,
              r.description,
            ]),
          )}\n\n${results.filter((r) => r.kind === "miner").length} miners, ${results.filter((r) => r.kind === "other").length} other devices, ${results.length - found.length} silent of ${results.length} addresses\n`,
        );
      }
    },
  );

  withCommon(fleet.command("status <targets...>").description("Telemetry of each miner")).action(
    async (targets: string[], opts: CommonOpts) => {
      const endpoints = endpointsOf(targets, opts);
      const { ctx, done } = context(opts, endpoints.length);
      const rows = await fleetStatus(endpoints, ctx).finally(done);
      printStatus(rows, opts.json === true);
      if (rows.some((r) => !r.ok)) process.exitCode = 1;
    },
  );

  const addAction = (
    name: string,
    description: string,
    build: (arg: string | undefined) => FleetAction,
    withArg: boolean,
  ) => {
    const cmd = fleet
      .command(withArg ? `${name} <mode> <targets...>` : `${name} <targets...>`)
      .description(description);
    withCommon(cmd)
      .option("--delay <s>", "schedule soft-off/on this many seconds ahead", "5")
      .option("--confirm-timeout <ms>", "how long to read state back before giving up")
      .option("--no-confirm", "return after the reply without reading state back")
      .action(async (...args: unknown[]) => {
        const arg = withArg ? (args[0] as string) : undefined;
        const targets = (withArg ? args[1] : args[0]) as string[];
        const opts = (withArg ? args[2] : args[1]) as CommonOpts & {
          delay: string;
          confirmTimeout?: string;
          confirm: boolean;
        };
        const action = build(arg);
        const endpoints = endpointsOf(targets, opts);
        const { ctx, done } = context(opts, endpoints.length);
        const results = await fleetAction(
          endpoints,
          action,
          {
            delayS: Number(opts.delay),
            ...(opts.confirmTimeout === undefined
              ? {}
              : { confirmTimeoutMs: intOption("confirm-timeout", opts.confirmTimeout, 0) }),
            ...(opts.confirm ? {} : { noConfirm: true }),
          },
          ctx,
        ).finally(done);
        printActions(results, opts.json === true);
        const failed = results.some((r) => (opts.confirm ? !r.confirmed : !r.acknowledged));
        if (failed) process.exitCode = 1;
      });
  };
  addAction("sleep", "Soft-off, confirmed by reading state back", () => ({ kind: "sleep" }), false);
  addAction("wake", "Soft-on, confirmed by reading state back", () => ({ kind: "wake" }), false);
  addAction(
    "mode",
    "Set the work mode (A1566HA: 0 Eco, 1 Standard, 2 Super)",
    (arg) => {
      const mode = Number(arg);
      if (!Number.isInteger(mode) || mode < 0 || mode > 2)
        throw new Error(`mode "${arg}": expected 0, 1 or 2`);
      return { kind: "mode", mode };
    },
    true,
  );
  addAction("reboot", "Reboot, confirmed by the uptime starting again", () => ({ kind: "reboot" }), false);
}
