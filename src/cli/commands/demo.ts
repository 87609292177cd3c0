import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { defaultDashboardDir, registerDashboard } from "../../api/dashboard/index.js";
import { TickRecorder } from "../../api/runtime/tick-recorder.js";
import { buildApi } from "../../api/server.js";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import { CgminerScheduler } from "../../drivers/protocols/cgminer/scheduler.js";
import { startEmulatedSite } from "../../emulator/index.js";
import { connectConfiguredFleet, signalHubFromConfig } from "../../runtime/assemble.js";
import { drSettingsFromConfig } from "../../runtime/dr-performance.js";
import { expandTargets } from "../../runtime/fleet/targets.js";
import { DEFAULT_CLIENTS } from "../../signals/openadr3/vtn/options.js";
import { startVtn } from "../../signals/openadr3/vtn/server.js";
import { resolveDataDir } from "../../store/data-dir.js";
import { openStore } from "../../store/open-store.js";
import { fillDemoHistory } from "../demo-history.js";
import { assembleSiteLoop, replayOffsetMs } from "../site-loop.js";
import { tickLine } from "../tick-line.js";
import { runUntilSignalled } from "./run.js";
import { instructions } from "./vtn.js";

const DEMO_CONFIG = fileURLToPath(new URL("../../../../examples/demo-site.yaml", import.meta.url));
const DEMO_CONFIG_SRC = fileURLToPath(new URL("../../../examples/demo-site.yaml", import.meta.url));

/** Like days for a High 4 of 5 baseline: before the bundled replay day (a Sunday) nine days hold six weekdays and three weekend days. */
const HISTORY_DAYS = 9;

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "The whole system on embedded defaults: an emulated A1566HA site following recorded Kyushu data",
    )
    .option("--config <file>", "demo configuration", "")
    .option("--speed <x>", "emulated time runs this many times faster than wall time", "30")
    .option("--data-dir <dir>", "data directory (default: $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)")
    .option("--duration <s>", "stop after this many wall-clock seconds (default: run until Ctrl-C)")
    .option("--listen <port>", "dashboard and API on 127.0.0.1:<port>", "8787")
    .option(
      "--vtn [port]",
      "also run a local OpenADR 3.1.0 VTN on 127.0.0.1 (default port 8080) that the site follows",
    )
    .action(
      async (opts: {
        config: string;
        speed: string;
        dataDir?: string;
        duration?: string;
        vtn?: string | boolean;
        listen: string;
      }) => {
        const speed = Number(opts.speed);
        if (!(speed >= 1 && speed <= 100))
          throw new Error(`--speed "${opts.speed}": expected a number 1 … 100`);
        const file = opts.config !== "" ? opts.config : await firstExisting([DEMO_CONFIG, DEMO_CONFIG_SRC]);
        const loaded = loadConfigFile(configSchema, file);
        const vtn =
          opts.vtn === undefined || opts.vtn === false
            ? undefined
            : await startDemoVtn(opts.vtn === true ? 8080 : Number(opts.vtn));
        const cfg = vtn
          ? {
              ...loaded,
              signals: {
                ...loaded.signals,
                openadr3: {
                  version: "3.1.0" as const,
                  vtnUrl: vtn.url,
                  venName: "kyushu-pilot",
                  clientId: "ven_client",
                  clientSecret: "999",
                  pollIntervalS: 2,
                },
              },
            }
          : loaded;
        const endpoints = cfg.fleet.groups.flatMap((g) => expandTargets(g.targets, { defaultPort: g.port }));
        const first = endpoints[0];
        if (!first) throw new Error(`${file}: no units`);

        const dataDir = resolveDataDir(opts.dataDir);
        const { store } = await openStore({ driver: "sqlite", dataDir });
        if (cfg.signals.replayFrom !== undefined) {
          const filled = await fillDemoHistory(store, cfg, Date.parse(cfg.signals.replayFrom), HISTORY_DAYS);
          if (filled)
            process.stdout.write(
              `Simulated the site's history for ${filled.from} … ${filled.to} from the bundled Kyushu records, so demand-response baselines have like days\n`,
            );
        }
        process.stdout.write(
          `Starting ${endpoints.length} emulated A1566HA units from ${first.host} (time ×${speed}) …\n`,
        );
        const site = await startEmulatedSite({
          units: endpoints.length,
          baseAddress: first.host,
          speed,
          initial: "sleeping",
          seed: 1,
          // The emulated site lives on the replayed day, so recorded prices and plans line up with its clock.
          ...(cfg.signals.replayFrom === undefined ? {} : { startMs: Date.parse(cfg.signals.replayFrom) }),
        });
        const clock = site.clock;
        const scheduler = new CgminerScheduler({ maxInFlight: cfg.fleet.maxConcurrency });
        const { trackers, problems } = await connectConfiguredFleet(cfg, scheduler, clock);
        for (const p of problems) process.stderr.write(`gridminer: ${p.unit}: ${p.error}\n`);
        const running = await signalHubFromConfig(cfg, clock, {
          onProblem: (text) => process.stderr.write(`gridminer: ${text}\n`),
        });
        if (vtn) process.stdout.write(`\n${instructions(vtn.url, "3.1.0", DEFAULT_CLIENTS)}`);
        const hub = running.hub;
        const offset = replayOffsetMs(cfg, clock);
        process.stdout.write(
          [
            `${trackers.length} units under control · policy ${cfg.control.policy} · decisions every ${cfg.control.intervalS} s of emulated time`,
            `Replaying ${cfg.signals.replayFrom ?? "live time"} (Kyushu TSO curtailment, JEPX ${cfg.signals.price.source === "jepx" ? cfg.signals.price.area : "-"}); decision log in ${dataDir} (gridminer log)`,
            "Ctrl-C to stop.",
            "",
          ].join("\n"),
        );
        const log = (line: string) => process.stderr.write(`gridminer: ${line}\n`);
        const { planning, runtime, controller } = assembleSiteLoop({
          cfg,
          clock,
          store,
          trackers,
          running,
          dataDir,
          log: log,
          intervalMs: (cfg.control.intervalS * 1000) / speed,
          onTick: (t) => {
            const surplus = hub.read(t.decision.nowMs).surplusW;
            const s = surplus?.ok ? ` · surplus ${(surplus.value / 1e6).toFixed(2)} MW` : "";
            process.stdout.write(
              `${tickLine(t, { timeZone: cfg.site.timezone, recordedOffsetMs: offset, measuredW: site.totalWallPowerW() })}${s}\n`,
            );
          },
        });
        const api = await buildApi({
          demandResponse: drSettingsFromConfig(cfg),
          runtime,
          store,
          secureCookies: false,
          publicMetrics: false,
          trustProxy: false,
          log: () => undefined,
        });
        await registerDashboard(api.app, { distDir: defaultDashboardDir(), log: log });
        const port = Number(opts.listen);
        if (!Number.isInteger(port) || port < 0 || port > 65_535)
          throw new Error(`--listen "${opts.listen}": expected a port`);
        const url = await api.listen("127.0.0.1", port);
        const recorder = new TickRecorder(store, runtime, {
          unitSampleMs: 60_000,
          onError: (e) => log(`telemetry write failed: ${String(e)}`),
        });
        recorder.start();
        process.stdout.write(
          api.setupToken === undefined
            ? `Dashboard: ${url}/ (log in with your admin account)\n\n`
            : `Dashboard: ${url}/  — first visit: create the admin with the one-time setup token ${api.setupToken}\n\n`,
        );
        const close = async () => {
          await recorder.stop();
          await api.close();
          await store.close();
          await planning?.close();
          await running.stop();
          await site.stop();
          await vtn?.close();
        };
        if (opts.duration !== undefined) {
          const ms = Number(opts.duration) * 1000;
          setTimeout(() => process.kill(process.pid, "SIGTERM"), ms).unref();
        }
        await runUntilSignalled(controller, close);
      },
    );
}

async function startDemoVtn(port: number): Promise<{ url: string; close(): Promise<void> }> {
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`--vtn "${port}": expected a port number`);
  const server = await startVtn({ version: "3.1.0", clients: DEFAULT_CLIENTS, host: "127.0.0.1", port });
  return { url: server.url, close: () => server.close() };
}

async function firstExisting(paths: string[]): Promise<string> {
  const { existsSync } = await import("node:fs");
  const found = paths.find((p) => existsSync(p));
  if (!found) throw new Error(`demo configuration not found (looked in ${paths.join(", ")})`);
  return found;
}
