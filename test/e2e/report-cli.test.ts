// `gridminer report demand-response` over a data directory holding the recorded week of test/contracts/dr-scenario.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFile } from "../../src/store/data-dir.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { DR_EVENT, DR_EXPECTED, seedDrScenario } from "../contracts/dr-scenario.js";
import { jsonLines, runCli } from "./cli.js";

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gm-report-"));
  const store = new SqliteStore(sqliteFile(dir));
  await seedDrScenario(store);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gridminer report demand-response", () => {
  it("prints one row per event with baseline, reduction, compliance and latency", async () => {
    const r = await runCli(["report", "dr", "--data-dir", dir, "--since", "2023-04-01T00:00:00+09:00"]);
    expect(r.code).toBe(0);
    const row = r.stdout.split("\n").find((l) => l.startsWith(DR_EVENT.id)) ?? "";
    expect(row.split(/\s{2,}/)).toEqual([
      DR_EVENT.id,
      "2023-04-12 13:00",
      "2023-04-12 15:00",
      "1200",
      "High 4 of 5, +500 kW same-day",
      "3625",
      "1166",
      "2459",
      "4919",
      "4850",
      "96.9",
      "74.9",
      "10",
      "0",
    ]);
    expect(r.stdout).toContain("tso:04-06: 0 of 5 like days on record within 30 days");
  });

  it("gives JSON slot by slot for one event, and names an unknown one", async () => {
    const r = await runCli([
      "report",
      "dr",
      "--data-dir",
      dir,
      "--since",
      "2023-04-01",
      "--event",
      DR_EVENT.id,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const [p] = jsonLines<{ compliancePct: number; slots: unknown[]; responseLatencyMs: number }>(r.stdout);
    expect(p?.compliancePct).toBeCloseTo(DR_EXPECTED.compliancePct, 6);
    expect(p?.slots).toHaveLength(4);
    expect(p?.responseLatencyMs).toBe(10_000);
    const bad = await runCli(["report", "dr", "--data-dir", dir, "--since", "2023-04-01", "--event", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--event "nope": no such event started in that period');
  });

  it("names a mistyped configuration key", async () => {
    const file = join(dir, "site.yaml");
    writeFileSync(
      file,
      "version: 1\nsite: { name: s, importLimitW: 1000000 }\nfleet: { groups: [{ name: a, targets: [127.0.0.1] }] }\ndemandResponse: { baseline: { weekdayDayz: 5 } }\n",
    );
    const r = await runCli(["report", "dr", "--config", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/demandResponse\.baseline.*weekdayDayz/);
  });
});
