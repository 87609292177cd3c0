import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import type { ActionResult, ScanResult } from "../../src/runtime/fleet/operations.js";
import type { FleetStatusRow } from "../../src/runtime/fleet/rows.js";
import { jsonLines, runCli } from "./cli.js";

// A dozen emulated A1566HA units on their own loopback addresses, driven through the real CLI in a child process.
const BASE = "127.0.31.1";
let site: EmulatedSite;

beforeAll(async () => {
  site = await startEmulatedSite({ units: 12, baseAddress: BASE, seed: 7 });
  await site.setFault(10, { kind: "garbage" });
  await site.setFault(11, { kind: "no-answer" });
});

afterAll(async () => {
  await site?.stop();
});

describe("gridminer fleet against an emulated site", () => {
  it("scan finds the Avalon units and reports silent addresses", async () => {
    const r = await runCli(["fleet", "scan", "127.0.31.0/28", "--json", "--timeout", "1000"]);
    expect(r.code).toBe(0);
    const rows = jsonLines<ScanResult>(r.stdout);
    expect(rows).toHaveLength(14);
    const miners = rows.filter((x) => x.kind === "miner");
    expect(miners.map((m) => m.host)).toEqual(Array.from({ length: 10 }, (_, i) => `127.0.31.${i + 1}`));
    expect(miners.every((m) => m.model === "A1566HA" && m.firmware === "25061801_a1566ha")).toBe(true);
    expect(rows.find((x) => x.host === "127.0.31.11")?.kind).toBe("other");
    expect(rows.find((x) => x.host === "127.0.31.13")?.kind).toBe("none");
  });

  it("status prints one JSON object per miner with the documented keys and fails on bad targets", async () => {
    const r = await runCli([
      "fleet",
      "status",
      "127.0.31.1-12",
      "127.0.31.20",
      "--json",
      "--timeout",
      "1000",
    ]);
    expect(r.code).toBe(1);
    const rows = jsonLines<FleetStatusRow>(r.stdout);
    expect(rows.map((x) => x.host)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `127.0.31.${i + 1}`),
      "127.0.31.20",
    ]);
    const first = rows[0] as FleetStatusRow;
    for (const key of [
      "host",
      "port",
      "ok",
      "error",
      "model",
      "firmware",
      "state",
      "hashrateThs",
      "hashrateAvgThs",
      "powerW",
      "modePowerLimitW",
      "workMode",
      "coolantInletC",
      "coolantOutletC",
      "chipTempMaxC",
      "psuErrors",
      "uptimeS",
    ]) {
      expect(first).toHaveProperty(key);
    }
    expect(first.ok).toBe(true);
    expect(first.state).toBe("hashing");
    expect(first.workMode).toBe(1);
    // Seeded per-unit variation stays within a few percent of the 8,064 W / 480 TH/s nameplate.
    expect(first.powerW).toBeGreaterThan(7700);
    expect(first.powerW).toBeLessThan(8400);
    expect(first.hashrateThs).toBeGreaterThan(455);
    expect(first.coolantOutletC).toBeGreaterThan(first.coolantInletC as number);
    expect(rows[10]?.ok).toBe(false);
    expect(rows[10]?.errorKind).toBe("unsupported");
    expect(rows[11]?.errorKind).toBe("timeout");
    expect(rows[12]?.errorKind).toBe("unreachable");
    expect(rows[12]?.error).toContain("127.0.31.20:4028");
  });

  it("sleep is confirmed by reading state back, and the units then draw standby power", async () => {
    const r = await runCli(["fleet", "sleep", "127.0.31.1-3", "--delay", "1", "--json"]);
    expect(r.code).toBe(0);
    const results = jsonLines<ActionResult>(r.stdout);
    expect(results.map((x) => [x.host, x.acknowledged, x.confirmed])).toEqual([
      ["127.0.31.1", true, true],
      ["127.0.31.2", true, true],
      ["127.0.31.3", true, true],
    ]);
    const read = async () =>
      jsonLines<FleetStatusRow>((await runCli(["fleet", "status", "127.0.31.1-3", "--json"])).stdout);
    let status = await read();
    expect(status.map((s) => s.state)).toEqual(["sleeping", "sleeping", "sleeping"]);
    // The firmware reports soft-off at once; the draw falls to standby over the next few seconds (3 s here).
    const deadline = Date.now() + 10_000;
    while (status.some((s) => (s.powerW ?? 0) >= 200) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 500));
      status = await read();
    }
    for (const s of status) expect(s.powerW).toBeLessThan(200);
  }, 40_000);

  it("wake and mode changes are confirmed; a bad mode is refused before anything is sent", async () => {
    const wake = jsonLines<ActionResult>(
      (await runCli(["fleet", "wake", "127.0.31.1", "--delay", "1", "--json"])).stdout,
    );
    expect(wake[0]?.confirmed).toBe(true);
    const mode = await runCli(["fleet", "mode", "0", "127.0.31.5", "--json"]);
    expect(mode.code).toBe(0);
    expect(jsonLines<ActionResult>(mode.stdout)[0]?.confirmed).toBe(true);
    const status = jsonLines<FleetStatusRow>(
      (await runCli(["fleet", "status", "127.0.31.5", "--json"])).stdout,
    );
    expect(status[0]?.workMode).toBe(0);
    const bad = await runCli(["fleet", "mode", "7", "127.0.31.5"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('mode "7": expected 0, 1 or 2');
  });

  it("refuses a huge range with a clear message", async () => {
    const r = await runCli(["fleet", "scan", "10.0.0.0/8"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("expands to 16777214 addresses");
  });
});
