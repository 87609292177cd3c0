// Strict reading of the backtest's own CSV inputs: a header naming known columns only (an unknown one is an error
// at line 1, so a misspelt optional column is never silently ignored), one value per column on every row, and a
// time column that moves forward by one interval per row. A UTC offset that changes between rows is a
// daylight-saving shift: fine when the series stays continuous in UTC, an error naming both lines when it does not.
import { CsvQuoteError, splitCsvLine } from "../../signals/prices/csv-line.js";
import { isBlankCsvLine, splitLines } from "../../signals/prices/data-file.js";
import { DataFormatError } from "../../signals/prices/data-format-error.js";
import { parseIsoWithOffset } from "../../signals/prices/iso-time.js";
import type { LocatedGap } from "./slot-series.js";

export interface CsvRow {
  readonly line: number;
  /** Trimmed cell of a column, "" when the column is absent from the header. */
  cell(name: string): string;
  column(name: string): number;
}

export interface StrictCsv {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

export function readStrictCsv(
  text: string,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
): StrictCsv {
  const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  let headerLine = 0;
  while (headerLine < lines.length && /^\s*(#|$)/.test(lines[headerLine] ?? "")) headerLine++;
  if (headerLine >= lines.length) throw new DataFormatError(file, 1, 0, "empty file: expected a header line");
  const header = splitCsvLine(lines[headerLine] ?? "").map((h) => h.trim().toLowerCase());
  const known = [...required, ...optional];
  header.forEach((name, i) => {
    if (!known.includes(name)) {
      throw new DataFormatError(
        file,
        headerLine + 1,
        i + 1,
        `unknown column "${name}"; the columns are ${required.join(", ")}${optional.length > 0 ? ` and optionally ${optional.join(", ")}` : ""}`,
        name,
      );
    }
    if (header.indexOf(name) !== i) {
      throw new DataFormatError(file, headerLine + 1, i + 1, `column "${name}" appears twice`, name);
    }
  });
  for (const name of required) {
    if (!header.includes(name)) {
      throw new DataFormatError(file, headerLine + 1, 0, `missing column "${name}" in the header`);
    }
  }
  const rows: CsvRow[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (isBlankCsvLine(text) || /^\s*#/.test(text)) continue;
    const line = i + 1;
    let cells: string[];
    try {
      cells = splitCsvLine(text);
    } catch (e) {
      if (e instanceof CsvQuoteError) throw new DataFormatError(file, line, e.column, e.message);
      throw e;
    }
    if (cells.length !== header.length) {
      throw new DataFormatError(
        file,
        line,
        Math.min(cells.length, header.length) + 1,
        `expected ${header.length} values (${header.join(", ")}), found ${cells.length}`,
      );
    }
    rows.push({
      line,
      cell: (name) => cells[header.indexOf(name)]?.trim() ?? "",
      column: (name) => header.indexOf(name) + 1,
    });
  }
  return { file, header, rows };
}

/** A decimal number in a cell, or a DataFormatError at that cell. */
export function numberCell(file: string, row: CsvRow, name: string): number {
  const text = row.cell(name);
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  throw new DataFormatError(
    file,
    row.line,
    row.column(name),
    text === "" ? `missing ${name}` : `non-numeric ${name} "${text}"`,
    name,
  );
}

export interface TimedRow {
  readonly row: CsvRow;
  readonly startMs: number;
  /** The UTC offset as written, e.g. "+01:00" or "Z". */
  readonly offset: string;
  readonly text: string;
}

export function timedRows(csv: StrictCsv, column: string): TimedRow[] {
  return csv.rows.map((row) => {
    const text = row.cell(column);
    const parsed = parseIsoWithOffset(text);
    if (!parsed.ok) throw new DataFormatError(csv.file, row.line, row.column(column), parsed.reason, column);
    const offset = /(Z|[+-]\d{2}:?\d{2})$/i.exec(text)?.[1] ?? "";
    return { row, startMs: parsed.epochMs, offset, text };
  });
}

/** The most common spacing between consecutive rows, robust to a few gaps. */
export function usualSpacingMs(rows: readonly TimedRow[]): number | undefined {
  const counts = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const d = (rows[i] as TimedRow).startMs - (rows[i - 1] as TimedRow).startMs;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [d, n] of counts)
    if (n > bestCount || (n === bestCount && best !== undefined && d < best)) [best, bestCount] = [d, n];
  return best;
}

export interface CheckedSeries {
  readonly intervalMs: number;
  readonly gaps: LocatedGap[];
  /** Daylight-saving shifts that keep the series continuous, for the report. */
  readonly shifts: string[];
}

const minutes = (ms: number) => `${ms / 60_000} min`;

/** Rows must advance by exactly one interval; a larger step is a gap, anything else an error at the later line. */
export function checkSeries(
  file: string,
  column: string,
  rows: readonly TimedRow[],
  intervalMs?: number,
): CheckedSeries {
  const first = rows[0];
  if (first === undefined) throw new DataFormatError(file, 1, 0, "no data rows");
  const interval = intervalMs ?? usualSpacingMs(rows);
  if (interval === undefined) {
    throw new DataFormatError(
      file,
      first.row.line,
      first.row.column(column),
      "a single row: pass --interval-min",
      column,
    );
  }
  const gaps: LocatedGap[] = [];
  const shifts: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as TimedRow;
    const b = rows[i] as TimedRow;
    const d = b.startMs - a.startMs;
    const shifted = a.offset !== b.offset;
    const fail = (detail: string) => {
      throw new DataFormatError(file, b.row.line, b.row.column(column), detail, column);
    };
    const dstWhy =
      `the UTC offset changes here (${a.offset} on line ${a.row.line} → ${b.offset}), a daylight-saving shift, ` +
      "but the clock time does not move with it: write each row's time with the offset in force at that time";
    if (d === interval) {
      if (shifted)
        shifts.push(
          `${file}: line ${b.row.line}: UTC offset ${a.offset} → ${b.offset} (daylight saving), continuous in UTC`,
        );
      continue;
    }
    if (d === 0) {
      fail(
        shifted
          ? `${b.text} is the same instant as line ${a.row.line} (${a.text}): ${dstWhy}`
          : `duplicate timestamp: ${b.text} is the same instant as line ${a.row.line} (a repeated hour at a ` +
              "daylight-saving change? give each row the UTC offset in force then)",
      );
    }
    if (d < 0)
      fail(
        `${b.text} is before line ${a.row.line} (${a.text}): ${shifted ? dstWhy : "rows must be in time order"}`,
      );
    if (shifted)
      fail(`${b.text} is ${minutes(d)} after line ${a.row.line}, not ${minutes(interval)}: ${dstWhy}`);
    if (d % interval !== 0) {
      fail(`${b.text} is ${minutes(d)} after line ${a.row.line}; rows must be ${minutes(interval)} apart`);
    }
    gaps.push({
      fromMs: a.startMs + interval,
      toMs: b.startMs,
      after: { file, line: a.row.line },
      before: { file, line: b.row.line },
    });
  }
  return { intervalMs: interval, gaps, shifts };
}
