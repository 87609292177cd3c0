import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../e2e/cli.js";
import { ModbusPeer, pymodbusAvailability } from "./peers/modbus-peer.js";

const SUNSPEC_IMAGE = fileURLToPath(new URL("../../fixtures/modbus/sunspec-meters.json", import.meta.url));
const availability = pymodbusAvailability();
const suite = availability.ok ? describe : describe.skip;
const title = availability.ok ? "" : ` (skipped: ${availability.reason})`;

interface ShowJson {
  signals: { signal: string; value: string | null; fresh: boolean; note: string }[];
  sources: { name: string; state: string; stale: boolean }[];
}

suite(`gridminer signals show with a real Modbus peer${title}`, () => {
  let peer: ModbusPeer;
  let dir: string;
  beforeAll(async () => {
    peer = await ModbusPeer.start(SUNSPEC_IMAGE);
    dir = mkdtempSync(join(tmpdir(), "gm-signals-"));
  });
  afterAll(async () => {
    await peer?.kill();
  });

  it("reads the site meter over SunSpec, replays frequency shifted to 60 Hz, and reports each source", async () => {
    const file = join(dir, "site.yaml");
    writeFileSync(
      file,
      `version: 1
site: { name: signals test, importLimitW: 4500000 }
fleet: { groups: [{ name: a, targets: ["127.0.60.1"] }] }
signals:
  surplus: { source: constant, powerW: 1500000 }
  meters:
    - { name: grid, role: site-import, host: 127.0.0.1, port: ${peer.port}, unitId: 1, protocol: { kind: sunspec } }
  frequency: { source: replay, day: "2024-08-24" }
`,
    );
    const r = await runCli(["signals", "show", "--config", file, "--json", "--wait", "2500"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as ShowJson;
    const by = new Map(out.signals.map((s) => [s.signal, s]));
    // Model 203 in the image: W = 4213 with W_SF = 3.
    expect(by.get("site import (meter)")?.value).toBe("4213000 W");
    expect(by.get("surplus")?.value).toBe("1500000 W");
    const hz = Number(by.get("frequency")?.value?.split(" ")[0]);
    expect(hz).toBeGreaterThan(59.85);
    expect(hz).toBeLessThan(60.15);
    expect(by.get("energy price")?.note).toBe("not configured");
    expect(out.sources.map((s) => [s.name, s.stale])).toEqual([
      ["grid", false],
      ["frequency replay 2024-08-24", false],
    ]);
  }, 60_000);

  it("names a meter that does not answer and keeps going", async () => {
    const file = join(dir, "dead.yaml");
    writeFileSync(
      file,
      `version: 1
site: { name: signals test, importLimitW: 4500000 }
fleet: { groups: [{ name: a, targets: ["127.0.60.1"] }] }
signals:
  meters:
    - { name: grid, role: site-import, host: 127.0.0.1, port: 1, unitId: 1, protocol: { kind: sunspec }, timeoutMs: 500 }
`,
    );
    const r = await runCli(["signals", "show", "--config", file, "--json", "--wait", "1500"]);
    const out = JSON.parse(r.stdout) as ShowJson;
    const meter = out.signals.find((s) => s.signal === "site import (meter)");
    expect(meter?.fresh).toBe(false);
    expect(meter?.note).toContain("127.0.0.1:1");
    expect(out.sources[0]?.stale).toBe(true);
  }, 60_000);
});

describe("gridminer signals show with a bad configuration", () => {
  it("names the bad key and its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gm-signals-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      `version: 1
site: { name: x, importLimitW: 4500000 }
fleet: { groups: [{ name: a, targets: ["127.0.60.1"] }] }
signals:
  surplus: { source: kyushu-plant, plantCapacityKw: 10 }
`,
    );
    const r = await runCli(["signals", "show", "--config", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.yaml:5: signals.surplus");
  }, 30_000);
});
