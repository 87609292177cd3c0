// Open-loop load generator for the API bench, run as its own process so that its CPU use is not the server's.
//   GRIDMINER_TOKEN=gm_… node dist/bench/api-load.js --url http://127.0.0.1:8080 --rate 200 --duration 30
// Request i is due at start + i / rate whatever happened to the earlier ones (no coordinated omission), and its
// latency counts from that due time to the last byte of the answer. Prints one JSON line (LoadResult).
//
// Hand-written rather than autocannon: autocannon's overallRate lets every connection send its whole quota for a
// second back to back at the start of that second (bursts of `rate` requests, then silence), and records whole
// milliseconds only.
import http from "node:http";
import { parseArgs } from "node:util";
import { quantile, round } from "./api-stats.js";

export interface PathStats {
  n: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadResult {
  requests: number;
  responses: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  rateRps: number;
  /** How late the generator sent requests (timer slack, CPU contention): large values make the run suspect. */
  sendLagP99Ms: number;
  bytes: number;
  paths: Record<string, PathStats>;
}

const HOUR_MS = 3_600_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A Prometheus server scraping every 15 s, on top of the mix. */
const SCRAPE_EVERY_MS = 15_000;

type Pick = (seq: number, units: readonly string[]) => { label: string; path: string };

const unitPath = (seq: number, units: readonly string[]) =>
  encodeURIComponent(units[seq % units.length] ?? "127.0.0.1:4028");

const site: Pick = () => ({ label: "site", path: "/api/site" });
const fleet: Pick = () => ({ label: "fleet", path: "/api/fleet" });
const signals: Pick = () => ({ label: "signals", path: "/api/signals" });
const unit: Pick = (seq, units) => ({ label: "unit", path: `/api/units/${unitPath(seq, units)}` });
const overrides: Pick = () => ({
  label: "overrides",
  path: `/api/overrides?sinceMs=${Date.now() - HOUR_MS}`,
});

/**
 * What dashboards and integrations read, in the proportions they read it: site state, the fleet and signals after
 * ticks, units, and now and then the slower pages (decisions, events, plan, history). Spread so that the heavy
 * answers (the fleet is ~110 kB) are not sent back to back.
 */
const MIX: readonly Pick[] = [
  site,
  fleet,
  signals,
  unit,
  overrides,
  site,
  () => ({ label: "decisions", path: "/api/decisions" }),
  unit,
  signals,
  fleet,
  site,
  () => ({ label: "events", path: `/api/events?sinceMs=${Date.now() - HOUR_MS}` }),
  (seq, units) => ({ label: "unit-history", path: `/api/units/${unitPath(seq, units)}/history` }),
  () => ({ label: "plan", path: "/api/plan" }),
  signals,
  fleet,
  site,
  unit,
  () => ({
    label: "site-history",
    path: `/api/history/site?sinceMs=${Date.now() - HOUR_MS}&resolution=raw`,
  }),
  overrides,
];

interface Sample {
  label: string;
  ms: number;
}

async function unitIds(url: string, auth: string): Promise<string[]> {
  const res = await fetch(`${url}/api/fleet`, { headers: { authorization: auth } });
  if (!res.ok) throw new Error(`GET /api/fleet: ${res.status}`);
  const body = (await res.json()) as { units: { id: string }[] };
  return body.units.map((u) => u.id);
}

async function run(url: string, token: string, rate: number, durationS: number): Promise<LoadResult> {
  const auth = `Bearer ${token}`;
  const units = await unitIds(url, auth);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const samples: Sample[] = [];
  const lags: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  let lastEnd = 0;
  const total = Math.round(rate * durationS);
  const intervalMs = 1000 / rate;
  const scrapes = Math.floor((durationS * 1000) / SCRAPE_EVERY_MS);
  const start = performance.now() + 20;
  const due: { atMs: number; pick: Pick; seq: number }[] = [];
  for (let i = 0; i < total; i++)
    due.push({ atMs: start + i * intervalMs, pick: MIX[i % MIX.length] as Pick, seq: i });
  for (let k = 0; k < scrapes; k++)
    due.push({
      atMs: start + (k + 0.5) * SCRAPE_EVERY_MS,
      pick: () => ({ label: "metrics", path: "/metrics" }),
      seq: k,
    });
  due.sort((a, b) => a.atMs - b.atMs);

  let outstanding = due.length;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const settle = () => {
    lastEnd = Math.max(lastEnd, performance.now());
    if (--outstanding === 0) finish();
  };

  const send = (atMs: number, label: string, path: string) => {
    lags.push(performance.now() - atMs);
    const req = http.get(`${url}${path}`, { agent, headers: { authorization: auth } }, (res) => {
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
        else samples.push({ label, ms: performance.now() - atMs });
        settle();
      });
      res.on("error", () => {
        errors++;
        settle();
      });
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", () => {
      errors++;
      settle();
    });
  };

  let next = 0;
  const pump = () => {
    const now = performance.now();
    while (next < due.length && (due[next]?.atMs ?? 0) <= now) {
      const d = due[next++] as (typeof due)[number];
      const { label, path } = d.pick(d.seq, units);
      send(d.atMs, label, path);
    }
    if (next < due.length) setTimeout(pump, Math.max(0, (due[next]?.atMs ?? now) - performance.now()));
  };
  setTimeout(pump, Math.max(0, start - performance.now()));
  await done;
  agent.destroy();

  const ms = samples.map((s) => s.ms);
  const paths: Record<string, PathStats> = {};
  for (const label of new Set(samples.map((s) => s.label))) {
    const v = samples.filter((s) => s.label === label).map((s) => s.ms);
    paths[label] = { n: v.length, p50Ms: round(quantile(v, 0.5), 2), p99Ms: round(quantile(v, 0.99), 2) };
  }
  const responses = samples.length + non2xx;
  return {
    requests: due.length,
    responses,
    non2xx,
    errors,
    p50Ms: round(quantile(ms, 0.5), 2),
    p90Ms: round(quantile(ms, 0.9), 2),
    p99Ms: round(quantile(ms, 0.99), 2),
    maxMs: round(Math.max(...ms), 2),
    rateRps: round(responses / ((lastEnd - start) / 1000), 1),
    sendLagP99Ms: round(quantile(lags, 0.99), 2),
    bytes,
    paths,
  };
}

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    rate: { type: "string", default: "200" },
    duration: { type: "string", default: "30" },
  },
});
const token = process.env.GRIDMINER_TOKEN;
const rate = Number(values.rate);
const durationS = Number(values.duration);
if (!values.url || !token || !(rate > 0) || !(durationS > 0)) {
  process.stderr.write(
    "usage: GRIDMINER_TOKEN=gm_… node dist/bench/api-load.js --url <http://host:port> [--rate 200] [--duration 30]\n",
  );
  process.exit(2);
}
const result = await run(values.url.replace(/\/$/, ""), token, rate, durationS);
process.stdout.write(`${JSON.stringify(result)}\n`);
