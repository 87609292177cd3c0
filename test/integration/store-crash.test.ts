// kill -9 while a child process writes: every decision and unit batch whose commit had returned is there after
// reopening, no batch is half there, and the file passes SQLite's integrity check.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const WRITER = fileURLToPath(new URL("./store-crash-writer.ts", import.meta.url));
const UNITS = 20;

/** Starts the writer and kills it with SIGKILL once it reported `rows` commits; resolves to what it reported. */
function writeThenKill(
  file: string,
  rows: number,
): Promise<{ decisions: Map<number, number>; batches: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const decisions = new Map<number, number>();
    const batches: number[] = [];
    let buffer = "";
    let stderr = "";
    let killed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`writer did not reach ${rows} rows in time: ${stderr}`));
    }, 60_000);
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      // Lines after the kill are still commits that returned before it, so they are counted too.
      for (const line of lines) {
        const [kind, a, b] = line.split(" ");
        if (kind === "d") decisions.set(Number(a), Number(b));
        if (kind === "u") batches.push(Number(a));
      }
      if (!killed && decisions.size >= rows) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("close", (_code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`writer ended by itself (${signal}): ${stderr}`));
      else resolve({ decisions, batches });
    });
  });
}

describe("SQLite crash safety", () => {
  it("loses nothing committed when the writer is killed with SIGKILL, three times over", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-crash-")), "gridminer.sqlite");
    let expected = 0;
    for (let round = 0; round < 3; round++) {
      const { decisions, batches } = await writeThenKill(file, 300);
      expected += decisions.size;
      const check = new Database(file);
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      check.close();
      const store = new SqliteStore(file);
      const stored = await store.listDecisions({ limit: 100_000 });
      const byId = new Map(stored.map((d) => [d.id, d]));
      for (const [id, i] of decisions) {
        expect(byId.get(id)?.targetPowerW).toBe(i * 1000);
        expect(byId.get(id)?.reasons[0]?.effect).toBe(`row ${i}`);
      }
      // Each writer numbers its rows from 1; the decisions of all rounds so far are there.
      expect(stored.length).toBeGreaterThanOrEqual(expected);
      for (const i of batches.slice(-5)) {
        expect(
          await store.telemetry.unit(`u${UNITS - 1}`, { resolution: "raw", sinceMs: i, untilMs: i }),
        ).toHaveLength(1);
      }
      const reader = new Database(file, { readonly: true });
      const partial = reader
        .prepare("SELECT at_ms FROM unit_telemetry GROUP BY at_ms HAVING COUNT(*) <> ?")
        .all(UNITS);
      reader.close();
      expect(partial).toEqual([]);
      await store.close();
      // Later rounds restart at atMs 1: clear the unit rows so their primary keys do not merge across rounds.
      const clear = new Database(file);
      clear.exec("DELETE FROM unit_telemetry");
      clear.close();
    }
  }, 120_000);
});
