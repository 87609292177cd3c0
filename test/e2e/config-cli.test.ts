import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

describe("gridminer config", () => {
  it("accepts the shipped examples", async () => {
    for (const file of ["examples/reference-site.yaml", "examples/demo-site.yaml"]) {
      const r = await runCli(["config", "check", file]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/: ok — site "/);
    }
  });

  it("exports a JSON Schema for editors", async () => {
    const r = await runCli(["config", "schema"]);
    const schema = JSON.parse(r.stdout) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual([
      "version",
      "site",
      "fleet",
      "control",
      "signals",
      "planner",
      "storage",
      "demandResponse",
    ]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("lists every problem with file, line and key path, and exits 2", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gm-cfg-")), "site.yaml");
    writeFileSync(
      file,
      `version: 1
site:
  name: x
  importLimitW: 4500000
fleet:
  groups:
    - name: a
      targets: ["127.0.1.1"]
      modle: A1566HA
control:
  minOnS: -5
`,
    );
    const r = await runCli(["config", "check", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:9: fleet.groups[0].modle: unknown key`);
    expect(r.stderr).toContain(
      `${file}:11: control.minOnS: Too small: expected number to be >=0, found number -5`,
    );
  });
});
