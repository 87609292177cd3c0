import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDecisionStoreContract } from "../../../test/contracts/store.contract.js";
import { resolveDataDir } from "../data-dir.js";
import { SqliteStore } from "./sqlite-store.js";

runDecisionStoreContract("sqlite (memory)", () => new SqliteStore(":memory:"));
runDecisionStoreContract(
  "sqlite (file)",
  () => new SqliteStore(join(mkdtempSync(join(tmpdir(), "gm-")), "a.sqlite")),
);

describe("SqliteStore", () => {
  it("keeps decisions across reopen and does not re-run migrations", () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-")), "sub", "gridminer.sqlite");
    const a = new SqliteStore(file);
    a.appendDecision({
      atMs: 5,
      targetPowerW: 42,
      previousTargetPowerW: null,
      windowMinW: 0,
      windowMaxW: 100,
      measuredPowerW: 40,
      reasons: [],
      commands: [],
    });
    a.close();
    const b = new SqliteStore(file);
    expect(b.listDecisions().map((d) => [d.atMs, d.targetPowerW, d.measuredPowerW])).toEqual([[5, 42, 40]]);
    b.close();
  });

  it("resolves the data directory from flag, then environment, then XDG", () => {
    expect(resolveDataDir("/x", { GRIDMINER_DATA_DIR: "/y" })).toBe("/x");
    expect(resolveDataDir(undefined, { GRIDMINER_DATA_DIR: "/y" })).toBe("/y");
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: "/d" })).toBe("/d/gridminer");
  });
});
