// API and dashboard bench of the whole running system on the reference site: 558 emulated A1566HA units in one
// process, `gridminer serve` (control loop, store, planner, API, dashboard) in another, an open-loop load
// generator in a third and Debian's Chromium for the dashboard. Prints what it does, a table, and last one JSON
// line. Figures are medians over repeats (the machine has two noisy cores).
//   npm run bench:api          (BENCH_API_RATE, BENCH_API_DURATION_S, BENCH_API_RUNS, BENCH_DASHBOARD_LOADS,
//                               BENCH_LIVE_S change the defaults below)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DashboardOutcome, measureDashboard } from "./api-dashboard.js";
import type { LoadResult } from "./api-load.js";
import {
  cpuSeconds,
  createCredentials,
  RssSampler,
  rssMb,
  startEmulator,
  startNode,
  startServe,
  stopAll,
  waitForFirstTick,
  writeSiteConfig,
} from "./api-site.js";
import { median, round } from "./api-stats.js";

const UNITS = 558;
const BASE_ADDRESS = "127.0.90.1";
const LOAD_SCRIPT = fileURLToPath(new URL("./api-load.js", import.meta.url));

function envNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!(n > 0)) throw new Error(`${name}="${text}": expected a positive number`);
  return n;
}

const RATE = envNumber("BENCH_API_RATE", 200);
const DURATION_S = envNumber("BENCH_API_DURATION_S", 30);
const RUNS = Math.round(envNumber("BENCH_API_RUNS", 3));
const LOADS = Math.round(envNumber("BENCH_DASHBOARD_LOADS", 5));
const LIVE_S = envNumber("BENCH_LIVE_S", 30);
const IDLE_S = 10;
const WARMUP_S = 5;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runLoad(url: string, token: string, durationS: number): Promise<LoadResult> {
  const child = startNode(
    [LOAD_SCRIPT, "--url", url, "--rate", String(RATE), "--duration", String(durationS)],
    { ...process.env, GRIDMINER_TOKEN: token },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const last = out.trim().split("\n").pop() ?? "";
  if (code !== 0 || !last.startsWith("{")) throw new Error(`load generator: exit ${code}\n${err}${out}`);
  return JSON.parse(last) as LoadResult;
}

interface ApiRun extends LoadResult {
  serveCpuPct: number;
}

async function measureApi(url: string, token: string, servePid: number): Promise<ApiRun[]> {
  say(`API: warm-up ${WARMUP_S} s, then ${RUNS} × ${DURATION_S} s at ${RATE} req/s (read mix)`);
  await runLoad(url, token, WARMUP_S);
  const runs: ApiRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu0 = cpuSeconds(servePid);
    const t0 = performance.now();
    const r = await runLoad(url, token, DURATION_S);
    const serveCpuPct = round(((cpuSeconds(servePid) - cpu0) / ((performance.now() - t0) / 1000)) * 100);
    runs.push({ ...r, serveCpuPct });
    // Requests sent late were held up by this machine, not by the server: the run's latencies are suspect.
    const late = r.sendLagP99Ms > 10 ? " · the generator ran late (busy machine)" : "";
    say(
      `  run ${i + 1}: ${r.responses}/${r.requests} answered · p50 ${r.p50Ms} ms · p90 ${r.p90Ms} ms · p99 ${r.p99Ms} ms · max ${r.maxMs} ms · ${r.rateRps} req/s · non-2xx ${r.non2xx} · errors ${r.errors} · send lag p99 ${r.sendLagP99Ms} ms · serve CPU ${serveCpuPct} %${late}`,
    );
    await sleep(2000);
  }
  const labels = [...new Set(runs.flatMap((r) => Object.keys(r.paths)))];
  const perPath = labels.map((l) => {
    const of = (f: (p: { n: number; p50Ms: number; p99Ms: number }) => number) =>
      round(median(runs.flatMap((r) => (r.paths[l] ? [f(r.paths[l])] : []))), 2);
    return `${l} ${of((p) => p.p50Ms)}/${of((p) => p.p99Ms)}`;
  });
  say(`  by endpoint, p50/p99 ms (medians of runs): ${perPath.join(" · ")}`);
  return runs;
}

function rssFigures(sampler: RssSampler) {
  const serve = sampler.samples.map((s) => s.serveMb).filter(Number.isFinite);
  const phase = (p: string) =>
    round(median(sampler.samples.filter((s) => s.phase === p).map((s) => s.serveMb)));
  const peak = sampler.samples.reduce((a, b) => (b.serveMb > a.serveMb ? b : a));
  return {
    rssMb: round(median(serve)),
    rssMaxMb: round(Math.max(...serve)),
    rssMaxPhase: peak.phase,
    rssIdleMb: phase("idle"),
    rssApiMb: phase("api"),
    rssDashboardMb: phase("dashboard"),
    emulatorRssMb: round(median(sampler.samples.map((s) => s.emulatorMb).filter(Number.isFinite))),
    rssSamples: serve.length,
  };
}

function report(
  started: number,
  url: string,
  runs: ApiRun[],
  dash: DashboardOutcome,
  rss: ReturnType<typeof rssFigures>,
) {
  const m = (f: (r: ApiRun) => number) => round(median(runs.map(f)), 2);
  const api = {
    apiP50Ms: m((r) => r.p50Ms),
    apiP99Ms: m((r) => r.p99Ms),
    apiRequests: Math.round(median(runs.map((r) => r.responses))),
    apiNon2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    apiErrors: runs.reduce((s, r) => s + r.errors, 0),
    apiRateRps: round(median(runs.map((r) => r.rateRps))),
    apiServeCpuPct: round(median(runs.map((r) => r.serveCpuPct))),
  };
  const browser =
    "skipped" in dash
      ? {
          dashboardLoadMs: null,
          liveUpdateScriptMs: null,
          liveUpdateTaskMs: null,
          liveUpdateBytes: null,
          liveSseMessageBytes: null,
          liveUpdates: null,
          browserSkipped: dash.skipped,
        }
      : {
          dashboardLoadMs: round(median(dash.loadMs)),
          dashboardLoadMaxMs: round(Math.max(...dash.loadMs)),
          liveUpdateScriptMs: dash.scriptMsPerUpdate,
          liveUpdateTaskMs: dash.taskMsPerUpdate,
          liveUpdateBytes: dash.bytesPerUpdate,
          liveSseMessageBytes: dash.sseMessageBytes,
          liveUpdates: dash.updates,
          pageErrors: dash.pageErrors.length,
        };
  const benchS = Math.round((performance.now() - started) / 1000);
  say("");
  say(`gridminer serve on ${url}, ${UNITS} emulated A1566HA units (${BASE_ADDRESS} …), two cores shared`);
  say(
    `  API, ${RATE} req/s open loop, ${runs.length} × ${DURATION_S} s   p50 ${api.apiP50Ms} ms · p99 ${api.apiP99Ms} ms · ${api.apiRateRps} req/s achieved · ${api.apiRequests} answers per run · non-2xx ${api.apiNon2xx} · errors ${api.apiErrors} · serve CPU ${api.apiServeCpuPct} %`,
  );
  if ("skipped" in dash) say(`  dashboard                           skipped: ${dash.skipped}`);
  else {
    say(
      `  dashboard load (map of ${UNITS} + power)  median ${browser.dashboardLoadMs} ms over ${dash.loadMs.length} fresh loads (${dash.loadMs.map((v) => round(v)).join(", ")})`,
    );
    say(
      `  live update (median per tick)         script ${dash.scriptMsPerUpdate} ms · main-thread tasks ${dash.taskMsPerUpdate} ms · ${Math.round(dash.bytesPerUpdate / 1024)} kB received (stream message ${dash.sseMessageBytes} B) · ${dash.updates} ticks in ${dash.liveWindowS} s`,
    );
    if (dash.pageErrors.length > 0) say(`  page errors: ${dash.pageErrors.slice(0, 5).join(" | ")}`);
  }
  say(
    `  serve RSS                             median ${rss.rssMb} MB · max ${rss.rssMaxMb} MB in the ${rss.rssMaxPhase} phase (idle ${rss.rssIdleMb}, under API load ${rss.rssApiMb}, dashboard open ${rss.rssDashboardMb}; target ≤ 300 MB)`,
  );
  say(`  emulator RSS (stands for the miners)  median ${rss.emulatorRssMb} MB`);
  say(`  took ${benchS} s`);
  say(JSON.stringify({ units: UNITS, ...browser, ...api, ...rss, benchS }));
}

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), "gridminer-bench-api-"));
let sampler: RssSampler | undefined;
let serverLog: (() => string) | undefined;
let cleaned = false;
const cleanup = async () => {
  if (cleaned) return;
  cleaned = true;
  sampler?.stop();
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
};
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the site …\n`);
    void cleanup().finally(() => process.exit(130));
  });

try {
  const dataDir = join(dir, "data");
  const configFile = join(dir, "site.yaml");
  say(`Emulating ${UNITS} A1566HA units from ${BASE_ADDRESS} …`);
  const emulator = await startEmulator(UNITS, BASE_ADDRESS);
  writeSiteConfig(configFile, dataDir, UNITS, BASE_ADDRESS);
  const creds = await createCredentials(dataDir);
  say("Admin and viewer token created with `gridminer users`; starting `gridminer serve` …");
  const server = await startServe(configFile, dataDir);
  serverLog = server.log;
  if (server.unitsUnderControl !== UNITS)
    throw new Error(`${server.unitsUnderControl} units under control, expected ${UNITS}`);
  await waitForFirstTick(server.url, creds.token);
  const servePid = server.child.pid as number;
  sampler = new RssSampler(servePid, emulator.pid as number);
  sampler.start();
  say(`Serving on ${server.url}, first tick done (RSS ${round(rssMb(servePid))} MB); idle ${IDLE_S} s`);
  await sleep(IDLE_S * 1000);

  sampler.phase = "api";
  const runs = await measureApi(server.url, creds.token, servePid);

  sampler.phase = "dashboard";
  say(`Dashboard: ${LOADS} fresh loads of the overview, then ${LIVE_S} s of live updates`);
  const dash = await measureDashboard(
    server.url,
    { username: creds.username, password: creds.password, units: UNITS, loads: LOADS, liveS: LIVE_S },
    say,
  );
  sampler.stop();
  report(started, server.url, runs, dash, rssFigures(sampler));
} catch (e) {
  // Stopping the children on Ctrl-C makes whatever step was running fail: that is no error to report.
  if (interrupted) await new Promise(() => undefined);
  process.stderr.write(`bench:api failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  const log = serverLog?.();
  if (log) process.stderr.write(`last lines of gridminer serve:\n${log}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
