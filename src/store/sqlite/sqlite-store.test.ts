import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runStoreContract } from "../../../test/contracts/store.contract.js";
import { resolveDataDir } from "../data-dir.js";
import { SqliteStore } from "./sqlite-store.js";

runStoreContract("sqlite (memory)", async () => new SqliteStore(":memory:"));
runStoreContract(
  "sqlite (file)",
  async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), "gm-")), "a.sqlite")),
);

describe("SqliteStore", () => {
  it("keeps decisions across reopen and does not re-run migrations", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-")), "sub", "gridminer.sqlite");
    const a = new SqliteStore(file);
    await a.appendDecision({
      atMs: 5,
      targetPowerW: 42,
      previousTargetPowerW: null,
      windowMinW: 0,
      windowMaxW: 100,
      measuredPowerW: 40,
      reasons: [],
      commands: [],
    });
    await a.close();
    const b = new SqliteStore(file);
    expect((await b.listDecisions()).map((d) => [d.atMs, d.targetPowerW, d.measuredPowerW])).toEqual([
      [5, 42, 40],
    ]);
    expect(await b.schemaVersions()).toEqual([1, 2]);
    await b.close();
  });

  it("upgrades a file written by the first release (decisions only) and keeps its rows", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-")), "old.sqlite");
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER);
      CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL,
        target_power_w REAL NOT NULL, previous_target_power_w REAL, window_min_w REAL NOT NULL,
        window_max_w REAL NOT NULL, measured_power_w REAL, reasons_json TEXT NOT NULL, commands_json TEXT NOT NULL);
      CREATE INDEX decisions_at ON decisions(at_ms);
      INSERT INTO schema_migrations VALUES (1, 0);
      INSERT INTO decisions (at_ms, target_power_w, window_min_w, window_max_w, reasons_json, commands_json)
        VALUES (7, 1, 0, 2, '[]', '[]');`);
    old.close();
    const s = new SqliteStore(file);
    expect(await s.schemaVersions()).toEqual([1, 2]);
    expect((await s.listDecisions()).map((d) => d.atMs)).toEqual([7]);
    expect(await s.users.countAdmins()).toBe(0);
    await s.close();
  });

  it("runs in WAL mode with full synchronous commits by default", () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-")), "wal.sqlite");
    const s = new SqliteStore(file);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    void s.close();
  });

  it("resolves the data directory from flag, then environment, then XDG", () => {
    expect(resolveDataDir("/x", { GRIDMINER_DATA_DIR: "/y" })).toBe("/x");
    expect(resolveDataDir(undefined, { GRIDMINER_DATA_DIR: "/y" })).toBe("/y");
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: "/d" })).toBe("/d/gridminer");
  });
});
