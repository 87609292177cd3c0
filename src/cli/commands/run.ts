import type { Command } from "commander";
import { TickRecorder } from "../../api/runtime/tick-recorder.js";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import { CgminerScheduler } from "../../drivers/protocols/cgminer/scheduler.js";
import { connectConfiguredFleet, signalHubFromConfig } from "../../runtime/assemble.js";
import { systemClock } from "../../runtime/clock.js";
import type { SiteController } from "../../runtime/controller.js";
import { resolveDataDir } from "../../store/data-dir.js";
import { openStore } from "../../store/open-store.js";
import { assembleSiteLoop, replayOffsetMs } from "../site-loop.js";
import { storeChoiceOf } from "../store-arg.js";
import { tickLine } from "../tick-line.js";

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("Run the control loop for a site: poll, read signals, decide, actuate, record")
    .requiredOption("--config <file>", "site configuration (see examples/reference-site.yaml)")
    .option(
      "--data-dir <dir>",
      "data directory (default: storage.dataDir, $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)",
    )
    .option("--once", "run a single tick and exit")
    .option("--quiet", "no line per tick")
    .action(async (opts: { config: string; dataDir?: string; once?: boolean; quiet?: boolean }) => {
      // A ConfigError reaches main, which prints every problem and exits with 2.
      const cfg = loadConfigFile(configSchema, opts.config);
      const clock = systemClock;
      const dataDir = resolveDataDir(opts.dataDir ?? cfg.storage.dataDir);
      const { store, where } = await openStore(storeChoiceOf(cfg, dataDir));
      const scheduler = new CgminerScheduler({ maxInFlight: cfg.fleet.maxConcurrency });
      process.stderr.write(`gridminer: site "${cfg.site.name}", store ${where}\n`);
      const { trackers, problems } = await connectConfiguredFleet(cfg, scheduler, clock);
      for (const p of problems) process.stderr.write(`gridminer: ${p.unit}: ${p.error} (left out)\n`);
      process.stderr.write(`gridminer: ${trackers.length} units under control\n`);
      const running = await signalHubFromConfig(cfg, clock);
      const offset = replayOffsetMs(cfg, clock);
      const log = (line: string) => process.stderr.write(`gridminer: ${line}\n`);
      const { planning, runtime, controller } = assembleSiteLoop({
        cfg,
        clock,
        store,
        trackers,
        running,
        dataDir,
        log,
        onTick: (t) => {
          if (!opts.quiet)
            process.stdout.write(
              `${tickLine(t, { timeZone: cfg.site.timezone, recordedOffsetMs: offset })}\n`,
            );
        },
      });
      // Site telemetry and events go to the store as under `serve`: the demand-response baselines stand on them.
      const recorder = new TickRecorder(store, runtime, {
        onError: (e) => log(`telemetry write failed: ${String(e)}`),
      });
      if (opts.once) {
        const t = await controller.tick("once");
        running.publishTick(t);
        recorder.record(t);
        await recorder.stop();
        if (!opts.quiet)
          process.stdout.write(`${tickLine(t, { timeZone: cfg.site.timezone, recordedOffsetMs: offset })}\n`);
        await planning?.close();
        await running.stop();
        await store.close();
        return;
      }
      recorder.start();
      await runUntilSignalled(controller, async () => {
        await recorder.stop();
        await planning?.close();
        await running.stop();
        await store.close();
      });
    });
}

/** Starts the loop and stops it cleanly on SIGINT/SIGTERM: the tick in progress finishes, then storage closes. */
export async function runUntilSignalled(
  controller: SiteController,
  close: () => void | Promise<void>,
): Promise<void> {
  controller.start();
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      process.stderr.write(`\ngridminer: ${sig}, finishing the current tick\n`);
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      void controller
        .stop()
        .then(close)
        .then(() => resolve());
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}
