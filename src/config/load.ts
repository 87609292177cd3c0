import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. "fleet.groups[0].targets". */
  path: string;
  /** 1-based line in the file, when the key can be located. */
  line?: number;
  message: string;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[]) {
    const lines = problems.map(
      (p) => `  ${file}${p.line === undefined ? "" : `:${p.line}`}: ${p.path}: ${p.message}`,
    );
    super(`invalid configuration in ${file}:\n${lines.join("\n")}`);
    this.name = "ConfigError";
    this.file = file;
    this.problems = problems;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part as string];
  }
  return cur;
}

function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

function issueToProblem(
  issue: z.core.$ZodIssue,
  raw: unknown,
): Omit<ConfigProblem, "line"> & { at: PropertyKey[] } {
  const at = [...issue.path];
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0] ?? "";
      return {
        at: [...at, key],
        path: formatPath([...at, key]),
        message: `unknown key${issue.keys.length > 1 ? `s ${issue.keys.map((k) => `"${k}"`).join(", ")}` : ""}; allowed keys are listed in the JSON Schema (gridminer config schema)`,
      };
    }
    case "invalid_type":
      return {
        at,
        path: formatPath(at),
        message: `expected ${issue.expected}, found ${describeFound(valueAt(raw, at))}`,
      };
    case "invalid_value":
      return {
        at,
        path: formatPath(at),
        message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, found ${describeFound(valueAt(raw, at))}`,
      };
    default:
      return {
        at,
        path: formatPath(at),
        message: `${issue.message}, found ${describeFound(valueAt(raw, at))}`,
      };
  }
}

/** Parses YAML text and validates it, reporting every problem with its key path and line. */
export function parseConfigText<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: "(yaml)",
        line: e.linePos?.[0]?.line ?? 0,
        message: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const p = issueToProblem(issue, raw);
    const line = lineOf(doc, p.at, lineCounter);
    return line === undefined
      ? { path: p.path, message: p.message }
      : { path: p.path, line, message: p.message };
  });
  throw new ConfigError(file, problems);
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: PropertyKey[],
  lc: LineCounter,
): number | undefined {
  // Walk up until a node exists: a missing key is reported at its parent's line.
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub as (string | number)[], true);
    if (node && typeof node === "object" && "range" in node) {
      const range = (node as { range?: [number, number, number] }).range;
      if (range) {
        // For a mapping key, prefer the key's own line over the value's.
        if (depth > 0 && depth === path.length) {
          const parent =
            sub.length === 1 ? doc.contents : doc.getIn(sub.slice(0, -1) as (string | number)[], true);
          if (isMap(parent)) {
            const pair = parent.items.find(
              (it) => (it.key as { value?: unknown })?.value === sub[sub.length - 1],
            );
            const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
            if (keyRange) return lc.linePos(keyRange[0]).line;
          } else if (isSeq(parent)) {
            return lc.linePos(range[0]).line;
          }
        }
        return lc.linePos(range[0]).line;
      }
    }
  }
  return undefined;
}

export function loadConfigFile<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, [{ path: "(file)", message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseConfigText(schema, text, file);
}
