import type { Command } from "commander";
import {
  DEFAULT_API_PORT,
  DEFAULT_BASE_ADDRESS,
  type EmulatedSite,
  FAULT_KINDS,
  FIRMWARE,
  parseFaultSpec,
  startEmulatedSite,
  type UnitFault,
} from "../../emulator/index.js";

interface EmulateOpts {
  units: string;
  baseAddress: string;
  port: string;
  speed: string;
  fault: string[];
  initial: string;
  mode?: string;
  seed: string;
  softonNoReply?: boolean;
  shareAddress?: boolean;
}

function intOption(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} "${text}": expected an integer ${min} … ${max}`);
  return n;
}

function describeFault(f: UnitFault): string {
  return f.kind === "slow" ? `slow (${f.delayMs} ms)` : f.kind;
}

function summary(site: EmulatedSite, opts: { speed: number; port: number; faults: string[] }): string {
  const { model, physics, units } = site;
  const p = physics.params;
  const first = units[0];
  const last = units[units.length - 1];
  const range =
    first && last && first.host !== last.host ? `${first.host} … ${last.host}` : (first?.host ?? "");
  const snap = site.snapshot();
  const modes = model.modes.map((m) => `${m.mode} ${m.name} ${m.powerW} W ${m.hashrateThs} TH/s`).join(" · ");
  const phases = Object.entries(snap.unitsByPhase)
    .filter(([, n]) => n > 0)
    .map(([phase, n]) => `${n} ${phase}`)
    .join(", ");
  // Ephemeral ports are not contiguous: list them when there are few enough to read.
  const portText =
    opts.port !== 0
      ? `port ${opts.port}`
      : units.length <= 16
        ? `ports ${units.map((u) => u.port).join(", ")}`
        : "ephemeral ports";
  return [
    `Emulating ${units.length} × ${FIRMWARE.prod} (${model.model}) on ${range}, ${portText}`,
    `Firmware ${FIRMWARE.version} · cgminer ${FIRMWARE.cgminer} API ${FIRMWARE.api} · emulated time ×${opts.speed}`,
    `Modes: ${modes} · standby ${model.standbyPowerW} W`,
    `Wake: ${p.bootS} s boot + ${p.rampS} s ramp · soft-off ${p.softOffFallS} s · coolant ${p.coolantInletC} °C in at ${p.coolantFlowLPerMin} L/min, trip ${p.outletTripC} °C out`,
    `Now: ${phases} · ${(snap.wallPowerW / 1000).toFixed(1)} kW · ${(snap.hashrateThs / 1000).toFixed(2)} PH/s`,
    ...opts.faults,
    "Ctrl-C to stop.",
  ].join("\n");
}

export function registerEmulate(program: Command): void {
  program
    .command("emulate")
    .description("Run protocol-faithful virtual Avalon A1566HA units on loopback addresses, one per unit")
    .requiredOption("--units <n>", "number of units")
    .option("--base-address <ip>", "address of the first unit; the rest follow it", DEFAULT_BASE_ADDRESS)
    .option("--port <port>", "API port of every unit (0 = ephemeral)", String(DEFAULT_API_PORT))
    .option(
      "--share-address",
      "all units on --base-address with ephemeral ports (for systems without 127/8 loopback)",
    )
    .option("--speed <x>", "emulated time runs this many times faster than wall time", "1")
    .option(
      "--fault <kind:share>",
      `misbehave on a share of units; kinds: ${FAULT_KINDS.join(", ")} (slow@<ms>:<share> sets the delay); repeatable`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--initial <state>", "hashing or sleeping", "hashing")
    .option("--mode <m>", "initial work mode (default: the model's Standard)")
    .option("--seed <n>", "fixes identities, per-unit variation and fault selection", "1")
    .option("--softon-no-reply", "close the connection without replying to soft-on, as some firmware does")
    .action(async (opts: EmulateOpts) => {
      const units = intOption("units", opts.units, 1, 65_536);
      const port = opts.shareAddress ? 0 : intOption("port", opts.port, 0, 65_535);
      const speed = Number(opts.speed);
      if (!(speed > 0) || !Number.isFinite(speed))
        throw new Error(`--speed "${opts.speed}": expected a number > 0`);
      if (opts.initial !== "hashing" && opts.initial !== "sleeping") {
        throw new Error(`--initial "${opts.initial}": expected hashing or sleeping`);
      }
      const seed = intOption("seed", opts.seed, 0);
      const faults = opts.fault.map(parseFaultSpec);

      const site = await startEmulatedSite({
        units,
        baseAddress: opts.baseAddress,
        port,
        speed,
        initial: opts.initial,
        seed,
        ...(opts.mode === undefined ? {} : { workMode: intOption("mode", opts.mode, 0) }),
        ...(opts.softonNoReply ? { quirks: { softonNoReply: true } } : {}),
        ...(opts.shareAddress ? { shareAddress: true } : {}),
      });
      const faultLines: string[] = [];
      for (const [i, { fault, share }] of faults.entries()) {
        const chosen = await site.setFault({ share, seed: seed * 1000 + i }, fault);
        faultLines.push(
          `Fault: ${describeFault(fault)} on ${chosen.length} units (${(share * 100).toFixed(1)} %)`,
        );
      }
      process.stdout.write(`${summary(site, { speed, port, faults: faultLines })}\n`);

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          process.stdout.write(`\n${signal}: stopping ${units} units…\n`);
          site.stop().then(resolve, resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.stdout.write("Stopped.\n");
    });
}
