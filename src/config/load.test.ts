import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "./load.js";
import { configJsonSchema, configSchema } from "./schema.js";

const GOOD = `version: 1
site:
  name: test site
  importLimitW: 4600000
fleet:
  groups:
    - name: row-a
      targets: ["127.0.1.1-10"]
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigText(configSchema, text, "site.yaml");
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.line ?? "?"} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("config", () => {
  it("fills defaults for a minimal file", () => {
    const cfg = parseConfigText(configSchema, GOOD, "site.yaml");
    expect(cfg.fleet.groups[0]?.model).toBe("A1566HA");
    expect(cfg.fleet.groups[0]?.port).toBe(4028);
    expect(cfg.control.intervalS).toBe(5);
    expect(cfg.storage.driver).toBe("sqlite");
    expect(cfg.site.timezone).toBe("Asia/Tokyo");
  });

  it("rejects an unknown key with its path and line", () => {
    const text = GOOD.replace("  importLimitW: 4600000", "  importLimitW: 4600000\n  importLimitKw: 4600");
    expect(problemsOf(text)).toEqual([
      "5 site.importLimitKw: unknown key; allowed keys are listed in the JSON Schema (gridminer config schema)",
    ]);
  });

  it("says what was expected and what was found", () => {
    const text = GOOD.replace("importLimitW: 4600000", 'importLimitW: "4.6 MW"');
    expect(problemsOf(text)).toEqual(['4 site.importLimitW: expected number, found "4.6 MW"']);
  });

  it("names list items and enum choices", () => {
    const text = `${GOOD}control:\n  policy: greenest\n`;
    expect(problemsOf(text)).toEqual([
      '10 control.policy: expected one of "green-only", "economic", "green-and-economic", found "greenest"',
    ]);
    const noTargets = GOOD.replace('      targets: ["127.0.1.1-10"]\n', "");
    expect(problemsOf(noTargets)).toEqual(["7 fleet.groups[0].targets: expected array, found nothing"]);
  });

  it("reports YAML syntax errors with a line", () => {
    const problems = problemsOf("version: 1\nsite: [unclosed\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\d+ \(yaml\): /);
  });

  it("exports a JSON Schema that forbids unknown keys", () => {
    const schema = configJsonSchema() as { additionalProperties: boolean; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["version", "site", "fleet"]);
  });
});
