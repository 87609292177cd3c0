// Shared reading of the small formats this project defines (price series, surplus setpoints, curtailment notices):
// UTF-8 CSV with columns found by header name, or a JSON array of objects. Both hand each record to a callback that
// reads fields by name; a DataFormatError thrown there lands in the ErrorSink with the record's line and column.

import { CsvQuoteError, splitCsvLine } from "./csv-line.js";
import { isBlankCsvLine, splitLines } from "./data-file.js";
import { DataFormatError, type ErrorSink } from "./data-format-error.js";
import { parseIsoWithOffset } from "./iso-time.js";
import { arrayElementPositions } from "./json-lines.js";

/** One CSV line or JSON entry. */
export interface RecordView {
  file: string;
  line: number;
  /** The raw value: a string from CSV, any JSON value from JSON; undefined when absent. */
  value(name: string): unknown;
  /** 1-based column of the field (CSV) or of the entry's start (JSON). */
  column(name: string): number;
}

export function readCsvRecords(
  text: string,
  file: string,
  requiredColumns: readonly string[],
  sink: ErrorSink,
  onRecord: (r: RecordView) => void,
): void {
  const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  for (const name of requiredColumns) {
    if (!header.includes(name))
      throw new DataFormatError(file, 1, 0, `missing column "${name}" in the header`);
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlankCsvLine(line)) continue;
    const lineNo = i + 1;
    guard(sink, () => {
      let cells: string[];
      try {
        cells = splitCsvLine(line);
      } catch (e) {
        if (e instanceof CsvQuoteError) throw new DataFormatError(file, lineNo, e.column, e.message);
        throw e;
      }
      if (cells.length !== header.length) {
        const column = Math.min(cells.length, header.length) + 1;
        throw new DataFormatError(
          file,
          lineNo,
          column,
          `expected ${header.length} columns, found ${cells.length}`,
        );
      }
      onRecord({
        file,
        line: lineNo,
        value: (name) => {
          const index = header.indexOf(name);
          return index < 0 ? undefined : cells[index]?.trim();
        },
        column: (name) => header.indexOf(name) + 1,
      });
    });
  }
}

export function readJsonRecords(
  text: string,
  file: string,
  sink: ErrorSink,
  onRecord: (r: RecordView) => void,
): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataFormatError(file, 1, 0, `not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new DataFormatError(file, 1, 1, "expected a JSON array of entries");
  const positions = arrayElementPositions(text);
  doc.forEach((entry: unknown, index) => {
    const pos = positions[index] ?? { line: 1, column: 0 };
    guard(sink, () => {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        throw new DataFormatError(file, pos.line, pos.column, `entry ${index} is not an object`);
      }
      const fields = entry as Record<string, unknown>;
      onRecord({ file, line: pos.line, value: (name) => fields[name], column: () => pos.column });
    });
  });
}

/** A finite number, written as a JSON number or a plain decimal string. */
export function numberField(r: RecordView, name: string): number {
  const v = r.value(name);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return Number(v);
  throw fieldError(r, name, v === undefined ? "missing" : `non-numeric ${name} ${JSON.stringify(v)}`);
}

export function stringField(r: RecordView, name: string): string {
  const v = r.value(name);
  if (typeof v === "string") return v;
  throw fieldError(r, name, v === undefined ? "missing" : `${name} must be a string`);
}

/** An ISO 8601 timestamp with an explicit offset, as epoch ms. */
export function timeField(r: RecordView, name: string): number {
  const t = parseIsoWithOffset(stringField(r, name));
  if (!t.ok) throw fieldError(r, name, t.reason);
  return t.epochMs;
}

export function fieldError(r: RecordView, name: string, detail: string): DataFormatError {
  return new DataFormatError(r.file, r.line, r.column(name), detail, name);
}

function guard(sink: ErrorSink, read: () => void): void {
  try {
    read();
  } catch (e) {
    if (e instanceof DataFormatError) sink.report(e);
    else throw e;
  }
}
