import { DataFileError } from "./data-file-error.js";
import { utcDateFromMs } from "./utc-date.js";

// blockchain.com charts API format: {"<metric>": [{"x": ms epoch at 00:00 UTC, "y": value}, ...], ...}
// (transaction-fees: total fees per day, BTC). Errors point at the offending element's line and column.

const DAY_MS = 86_400_000;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offsets of the elements of the top-level array under `key`; enough of a JSON scanner to point at one. */
function elementOffsets(text: string, key: string): number[] {
  const offsets: number[] = [];
  const keyAt = text.indexOf(JSON.stringify(key));
  const open = keyAt === -1 ? -1 : text.indexOf("[", keyAt);
  if (open === -1) return offsets;
  let depth = 0;
  let inString = false;
  let expectElement = true;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") continue;
    if (depth === 0 && ch === "]") break;
    if (depth === 0 && ch === ",") {
      expectElement = true;
      continue;
    }
    if (depth === 0 && expectElement) {
      offsets.push(i);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
  }
  return offsets;
}

/** Parses one metric of a blockchain.com chart file into values keyed by UTC day. */
export function parseBlockchainComChartJson(text: string, file: string, metric: string): Map<string, number> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    // V8 names a character position for most syntax errors; turn it into line:column when it does.
    const position = /at position (\d+)/.exec(String((cause as Error).message))?.[1];
    const at = position === undefined ? {} : lineAndColumn(text, Number(position));
    throw new DataFileError("format", `not valid JSON (${(cause as Error).message})`, { file, ...at, cause });
  }
  const points =
    typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>)[metric] : undefined;
  if (!Array.isArray(points)) {
    throw new DataFileError("format", `no array "${metric}" at the top level`, { file, line: 1, column: 1 });
  }
  const offsets = elementOffsets(text, metric);
  const byDate = new Map<string, number>();
  let previousMs = Number.NEGATIVE_INFINITY;
  points.forEach((point: unknown, i) => {
    const fail = (kind: DataFileError["kind"], detail: string): DataFileError =>
      new DataFileError(kind, detail, {
        file,
        ...lineAndColumn(text, offsets[i] ?? 0),
        field: `${metric}[${i}]`,
      });
    const { x, y } = (typeof point === "object" && point !== null ? point : {}) as {
      x?: unknown;
      y?: unknown;
    };
    if (typeof x !== "number" || !Number.isSafeInteger(x) || x % DAY_MS !== 0) {
      throw fail("value", `x must be a UTC midnight in epoch ms, got ${JSON.stringify(x)}`);
    }
    if (typeof y !== "number" || !Number.isFinite(y) || y < 0) {
      throw fail("value", `y must be a non-negative number, got ${JSON.stringify(y)}`);
    }
    if (x <= previousMs)
      throw fail("order", `date ${utcDateFromMs(x)} does not follow ${utcDateFromMs(previousMs)}`);
    previousMs = x;
    byDate.set(utcDateFromMs(x), y);
  });
  return byDate;
}
