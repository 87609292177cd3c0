import { performance } from "node:perf_hooks";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { ConfigError, loadConfigFile } from "../../config/load.js";
import { configSchema, type GridminerConfig } from "../../config/schema.js";
import { DEFAULT_POLICY } from "../../core/index.js";
import type { MinerModelSpec } from "../../domain/miner.js";
import { A1566HA, avalonModelSpec } from "../../drivers/miners/avalon/models.js";
import { expandTargets } from "../../runtime/fleet/targets.js";
import { loadHighsSolver } from "../../runtime/planner-worker/highs-solver.js";
import { policyFromConfig } from "../../runtime/policy-from-config.js";
import type { CoLocatedPlant } from "../../signals/curtailment/site-surplus.js";
import { isDataFormatError } from "../../signals/prices/data-format-error.js";
import { JEPX_AREAS, type JepxArea } from "../../signals/prices/jepx-spot.js";
import {
  BacktestInputError,
  type BacktestInputs,
  type BacktestSite,
  type BacktestTerms,
  GAP_POLICIES,
  type GapPolicy,
  loadGenericInputs,
  loadJepxInputs,
  runBacktest,
  STRATEGIES,
  STRATEGY_LABELS,
  type StrategyName,
  writeBacktestOutputs,
} from "../../simulator/backtest/index.js";
import { loadPlannedNotices } from "../../simulator/backtest/planned-notices.js";
import type { PlannerOptions } from "../../simulator/backtest/planned-strategy.js";

interface BacktestOpts {
  market: string;
  area: string;
  from?: string;
  to?: string;
  site?: string;
  data?: string;
  prices?: string;
  surplus?: string;
  hashprice?: string;
  intervalMin?: string;
  out?: string;
  json?: boolean;
  gaps: string;
  networkCharge?: string;
  tax: string;
  ppa: string;
  plantMw?: string;
  areaInstalledMw?: string;
  exportLimitMw?: string;
  feesBtcPerBlock: string;
  poolFee: string;
  margin?: string;
  hysteresis?: string;
  step?: string;
  ambientC: string;
  units?: string;
  strategies?: string;
  progress: boolean;
}

/** A usage problem: reported with exit code 2 like bad input data. */
class UsageError extends Error {}

function num(name: string, text: string | undefined, min = Number.NEGATIVE_INFINITY): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || v < min)
    throw new UsageError(`--${name}: expected a number ≥ ${min}, got "${text}"`);
  return v;
}

/** The reference site (558 × A1566HA, the default policy) or the site in a configuration file. */
function siteOf(o: BacktestOpts): { site: BacktestSite; config?: GridminerConfig } {
  const units = num("units", o.units, 1);
  if (o.site === undefined) {
    return { site: { name: "reference site", spec: A1566HA, units: units ?? 558, policy: DEFAULT_POLICY } };
  }
  const cfg = loadConfigFile(configSchema, o.site);
  const counts = new Map<string, { spec: MinerModelSpec; units: number }>();
  for (const g of cfg.fleet.groups) {
    const spec = avalonModelSpec(g.model);
    if (spec === undefined)
      throw new UsageError(`${o.site}: group ${g.name}: no model figures for ${g.model}`);
    const n = expandTargets(g.targets, { defaultPort: g.port }).length;
    const known = counts.get(spec.model);
    counts.set(spec.model, { spec, units: (known?.units ?? 0) + n });
  }
  const models = [...counts.values()];
  const only = models[0];
  if (models.length !== 1 || only === undefined) {
    throw new UsageError(
      `${o.site}: a backtest runs one model; the fleet has ${models.map((m) => m.spec.model).join(", ")}`,
    );
  }
  return {
    site: { name: cfg.site.name, spec: only.spec, units: units ?? only.units, policy: policyFromConfig(cfg) },
    config: cfg,
  };
}

function strategiesOf(text: string | undefined): StrategyName[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((s) => s.trim());
  for (const n of names) {
    if (!STRATEGIES.includes(n as StrategyName))
      throw new UsageError(`--strategies: unknown "${n}" (${STRATEGIES.join(", ")})`);
  }
  return names as StrategyName[];
}

/** The co-located plant of a JEPX run (capacity 0 = no surplus). */
function plantOf(o: BacktestOpts, cfg: GridminerConfig | undefined): CoLocatedPlant {
  const surplus = cfg?.signals.surplus;
  const kyushu = o.area === "kyushu";
  const plantMw =
    num("plant-mw", o.plantMw, 0) ??
    (!kyushu ? 0 : surplus?.source === "kyushu-plant" ? surplus.plantCapacityMw : 10);
  if (!kyushu && plantMw > 0) {
    throw new UsageError(
      `--plant-mw: curtailment records are bundled for the Kyushu area only, not ${o.area}`,
    );
  }
  const areaInstalledMw = num("area-installed-mw", o.areaInstalledMw, 1);
  const exportLimitMw = num("export-limit-mw", o.exportLimitMw, 0);
  return {
    capacityMw: plantMw,
    ...(areaInstalledMw === undefined ? {} : { areaInstalledMw }),
    ...(exportLimitMw === undefined ? {} : { exportLimitMw }),
  };
}

/** The planner for the planned strategy: HiGHS in this process and, for JEPX, the notices known day-ahead. */
async function plannerOf(o: BacktestOpts, cfg: GridminerConfig | undefined): Promise<PlannerOptions> {
  const solver = await loadHighsSolver();
  if (o.market !== "jepx" || o.from === undefined || o.to === undefined) return { solver };
  const notices = await loadPlannedNotices({
    from: o.from,
    to: o.to,
    ...(o.data === undefined ? {} : { dataDir: o.data }),
    plant: plantOf(o, cfg),
  });
  return { solver, notices };
}

async function inputsOf(
  o: BacktestOpts,
  cfg: GridminerConfig | undefined,
  gapPolicy: GapPolicy,
): Promise<BacktestInputs> {
  const feesBtcPerBlock = num("fees-btc-per-block", o.feesBtcPerBlock, 0) ?? 0;
  if (o.market === "jepx") {
    if (!JEPX_AREAS.includes(o.area as JepxArea))
      throw new UsageError(`--area: one of ${JEPX_AREAS.join(", ")}`);
    if (o.from === undefined || o.to === undefined)
      throw new UsageError("--market jepx needs --from and --to");
    const plant = plantOf(o, cfg);
    return loadJepxInputs({
      area: o.area as JepxArea,
      from: o.from,
      to: o.to,
      ...(o.data === undefined ? {} : { dataDir: o.data }),
      plant,
      feesBtcPerBlock,
      gapPolicy,
    });
  }
  if (o.market === "csv") {
    if (o.prices === undefined) throw new UsageError("--market csv needs --prices <file>");
    const intervalMinutes = num("interval-min", o.intervalMin, 1);
    return loadGenericInputs({
      pricesFile: o.prices,
      ...(o.surplus === undefined ? {} : { surplusFile: o.surplus }),
      ...(o.hashprice === undefined ? {} : { hashpriceFile: o.hashprice }),
      ...(o.from === undefined ? {} : { from: o.from }),
      ...(o.to === undefined ? {} : { to: o.to }),
      ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
      feesBtcPerBlock,
      gapPolicy,
    });
  }
  throw new UsageError(`--market: "jepx" or "csv", got "${o.market}"`);
}

function termsOf(o: BacktestOpts, cfg: GridminerConfig | undefined, currency: string): BacktestTerms {
  const price = cfg?.signals.price;
  const configured = price?.source === "jepx" ? price.adderJpyPerKwh : undefined;
  const defaultNetwork = currency === "JPY" ? (configured ?? 5) : 0;
  const poolFee = num("pool-fee", o.poolFee, 0) ?? 0;
  if (poolFee >= 1) throw new UsageError("--pool-fee: a fraction below 1, e.g. 0.02");
  return {
    networkChargePerKwh: num("network-charge", o.networkCharge, 0) ?? defaultNetwork,
    taxPerKwh: num("tax", o.tax, 0) ?? 0,
    surplusPpaPricePerKwh: num("ppa", o.ppa) ?? 0,
    poolFeeFraction: poolFee,
  };
}

/** The policy's margins are JPY per kWh; in another currency they apply only when given explicitly. */
function withMargins(
  site: BacktestSite,
  o: BacktestOpts,
  currency: string,
): { site: BacktestSite; note?: string } {
  const margin = num("margin", o.margin);
  const hysteresis = num("hysteresis", o.hysteresis, 0);
  const foreign = currency !== "JPY";
  const policy = {
    ...site.policy,
    marginJpyPerKwh: margin ?? (foreign ? 0 : site.policy.marginJpyPerKwh),
    economicHysteresisJpyPerKwh: hysteresis ?? (foreign ? 0 : site.policy.economicHysteresisJpyPerKwh),
  };
  const note =
    foreign && (margin === undefined || hysteresis === undefined)
      ? `gridminer's margin and hysteresis are JPY figures; with prices in ${currency} they are ${policy.marginJpyPerKwh} and ${policy.economicHysteresisJpyPerKwh} ${currency}/kWh (--margin, --hysteresis)`
      : undefined;
  return { site: { ...site, policy }, ...(note === undefined ? {} : { note }) };
}

function printTable(summary: Awaited<ReturnType<typeof writeBacktestOutputs>>["summary"]): void {
  const f = (v: number | null, d: number) =>
    v === null ? "–" : v.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const rows = STRATEGIES.flatMap((s) => {
    const t = summary.strategies[s];
    return t === undefined
      ? []
      : [
          [
            STRATEGY_LABELS[s],
            f(t.energyMwh, 1),
            f(t.surplusAbsorbedMwh, 1),
            f(t.btc, 4),
            f(t.revenue, 0),
            f(t.energyCost, 0),
            f(t.profit, 0),
          ],
        ];
  });
  const c = summary.currency;
  const headers = [
    "strategy",
    "energy MWh",
    "surplus MWh",
    "BTC",
    `revenue ${c}`,
    `energy cost ${c}`,
    `profit ${c}`,
  ];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  process.stdout.write(
    `${[line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`,
  );
  process.stdout.write(
    `regret of gridminer's policy against the hindsight optimum: ${f(summary.regretPct, 2)} %\n`,
  );
  if (summary.plannedRegretPct !== null) {
    process.stdout.write(
      `regret of the day-ahead plan against the hindsight optimum: ${f(summary.plannedRegretPct, 2)} %\n`,
    );
  }
}

async function run(o: BacktestOpts): Promise<void> {
  const started = performance.now();
  const gapPolicy = o.gaps as GapPolicy;
  if (!GAP_POLICIES.includes(gapPolicy)) throw new UsageError(`--gaps: one of ${GAP_POLICIES.join(", ")}`);
  const { site: configured, config } = siteOf(o);
  const strategies = strategiesOf(o.strategies);
  const step = num("step", o.step, 0.001);
  const loaded = await inputsOf(o, config, gapPolicy);
  const { site, note } = withMargins(configured, o, loaded.currency);
  const inputs = note === undefined ? loaded : { ...loaded, notes: [...loaded.notes, note] };
  const planner =
    strategies === undefined || strategies.includes("planned") ? await plannerOf(o, config) : undefined;
  const showProgress = o.progress && process.stderr.isTTY === true;
  const bar = showProgress
    ? new SingleBar({
        format: " {strategy} {bar} {value}/{total} slots",
        stream: process.stderr,
        hideCursor: true,
      })
    : undefined;
  let current: StrategyName | undefined;
  const result = runBacktest(inputs, {
    site,
    terms: termsOf(o, config, inputs.currency),
    ...(step === undefined ? {} : { decisionStepS: step }),
    ambientC: num("ambient-c", o.ambientC) ?? 20,
    ...(strategies === undefined ? {} : { strategies }),
    ...(planner === undefined ? {} : { planner }),
    timer: () => performance.now(),
    onProgress: (strategy, done, total) => {
      if (bar === undefined) return;
      if (strategy !== current) {
        if (current === undefined) bar.start(total, done, { strategy: STRATEGY_LABELS[strategy].padEnd(20) });
        current = strategy;
      }
      bar.update(done, { strategy: STRATEGY_LABELS[strategy].padEnd(20) });
    },
  });
  bar?.stop();
  const first = inputs.slots.startMs[0] ?? 0;
  const out =
    o.out ?? `backtest-${o.market}-${new Date(first + inputs.dayOffsetMs).toISOString().slice(0, 10)}`;
  const written = await writeBacktestOutputs(result, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (o.json) process.stdout.write(`${JSON.stringify(written.summary, null, 2)}\n`);
  else printTable(written.summary);
  process.stderr.write(
    `gridminer: ${inputs.slots.length} slots in ${seconds} s; wrote ${written.summaryFile}, ${written.intervalsFile}, ${written.reportFile}\n`,
  );
}

export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description(
      "Compare dispatch strategies on historical prices, surplus and hashprice (see docs/backtest.md)",
    )
    .option("--market <jepx|csv>", "JEPX files (bundled or --data) or generic CSV files", "jepx")
    .option("--area <area>", `JEPX area (${JEPX_AREAS.join(", ")})`, "kyushu")
    .option("--from <YYYY-MM-DD>", "first day (JST for jepx, UTC for csv)")
    .option("--to <YYYY-MM-DD>", "last day, inclusive")
    .option("--site <file>", "site configuration (default: the 558 × A1566HA reference site)")
    .option(
      "--data <dir>",
      "folder with downloaded spot_summary_YYYY.csv and area_jyukyu_jisseki_*.csv files",
    )
    .option("--prices <file>", "csv: price series (timestamp,price,unit)")
    .option("--surplus <file>", "csv: surplus series (timestamp,surplus_w)")
    .option("--hashprice <file>", "csv: daily hashprice (date,hashprice,unit[,btc_per_th_day])")
    .option("--interval-min <n>", "csv: price interval in minutes (default: inferred)")
    .option("--out <dir>", "folder for summary.json, intervals.csv and report.html")
    .option("--json", "print the summary as JSON on stdout")
    .option("--gaps <policy>", "stretches without a price: fail, skip or carry", "fail")
    .option("--network-charge <x>", "network charge per kWh (default: the site's price adder, else 5 JPY)")
    .option("--tax <x>", "levies and taxes per kWh", "0")
    .option("--ppa <x>", "price of absorbed surplus per kWh", "0")
    .option("--plant-mw <mw>", "jepx: co-located plant capacity (default: the site's kyushu-plant, else 10)")
    .option("--area-installed-mw <mw>", "jepx: area solar+wind capacity (default: the period's peak output)")
    .option("--export-limit-mw <mw>", "jepx: the plant's export limit")
    .option("--fees-btc-per-block <btc>", "fees assumed where the bundled history has none", "0")
    .option("--pool-fee <fraction>", "pool fee taken off revenue, e.g. 0.02", "0")
    .option("--margin <x>", "gridminer's margin per kWh (default: the policy's)")
    .option("--hysteresis <x>", "gridminer's entry hysteresis per kWh (default: the policy's)")
    .option("--step <s>", "gridminer's decision period in simulated seconds (default: the policy's tick)")
    .option("--ambient-c <c>", "constant outdoor temperature for the cooling curve", "20")
    .option("--units <n>", "number of units (default: the site's)")
    .option("--strategies <list>", `comma-separated subset of ${STRATEGIES.join(",")}`)
    .option("--no-progress", "no progress bar")
    .action(async (o: BacktestOpts) => {
      try {
        await run(o);
      } catch (e) {
        if (
          e instanceof UsageError ||
          e instanceof BacktestInputError ||
          e instanceof ConfigError ||
          isDataFormatError(e)
        ) {
          process.stderr.write(`gridminer backtest: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });
}
