// Backtest bench: the full 2021–2023 Kyushu backtest of the 558-unit reference site, all five strategies, from the
// bundled JEPX, Kyushu TSO and bitcoin files. Reports wall time (loading, each strategy, writing the outputs) and
// peak memory. One run: the backtest is deterministic and a second run would mostly measure a warm JIT.
//   npm run build && node dist/bench/backtest.js        (or: node --import tsx bench/backtest.ts)
// The last line is JSON for scripts.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_POLICY } from "../src/core/default-policy.js";
import { A1566HA } from "../src/drivers/miners/avalon/models.js";
import { loadJepxInputs } from "../src/simulator/backtest/jepx-inputs.js";
import { runBacktest } from "../src/simulator/backtest/run-backtest.js";
import { STRATEGIES, STRATEGY_LABELS } from "../src/simulator/backtest/types.js";
import { writeBacktestOutputs } from "../src/simulator/backtest/write-outputs.js";

const FROM = "2021-01-01";
const TO = "2023-12-31";

let peakRssBytes = 0;
const sampler = setInterval(() => {
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
}, 50);

const t0 = performance.now();
const inputs = await loadJepxInputs({
  area: "kyushu",
  from: FROM,
  to: TO,
  plant: { capacityMw: 10 },
  feesBtcPerBlock: 0,
  gapPolicy: "fail",
});
const loadMs = performance.now() - t0;

const t1 = performance.now();
const result = runBacktest(inputs, {
  site: { name: "reference site", spec: A1566HA, units: 558, policy: DEFAULT_POLICY },
  terms: { networkChargePerKwh: 5, taxPerKwh: 0, surplusPpaPricePerKwh: 0, poolFeeFraction: 0 },
  timer: () => performance.now(),
});
const runMs = performance.now() - t1;

const out = mkdtempSync(join(tmpdir(), "gm-bench-backtest-"));
const t2 = performance.now();
const written = await writeBacktestOutputs(result, out);
const writeMs = performance.now() - t2;
const sizes = {
  summaryBytes: statSync(written.summaryFile).size,
  intervalsBytes: statSync(written.intervalsFile).size,
  reportBytes: statSync(written.reportFile).size,
};
rmSync(out, { recursive: true, force: true });
clearInterval(sampler);
peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

const s = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? "–" : `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(`backtest ${FROM} .. ${TO}, JEPX Kyushu, 558 × A1566HA, ${inputs.slots.length} slots\n`);
process.stdout.write(`  load inputs            ${s(loadMs)}\n`);
for (const name of STRATEGIES) {
  const st = result.simulation[name];
  const extra =
    name === "gridminer"
      ? `  (${st?.decideCalls} decide() calls, ${st?.memoHits} reused decisions, ${st?.verifiedReuses} checked)`
      : "";
  process.stdout.write(`  ${STRATEGY_LABELS[name].padEnd(22)} ${s(st?.wallMs)}${extra}\n`);
}
process.stdout.write(`  all strategies         ${s(runMs)}\n  write outputs          ${s(writeMs)}\n`);
process.stdout.write(
  `  total                  ${s(loadMs + runMs + writeMs)}, peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB\n`,
);
process.stdout.write(
  `  regret of gridminer against the hindsight optimum: ${result.regretPct?.toFixed(3)} %\n`,
);

const gm = result.simulation.gridminer;
process.stdout.write(
  `${JSON.stringify({
    bench: "backtest",
    from: FROM,
    to: TO,
    slots: inputs.slots.length,
    units: 558,
    decisionStepS: result.decisionStepS,
    loadMs: Math.round(loadMs),
    runMs: Math.round(runMs),
    writeMs: Math.round(writeMs),
    totalMs: Math.round(loadMs + runMs + writeMs),
    strategyMs: Object.fromEntries(STRATEGIES.map((n) => [n, Math.round(result.simulation[n]?.wallMs ?? 0)])),
    decideCalls: gm?.decideCalls,
    reusedDecisions: gm?.memoHits,
    peakRssMb: Math.round(peakRssBytes / 2 ** 20),
    regretPct: result.regretPct,
    profit: Object.fromEntries(STRATEGIES.map((n) => [n, Math.round(result.totals[n]?.profit ?? 0)])),
    ...sizes,
  })}\n`,
);
