// The running system the API bench measures: the emulated reference site in one process, `gridminer serve` on a
// configuration derived from examples/reference-site.yaml in another, each in its own process group so that a
// failed run leaves nothing behind.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { addressRangeEndpoints } from "./support.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin", "gridminer.js");
export const DASHBOARD_INDEX = join(ROOT, "dist", "web", "index.html");
const REFERENCE = join(ROOT, "examples", "reference-site.yaml");

const children = new Set<ChildProcess>();

/** Starts `node <args>` as the leader of a new process group, remembered for stopAll(). */
export function startNode(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(process.execPath, args, { detached: true, stdio: ["pipe", "pipe", "pipe"], env });
  // Output nobody reads must still be drained, or a full pipe would stall the child.
  child.stdout?.on("data", () => undefined);
  child.stderr?.on("data", () => undefined);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** SIGTERM to the child's whole group, SIGKILL if it is still there after a grace period. */
export async function stopGroup(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), s);
    } catch {
      // The group is gone already.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stopGroup(c)));
}

/** Resolves with the first match of `pattern` in the child's output; rejects if the child exits first. */
function waitForOutput(
  child: ChildProcess,
  stream: "stdout" | "stderr",
  pattern: RegExp,
  what: string,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => fail(new Error(`${what}: nothing after ${timeoutMs} ms`)), timeoutMs);
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = pattern.exec(text);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`${what}: exited with ${code}`));
    const cleanup = () => {
      clearTimeout(timer);
      child[stream]?.off("data", onData);
      child.off("exit", onExit);
    };
    const fail = (e: Error) => {
      cleanup();
      reject(new Error(`${e.message}\n${text.slice(-2000)}`));
    };
    child[stream]?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Keeps the last lines a child wrote, to show when it fails. */
function tail(child: ChildProcess, stream: "stdout" | "stderr"): () => string {
  let text = "";
  child[stream]?.on("data", (d: Buffer) => {
    text = (text + d.toString()).slice(-4000);
  });
  return () => text;
}

export async function startEmulator(units: number, baseAddress: string): Promise<ChildProcess> {
  const child = startNode([BIN, "emulate", "--units", String(units), "--base-address", baseAddress]);
  tail(child, "stderr");
  await waitForOutput(child, "stdout", /Ctrl-C to stop\./, "emulator", 60_000);
  return child;
}

/**
 * The reference site's configuration with its fleet on the emulated addresses and signals that work offline: a
 * 10 MW co-located plant's surplus and JEPX Kyushu prices replayed from a recorded curtailment day (as the demo
 * does), the bundled 1-second frequency recording, constant hashprice and ambient temperature. The day-ahead
 * planner runs, so that /api/plan has a plan to serve and its memory counts.
 */
export function writeSiteConfig(file: string, dataDir: string, units: number, baseAddress: string): void {
  const cfg = parse(readFileSync(REFERENCE, "utf8")) as Record<string, unknown>;
  const endpoints = addressRangeEndpoints(baseAddress, units, 4028);
  const first = endpoints[0]?.host;
  const last = endpoints[endpoints.length - 1]?.host;
  const fleet = cfg.fleet as Record<string, unknown>;
  cfg.site = { ...(cfg.site as object), name: "Kyushu flexible-load pilot (emulated)" };
  fleet.groups = [{ name: "hall", model: "A1566HA", targets: [`${first}-${last}`] }];
  cfg.signals = {
    replayFrom: "2023-04-09T08:00:00+09:00",
    surplus: { source: "kyushu-plant", plantCapacityMw: 10 },
    price: { source: "jepx", area: "kyushu", adderJpyPerKwh: 5 },
    hashprice: { source: "constant", jpyPerThDay: 10.5 },
    ambient: { source: "constant", temperatureC: 20 },
    frequency: { source: "replay" },
    curtailmentNotices: { source: "derived" },
  };
  cfg.planner = { enabled: true };
  cfg.storage = { driver: "sqlite", dataDir };
  writeFileSync(file, stringify(cfg));
}

/** Runs a `gridminer` command to completion, with `input` on its stdin; returns its stdout. */
async function cli(args: string[], input = ""): Promise<string> {
  const child = startNode([BIN, ...args]);
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  child.stdin?.end(input);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`gridminer ${args.slice(0, 2).join(" ")}: exit ${code}\n${err}`);
  return out;
}

export interface Credentials {
  username: string;
  password: string;
  /** A viewer token for the load generator. */
  token: string;
}

/** An admin for the browser and a viewer token for the load generator, through the CLI as an operator would. */
export async function createCredentials(dataDir: string): Promise<Credentials> {
  const username = "bench-admin";
  const password = `bench ${Math.random().toString(36).slice(2)} password`;
  await cli(
    ["users", "add", username, "--role", "admin", "--password-stdin", "--data-dir", dataDir],
    password,
  );
  const out = await cli(["users", "token", "--name", "bench-api", "--role", "viewer", "--data-dir", dataDir]);
  const token = /gm_\S+/.exec(out)?.[0];
  if (!token) throw new Error(`gridminer users token printed no token: ${out}`);
  return { username, password, token };
}

export interface Server {
  child: ChildProcess;
  url: string;
  unitsUnderControl: number;
  /** The last lines of its log, for error messages. */
  log: () => string;
}

export async function startServe(configFile: string, dataDir: string): Promise<Server> {
  const child = startNode([
    BIN,
    "serve",
    "--config",
    configFile,
    "--data-dir",
    dataDir,
    "--listen",
    "127.0.0.1:0",
    "--quiet",
  ]);
  const log = tail(child, "stderr");
  const m = await waitForOutput(
    child,
    "stderr",
    /(\d+) units under control[\s\S]*API on (http:\/\/\S+)/,
    "gridminer serve",
    120_000,
  );
  return { child, url: m[2] as string, unitsUnderControl: Number(m[1]), log };
}

/** Until the control loop has ticked (so every unit has telemetry) and the API answers with the token. */
export async function waitForFirstTick(url: string, token: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/site`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { atMs?: number | null };
      if (res.ok && typeof body.atMs === "number") return;
      last = `${res.status} ${JSON.stringify(body).slice(0, 200)}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no tick after ${timeoutMs} ms (last answer: ${last})`);
}

export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** User plus system CPU seconds of a process so far (clock ticks of 1/100 s, as on every Linux we run on). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface RssSample {
  phase: string;
  serveMb: number;
  emulatorMb: number;
}

/** VmRSS of the server and the emulator once a second, tagged with what the bench was doing. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  phase = "idle";
  private timer: NodeJS.Timeout | undefined;
  private readonly servePid: number;
  private readonly emulatorPid: number;

  constructor(servePid: number, emulatorPid: number) {
    this.servePid = servePid;
    this.emulatorPid = emulatorPid;
  }

  start(): void {
    const sample = () =>
      this.samples.push({
        phase: this.phase,
        serveMb: rssMb(this.servePid),
        emulatorMb: rssMb(this.emulatorPid),
      });
    sample();
    this.timer = setInterval(sample, 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
