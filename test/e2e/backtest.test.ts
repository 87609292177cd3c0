import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { registerBacktest } from "../../src/cli/commands/backtest.js";
import type { BacktestSummary } from "../../src/simulator/backtest/index.js";

const FIXTURES = new URL("../../fixtures/backtest/", import.meta.url).pathname;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "gm-backtest-"));
  dirs.push(d);
  return d;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `gridminer backtest …` in this process, with stdout and stderr captured. */
async function backtest(args: readonly string[]): Promise<Run> {
  const program = new Command().name("gridminer").exitOverride();
  registerBacktest(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "gridminer", "backtest", "--no-progress", ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, stdout, stderr };
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("gridminer backtest on a month of real Kyushu data (2023-04)", () => {
  let summary: BacktestSummary;
  let outDir: string;

  it("runs the reference site and writes summary, intervals and report", async () => {
    outDir = tmp();
    const r = await backtest([
      "--market",
      "jepx",
      "--area",
      "kyushu",
      "--from",
      "2023-04-01",
      "--to",
      "2023-04-30",
      "--out",
      outDir,
      "--json",
    ]);
    expect(r.stderr).toMatch(/^gridminer: 1440 slots in [\d.]+ s; wrote /);
    expect(r.code).toBe(0);
    summary = JSON.parse(r.stdout) as BacktestSummary;
    expect(JSON.parse(readFileSync(join(outDir, "summary.json"), "utf8"))).toEqual(summary);
    expect(readFileSync(join(outDir, "intervals.csv"), "utf8").trimEnd().split("\n")).toHaveLength(1441);
    const html = readFileSync(join(outDir, "report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)?.length).toBe(5);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  }, 120_000);

  it("reports each strategy's figures under stable keys", () => {
    expect(summary.currency).toBe("JPY");
    expect([summary.firstDay, summary.lastDay, summary.slots, summary.slotMinutes]).toEqual([
      "2023-04-01",
      "2023-04-30",
      1440,
      30,
    ]);
    expect(summary.decisionStepS).toBe(5);
    const f = (name: keyof BacktestSummary["strategies"]) => {
      const t = summary.strategies[name];
      if (t === undefined) throw new Error(`no ${name}`);
      return [t.energyMwh, t.surplusAbsorbedMwh, t.btc, t.revenue, t.energyCost, t.profit].map(
        (v) => Math.round((v ?? 0) * 1000) / 1000,
      );
    };
    // April 2023: hashprice 9.5–10 JPY/TH/day (subsidy only), so Standard breaks even near 24 JPY/kWh, above every
    // delivered price of the month (spot + 5 JPY/kWh): the threshold strategy never sleeps and equals always-on.
    // Always-on runs 545 units in Standard (the 4.5 MW limit), 3,237 MWh = 4.496 MW for 720 h less the first boot.
    expect(f("alwaysOn")).toEqual([3237.238, 354.999, 20.578, 79267296.506, 39409187.599, 39858108.907]);
    expect(f("threshold")).toEqual(f("alwaysOn"));
    // Green only runs on the 10 MW plant's share of curtailment (362 MWh available) plus the site's 167 kW of
    // auxiliaries and standby, which it must buy from the grid.
    expect(f("green")).toEqual([444.361, 352.192, 2.266, 8718836.248, 1383038.516, 7335797.732]);
    // gridminer steps units down to Eco when the price makes Standard's extra 1.6 kW cost more than its 67 TH/s earn.
    expect(f("gridminer")).toEqual([3080.653, 354.895, 20.024, 77138361.229, 36489758.055, 40648603.174]);
    expect(f("hindsight")).toEqual([3107.78, 355.041, 20.147, 77618233.539, 36916282.167, 40701951.372]);
    expect(summary.regretPct).toBeCloseTo(0.131, 3);
    // The day-ahead plan (HiGHS, once at the start and daily at 17:00 JST, with the prices published at 10:00 and
    // only the surplus the notices of 17:00 the day before announce) follows the hindsight optimum closely.
    expect(f("planned")).toEqual([3105.582, 355.041, 20.137, 77571703.668, 36877898.424, 40693805.244]);
    expect(summary.plannedRegretPct).toBeCloseTo(0.02, 3);
    expect(summary.simulation.planned?.plans).toBe(31);
  });

  it("stays within what the data allow", () => {
    expect(summary.surplusAvailableMwh).toBeCloseTo(361.909, 3);
    for (const t of Object.values(summary.strategies)) {
      expect(t.surplusAbsorbedMwh).toBeLessThanOrEqual(summary.surplusAvailableMwh);
      expect(t.surplusAbsorbedMwh).toBeLessThanOrEqual(t.energyMwh);
      expect(t.energyMwh).toBeLessThanOrEqual(4.5 * 720);
    }
    const best = summary.strategies.hindsight?.profit ?? 0;
    for (const t of Object.values(summary.strategies)) expect(t.profit).toBeLessThanOrEqual(best);
    expect(summary.gapPolicy).toBe("fail");
    expect(summary.gaps).toEqual([]);
    expect(summary.simulation.gridminer?.decideCalls).toBeGreaterThan(0);
    expect(summary.strategies.planned?.profit).toBeLessThanOrEqual(best);
  });
});

describe("gridminer backtest --data", () => {
  it("reads JEPX and Kyushu files a user downloaded instead of the bundled ones", async () => {
    const data = tmp();
    const bundled = new URL("../../data/", import.meta.url).pathname;
    symlinkSync(join(bundled, "jepx-spot/spot_summary_2023.csv.gz"), join(data, "spot_summary_2023.csv.gz"));
    symlinkSync(
      join(bundled, "kyushu-area-supply-demand/area_jyukyu_jisseki_2023_1Q.csv.gz"),
      join(data, "area_jyukyu_jisseki_2023_1Q.csv.gz"),
    );
    const args = ["--from", "2023-04-08", "--to", "2023-04-09", "--area-installed-mw", "10490", "--json"];
    const own = await backtest([...args, "--data", data, "--out", tmp()]);
    const shipped = await backtest([...args, "--out", tmp()]);
    expect(own.code).toBe(0);
    expect((JSON.parse(own.stdout) as BacktestSummary).strategies).toEqual(
      (JSON.parse(shipped.stdout) as BacktestSummary).strategies,
    );
    const missing = await backtest([
      "--from",
      "2022-12-31",
      "--to",
      "2023-01-01",
      "--data",
      data,
      "--out",
      tmp(),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${data}: no spot_summary_2022.csv (or .csv.gz) for 2022`);
  });
});

describe("gridminer backtest --market csv", () => {
  it("gives exactly the JEPX result for the same two days from the documented CSV formats", async () => {
    const [a, b] = [tmp(), tmp()];
    // The planned strategy is left out: from CSV files it has no curtailment notices to plan with.
    const common = [
      "--plant-mw",
      "10",
      "--area-installed-mw",
      "10490",
      "--strategies",
      "alwaysOn,threshold,green,gridminer,hindsight",
      "--json",
    ];
    const jepx = await backtest([
      "--market",
      "jepx",
      "--from",
      "2023-04-08",
      "--to",
      "2023-04-09",
      "--out",
      a,
      ...common,
    ]);
    const csv = await backtest([
      "--market",
      "csv",
      "--prices",
      join(FIXTURES, "kyushu-2023-04-08_09-prices.csv"),
      "--surplus",
      join(FIXTURES, "kyushu-2023-04-08_09-surplus.csv"),
      "--hashprice",
      join(FIXTURES, "kyushu-2023-04-08_09-hashprice.csv"),
      "--network-charge",
      "5",
      "--out",
      b,
      ...common,
    ]);
    expect([jepx.code, csv.code]).toEqual([0, 0]);
    const x = JSON.parse(jepx.stdout) as BacktestSummary;
    const y = JSON.parse(csv.stdout) as BacktestSummary;
    expect(y.strategies).toEqual(x.strategies);
    expect(y.regretPct).toBe(x.regretPct);
    expect(y.strategies.green?.surplusAbsorbedMwh).toBeGreaterThan(0);
  });

  it("runs a EUR market across a daylight-saving change and says so", async () => {
    const out = tmp();
    const r = await backtest([
      "--market",
      "csv",
      "--prices",
      join(FIXTURES, "eur-2023-03-25_27-prices.csv"),
      "--hashprice",
      join(FIXTURES, "eur-2023-03-25_27-hashprice.csv"),
      "--out",
      out,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as BacktestSummary;
    expect(s.currency).toBe("EUR");
    expect(s.slots).toBe(72);
    expect(s.strategies.gridminer?.btc).toBeNull();
    expect(
      s.notes.some((n) =>
        /line 28: UTC offset \+01:00 → \+02:00 \(daylight saving\), continuous in UTC/.test(n),
      ),
    ).toBe(true);
    expect(s.notes.some((n) => /margin and hysteresis are JPY figures/.test(n))).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Profit (EUR)");
  });

  it.each([
    [
      "bad-gap.csv",
      "line 5: no price from 2023-04-07T16:30:00Z to 2023-04-07T17:30:00Z (a gap after line 4); choose a gap policy",
    ],
    [
      "bad-duplicate.csv",
      "line 6, column 1 (timestamp): duplicate timestamp: 2023-04-08T01:30:00+09:00 is the same instant as line 5",
    ],
    [
      "bad-dst.csv",
      "line 4, column 1 (timestamp): 2023-03-26T02:00:00+02:00 is the same instant as line 3 (2023-03-26T01:00:00+01:00): the UTC offset changes here (+01:00 on line 3 → +02:00), a daylight-saving shift",
    ],
    [
      "bad-unknown-column.csv",
      'line 1, column 4 (volume): unknown column "volume"; the columns are timestamp, price, unit',
    ],
  ])("refuses %s with file and line, exit code 2", async (file, message) => {
    const r = await backtest(["--market", "csv", "--prices", join(FIXTURES, file), "--out", tmp()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`gridminer backtest: ${join(FIXTURES, file)}: ${message}`);
  });

  it("states the gap policy when told to skip the gap", async () => {
    const out = tmp();
    const r = await backtest([
      "--market",
      "csv",
      "--prices",
      join(FIXTURES, "bad-gap.csv"),
      "--gaps",
      "skip",
      "--out",
      out,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as BacktestSummary;
    expect(s.slots).toBe(6);
    expect(s.gapPolicy).toBe("skip");
    expect(s.gaps).toEqual([
      {
        series: "price",
        from: "2023-04-07T16:30:00Z",
        to: "2023-04-07T17:30:00Z",
        treatedAs: "skipped",
        where: `${join(FIXTURES, "bad-gap.csv")}: line 5: no price from 2023-04-07T16:30:00Z to 2023-04-07T17:30:00Z (a gap after line 4)`,
      },
    ]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Gap policy: <b>skip</b>");
  });
});
