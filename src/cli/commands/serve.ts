import type { Command } from "commander";
import { defaultDashboardDir, registerDashboard } from "../../api/dashboard/index.js";
import { MqttStatePublisher } from "../../api/integrations/mqtt-publisher.js";
import { TickRecorder } from "../../api/runtime/tick-recorder.js";
import { buildApi } from "../../api/server.js";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import { CgminerScheduler } from "../../drivers/protocols/cgminer/scheduler.js";
import { connectConfiguredFleet, signalHubFromConfig } from "../../runtime/assemble.js";
import { systemClock } from "../../runtime/clock.js";
import { drSettingsFromConfig } from "../../runtime/dr-performance.js";
import { resolveDataDir } from "../../store/data-dir.js";
import { openStore } from "../../store/open-store.js";
import { assembleSiteLoop, replayOffsetMs } from "../site-loop.js";
import { storeChoiceOf } from "../store-arg.js";
import { tickLine } from "../tick-line.js";
import { runUntilSignalled } from "./run.js";

interface ServeOptions {
  config: string;
  dataDir?: string;
  listen: string;
  secureCookies?: boolean;
  publicMetrics?: boolean;
  trustProxy?: boolean;
  mqttUrl?: string;
  mqttPrefix?: string;
  haPrefix: string;
  unitSampleS: string;
  quiet?: boolean;
}

/** "127.0.0.1:8080", "[::1]:8080" or ":8080" (all interfaces). */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || !(port >= 0 && port <= 65_535))
    throw new Error(`--listen "${s}": expected host:port, e.g. 127.0.0.1:8080`);
  return { host: m[1] ?? (m[2] === "" ? "0.0.0.0" : (m[2] ?? "0.0.0.0")), port };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Run the control loop with the HTTP API, /metrics, the live stream and MQTT site state")
    .requiredOption("--config <file>", "site configuration (see examples/reference-site.yaml)")
    .option(
      "--data-dir <dir>",
      "data directory (default: storage.dataDir, $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)",
    )
    .option("--listen <host:port>", "where the API listens", "127.0.0.1:8080")
    .option("--secure-cookies", "mark the session cookie Secure (the API is reached over HTTPS)")
    .option("--public-metrics", "serve /metrics without a token")
    .option(
      "--trust-proxy",
      "take client addresses from X-Forwarded-For (behind your own reverse proxy only)",
    )
    .option(
      "--mqtt-url <url>",
      "publish site state and Home Assistant discovery here (default: signals.mqtt.url, if set)",
    )
    .option("--mqtt-prefix <topic>", "state topics under this prefix (default gridminer/<site id>)")
    .option(
      "--ha-prefix <topic>",
      'Home Assistant discovery prefix; "none" to switch discovery off',
      "homeassistant",
    )
    .option("--unit-sample-s <s>", "store each unit's telemetry this often", "60")
    .option("--quiet", "no line per tick")
    .action(async (opts: ServeOptions) => {
      // A ConfigError reaches main, which prints every problem and exits with 2.
      const cfg = loadConfigFile(configSchema, opts.config);
      const listen = parseListen(opts.listen);
      const unitSampleS = Number(opts.unitSampleS);
      if (!(unitSampleS >= 0))
        throw new Error(`--unit-sample-s "${opts.unitSampleS}": expected a number ≥ 0`);
      const log = (line: string) => process.stderr.write(`gridminer: ${line}\n`);
      const clock = systemClock;
      const dataDir = opts.dataDir ?? cfg.storage.dataDir;
      const { store, where } = await openStore(storeChoiceOf(cfg, dataDir));
      log(`site "${cfg.site.name}", store ${where}`);
      const { trackers, problems } = await connectConfiguredFleet(
        cfg,
        new CgminerScheduler({ maxInFlight: cfg.fleet.maxConcurrency }),
        clock,
      );
      for (const p of problems) log(`${p.unit}: ${p.error} (left out)`);
      log(`${trackers.length} units under control`);
      const running = await signalHubFromConfig(cfg, clock);
      const offset = replayOffsetMs(cfg, clock);
      const { planning, runtime, controller } = assembleSiteLoop({
        cfg,
        clock,
        store,
        trackers,
        running,
        dataDir: resolveDataDir(dataDir),
        log,
        onTick: (t) => {
          if (!opts.quiet)
            process.stdout.write(
              `${tickLine(t, { timeZone: cfg.site.timezone, recordedOffsetMs: offset })}\n`,
            );
        },
      });
      const api = await buildApi({
        demandResponse: drSettingsFromConfig(cfg),
        runtime,
        store,
        secureCookies: opts.secureCookies ?? false,
        publicMetrics: opts.publicMetrics ?? false,
        trustProxy: opts.trustProxy ?? false,
        log,
      });
      // Before the first request: fastify takes no new routes once it has started serving.
      await registerDashboard(api.app, { distDir: defaultDashboardDir(), log });
      const url = await api.listen(listen.host, listen.port);
      log(`API on ${url} (OpenAPI at ${url}/openapi.json, metrics at ${url}/metrics)`);
      const recorder = new TickRecorder(store, runtime, {
        unitSampleMs: unitSampleS * 1000,
        onError: (e) => log(`telemetry write failed: ${String(e)}`),
      });
      recorder.start();
      const broker = opts.mqttUrl ?? cfg.signals.mqtt?.url;
      let publisher: MqttStatePublisher | undefined;
      if (broker !== undefined) {
        const sameBroker = opts.mqttUrl === undefined ? cfg.signals.mqtt : undefined;
        publisher = new MqttStatePublisher(runtime, {
          url: broker,
          ...(sameBroker?.username === undefined ? {} : { username: sameBroker.username }),
          ...(sameBroker?.password === undefined ? {} : { password: sameBroker.password }),
          ...(opts.mqttPrefix === undefined ? {} : { topicPrefix: opts.mqttPrefix }),
          discoveryPrefix: opts.haPrefix === "none" ? null : opts.haPrefix,
          minIntervalMs: cfg.control.intervalS * 1000,
          onError: (e) => log(`mqtt state: ${e.message}`),
        });
        publisher.start();
        log(`site state to ${broker} on ${publisher.stateTopic}`);
      }
      await runUntilSignalled(controller, async () => {
        await publisher?.stop();
        await recorder.stop();
        await api.close();
        await planning?.close();
        await running.stop();
        await store.close();
      });
    });
}
