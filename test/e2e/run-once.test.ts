import { mkdtempSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { sqliteFile } from "../../src/store/data-dir.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { jsonLines, runCli } from "./cli.js";

// `gridminer run --once` against 12 emulated units: one decision, recorded in SQLite, readable with `gridminer log`,
// and the site state published to the real Mosquitto broker when one listens on 127.0.0.1:1883.
const BASE = "127.0.46.1";
let site: EmulatedSite;
let dir: string;

function brokerListening(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port: 1883 });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

beforeAll(async () => {
  site = await startEmulatedSite({ units: 12, baseAddress: BASE, initial: "hashing", seed: 2 });
  dir = mkdtempSync(join(tmpdir(), "gm-run-"));
});
afterAll(async () => {
  await site?.stop();
});

describe("gridminer run --once", () => {
  it("decides once, sheds to the surplus, logs the decision and publishes the state", async () => {
    const broker = await brokerListening();
    const prefix = `gridminer-test/${process.pid}`;
    const file = join(dir, "site.yaml");
    writeFileSync(
      file,
      `version: 1
site: { name: run-once, importLimitW: 200000 }
fleet: { groups: [{ name: a, targets: ["${BASE}-12"] }] }
control: { policy: green-only, auxiliaryW: 0 }
signals:
  surplus: { source: constant, powerW: 40000 }
${broker ? `  mqtt: { url: "mqtt://127.0.0.1:1883", topicPrefix: "${prefix}", topics: {} }\n` : ""}`,
    );
    const received: string[] = [];
    const sub = broker ? await mqtt.connectAsync("mqtt://127.0.0.1:1883") : undefined;
    await sub?.subscribeAsync(`${prefix}/state`);
    sub?.on("message", (_t, payload) => received.push(payload.toString()));

    const r = await runCli(["run", "--config", file, "--once", "--data-dir", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("12 units under control");
    expect(r.stdout).toMatch(/target 0\.04 MW/);
    expect(r.stdout).toMatch(/sleep×\d+/);

    const log = await runCli(["log", "--data-dir", dir, "--json", "--since", "1h"]);
    const decisions = jsonLines<{
      targetPowerW: number;
      reasons: { rule: string }[];
      commands: { action: string }[];
    }>(log.stdout);
    expect(decisions).toHaveLength(1);
    // With the site's configuration the log reads the store that configuration names.
    const viaConfig = await runCli(["log", "--config", file, "--data-dir", dir, "--json", "--since", "1h"]);
    expect(jsonLines(viaConfig.stdout)).toHaveLength(1);
    expect(decisions[0]?.targetPowerW).toBe(40_000);
    expect(decisions[0]?.reasons.map((x) => x.rule)).toContain("surplus");
    // 12 units at ~8 kW against 40 kW: six sleep (6 × 120 W standby) and six step down to Eco (6 × 6,451 W).
    const actions = decisions[0]?.commands.map((c) => c.action).sort();
    expect(actions).toEqual([...Array(6).fill("set-mode"), ...Array(6).fill("sleep")]);

    // The tick's site figures are stored too: demand-response baselines are computed from them.
    const store = new SqliteStore(sqliteFile(dir));
    const points = await store.telemetry.site({ resolution: "raw" });
    await store.close();
    expect(points.map((p) => [p.targetPowerW, p.unitsHashing])).toEqual([[40_000, 12]]);

    if (sub) {
      const deadline = Date.now() + 5000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      const state = JSON.parse(received[0] ?? "{}") as { targetPowerW?: number; unitsTotal?: number };
      expect(state.targetPowerW).toBe(40_000);
      expect(state.unitsTotal).toBe(12);
      await sub.publishAsync(`${prefix}/state`, "", { retain: true });
      await sub.endAsync();
    }
  }, 60_000);
});
