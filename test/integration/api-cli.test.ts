// `gridminer users` and `gridminer serve` in child processes: users created from the command line, and the served
// API over a small emulated site, from the one-time setup token in the log to a clean stop on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedSite, startEmulatedSite } from "../../src/emulator/index.js";
import { sqliteFile } from "../../src/store/data-dir.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const MAIN = fileURLToPath(new URL("./api-cli-main.ts", import.meta.url));

function cli(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdin.end(stdin ?? "");
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gridminer ${args.join(" ")} hung: ${stderr}`));
    }, 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("gridminer users", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gm-users-"));
  const at = ["--data-dir", dataDir];

  it("adds users with a role, refuses duplicates and weak passwords, lists them and makes tokens", async () => {
    const add = await cli(
      ["users", "add", "ana", "--role", "operator", "--password-stdin", ...at],
      "a long operator password\n",
    );
    expect(add).toMatchObject({ code: 0, stdout: "created operator ana\n" });
    const again = await cli(
      ["users", "add", "ana", "--role", "admin", "--password-stdin", ...at],
      "another long password\n",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("user ana exists");
    const weak = await cli(["users", "add", "bob", "--role", "viewer", "--password-stdin", ...at], "short\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("password: at least 10 characters");
    const badRole = await cli(
      ["users", "add", "bob", "--role", "root", "--password-stdin", ...at],
      "a long enough password\n",
    );
    expect(badRole.stderr).toContain("--role");
    const noTty = await cli(["users", "add", "bob", "--role", "viewer", ...at]);
    expect(noTty.stderr).toContain("--password-stdin");
    const list = await cli(["users", "list", "--json", ...at]);
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([expect.objectContaining({ username: "ana", role: "operator", disabledAtMs: null })]);
    expect(list.stdout).not.toContain("argon2");
    const token = await cli(["users", "token", "--name", "prometheus", "--role", "viewer", ...at]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^gm_[a-z0-9]+_[A-Za-z0-9_-]+\n$/);
    const store = new SqliteStore(sqliteFile(dataDir));
    expect((await store.users.get("ana"))?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await store.audit.list();
    expect(audit.map((a) => [a.action, a.actor.startsWith("cli:")])).toEqual([
      ["user.create", true],
      ["token.create", true],
    ]);
    await store.close();
  }, 60_000);
});

describe("gridminer serve", () => {
  let site: EmulatedSite;
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), "gm-serve-"));

  beforeAll(async () => {
    site = await startEmulatedSite({ units: 3, baseAddress: "127.0.51.1", initial: "hashing", seed: 2 });
    writeFileSync(
      join(dir, "site.yaml"),
      [
        "version: 1",
        "site: { name: Serve test, importLimitW: 100000 }",
        'fleet: { groups: [{ name: hall, targets: ["127.0.51.1-3"] }] }',
        "control: { intervalS: 1, policy: green-only, auxiliaryW: 0 }",
        "signals: { surplus: { source: constant, powerW: 50000 } }",
      ].join("\n"),
    );
  }, 30_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await site?.stop();
  });

  it("serves the API over the live loop, with a one-time setup token, and stops cleanly on SIGTERM", async () => {
    const c = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        MAIN,
        "serve",
        "--config",
        join(dir, "site.yaml"),
        "--data-dir",
        dir,
        "--listen",
        "127.0.0.1:0",
        "--quiet",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = c;
    let stderr = "";
    c.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!/API on (http:\/\/[^ ]+) /.test(stderr)) {
      if (Date.now() > deadline || c.exitCode !== null) throw new Error(`serve did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = /API on (http:\/\/[^ ]+) /.exec(stderr)?.[1] ?? "";
    const token = /"token": "([A-Za-z0-9_-]+)"/.exec(stderr)?.[1];
    expect(token).toBeDefined();
    const setup = await fetch(`${base}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, username: "root", password: "the first admin password" }),
    });
    expect(setup.status).toBe(201);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    let state: { units: { total: number }; atMs: number | null } = { units: { total: 0 }, atMs: null };
    while (state.atMs === null && Date.now() < deadline) {
      state = (await (await fetch(`${base}/api/site`, { headers: { cookie } })).json()) as typeof state;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state.units.total).toBe(3);
    const shed = await fetch(`${base}/api/overrides`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ kind: "shed", durationS: 60 }),
    });
    expect(shed.status).toBe(201);
    const metrics = await fetch(`${base}/metrics`, { headers: { cookie } });
    expect(await metrics.text()).toContain('gridminer_units{state="hashing",site="Serve test"}');
    const code = await new Promise<number | null>((resolve) => {
      c.on("close", (x) => resolve(x));
      c.kill("SIGTERM");
    });
    child = undefined;
    expect(code).toBe(0);
    const store = new SqliteStore(sqliteFile(dir));
    expect((await store.audit.list()).map((a) => a.action)).toEqual(["setup", "override.shed"]);
    expect((await store.overrides.active(Date.now())).map((o) => o.override.kind)).toEqual(["shed"]);
    expect((await store.telemetry.site({ resolution: "raw" })).length).toBeGreaterThan(0);
    await store.close();
  }, 60_000);
});
