// Fleet benchmark: an emulated site in a separate process, polled and commanded from this one.
// Prints a table per size and, last, one JSON line. Figures are medians over repeated runs (the machine is noisy).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FullMinerDriver } from "../src/domain/driver.js";
import { CgminerScheduler } from "../src/drivers/protocols/cgminer/scheduler.js";
import { detectMiner } from "../src/drivers/registry.js";
import { systemClock } from "../src/runtime/clock.js";
import { mapBounded } from "../src/runtime/fleet/pool.js";
import { addressRangeEndpoints } from "./support.js";

const BIN = fileURLToPath(new URL("../../bin/gridminer.js", import.meta.url));
const POLLS = 11;
const SLEEP_RUNS = 5;
const SLEEP_DELAY_S = 1;

interface SizeResult {
  units: number;
  pollMedianMs: number;
  pollP95Ms: number;
  telemetryOnlyPollMedianMs: number;
  sleepAckMedianMs: number;
  sleepConfirmMedianMs: number;
  sleepConfirmOverScheduleMedianMs: number;
  rssMb: number;
  emulatorRssMb: number;
  failedReads: number;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[idx] as number;
}

const median = (v: number[]) => quantile(v, 0.5);
const round = (v: number) => Math.round(v * 10) / 10;

function startEmulator(units: number, baseAddress: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, "emulate", "--units", String(units), "--base-address", baseAddress],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ctrl-C to stop.")) {
        child.stdout?.off("data", onData);
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

function processRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

async function measure(units: number, baseAddress: string): Promise<SizeResult> {
  const emulator = await startEmulator(units, baseAddress);
  try {
    const scheduler = new CgminerScheduler({ maxInFlight: 128 });
    const endpoints = addressRangeEndpoints(baseAddress, units, 4028);
    const found = await mapBounded(endpoints, 256, (e) =>
      detectMiner(e, { timeoutMs: 5000, scheduler, clock: systemClock }),
    );
    const drivers = found.map((f, i) => {
      if (f.kind !== "miner") throw new Error(`unit ${i} not detected: ${JSON.stringify(f)}`);
      return f.driver as FullMinerDriver & { readBack(): Promise<unknown> };
    });

    let failedReads = 0;
    const poll = async (full: boolean) => {
      const t0 = performance.now();
      await mapBounded(drivers, 512, (d) =>
        (full ? d.readStatus() : d.readBack()).catch(() => {
          failedReads++;
        }),
      );
      return performance.now() - t0;
    };
    await poll(true);
    const pollMs: number[] = [];
    for (let i = 0; i < POLLS; i++) pollMs.push(await poll(true));
    const liteMs: number[] = [];
    for (let i = 0; i < POLLS; i++) liteMs.push(await poll(false));

    const ackMs: number[] = [];
    const confirmMs: number[] = [];
    const overMs: number[] = [];
    for (let run = 0; run < SLEEP_RUNS; run++) {
      const t0 = performance.now();
      let acked = 0;
      const outcomes = await mapBounded(drivers, 1024, async (d) => {
        const o = await d.sleep({ delayS: SLEEP_DELAY_S, confirmIntervalMs: 100, confirmTimeoutMs: 15_000 });
        acked++;
        return o;
      });
      // ackMs per unit is measured by the driver from its own send; the fleet figure is the slowest one.
      const lastAck = Math.max(...outcomes.map((o) => o.ackMs ?? Number.POSITIVE_INFINITY));
      const confirmedAll = outcomes.every((o) => o.confirmed);
      const total = performance.now() - t0;
      // Each unit acts at the epoch second it was given ("success softoff:<ts>"); what counts against the
      // target is the time from the latest scheduled second to the last confirmation.
      const scheduledS = outcomes.map((o) => Number(/softoff:(\d+)/.exec(o.detail)?.[1] ?? Number.NaN));
      overMs.push(Date.now() - Math.max(...scheduledS) * 1000);
      if (!confirmedAll || acked !== drivers.length) {
        const bad = outcomes.filter((o) => !o.confirmed).length;
        throw new Error(`sleep run ${run}: ${bad} of ${drivers.length} units not confirmed`);
      }
      ackMs.push(lastAck);
      confirmMs.push(total);
      // Wake everyone again (not measured) so the next run starts from running units.
      await mapBounded(drivers, 1024, (d) => d.wake({ delayS: 0, noConfirm: true }).catch(() => undefined));
      await new Promise((r) => setTimeout(r, 1500));
    }

    return {
      units,
      pollMedianMs: round(median(pollMs)),
      pollP95Ms: round(quantile(pollMs, 0.95)),
      telemetryOnlyPollMedianMs: round(median(liteMs)),
      sleepAckMedianMs: round(median(ackMs)),
      sleepConfirmMedianMs: round(median(confirmMs)),
      sleepConfirmOverScheduleMedianMs: round(median(overMs)),
      rssMb: round(process.memoryUsage().rss / 1024 / 1024),
      emulatorRssMb: round(processRssMb(emulator.pid as number)),
      failedReads,
    };
  } finally {
    emulator.kill("SIGTERM");
    await new Promise((r) => emulator.once("exit", r));
  }
}

function printTable(r: SizeResult): void {
  process.stdout.write(
    [
      `units ${r.units}`,
      `  full telemetry poll (litestats+summary+pools)  median ${r.pollMedianMs} ms  p95 ${r.pollP95Ms} ms`,
      `  telemetry-only poll (litestats)                median ${r.telemetryOnlyPollMedianMs} ms`,
      `  sleep to all units: all acknowledged           median ${r.sleepAckMedianMs} ms`,
      `  sleep to all units: all confirmed              median ${r.sleepConfirmMedianMs} ms (${r.sleepConfirmOverScheduleMedianMs} ms after the scheduled soft-off second)`,
      `  poller RSS ${r.rssMb} MB · emulator RSS ${r.emulatorRssMb} MB · failed reads ${r.failedReads}`,
      "",
    ].join("\n"),
  );
}

const small = await measure(558, "127.0.1.1");
printTable(small);
const large = await measure(5000, "127.0.1.1");
printTable(large);
const pick = (r: SizeResult) => ({
  pollMedianMs: r.pollMedianMs,
  pollP95Ms: r.pollP95Ms,
  telemetryOnlyPollMedianMs: r.telemetryOnlyPollMedianMs,
  sleepAckMedianMs: r.sleepAckMedianMs,
  sleepConfirmMedianMs: r.sleepConfirmMedianMs,
  sleepConfirmOverScheduleMedianMs: r.sleepConfirmOverScheduleMedianMs,
  rssMb: r.rssMb,
  emulatorRssMb: r.emulatorRssMb,
  failedReads: r.failedReads,
});
process.stdout.write(
  `${JSON.stringify({ units: 558, ...pick(small), units5000: { units: 5000, ...pick(large) } })}\n`,
);
