import { DataFileError } from "./data-file-error.js";
import { parseDayMonthYearDate, parseIsoDate } from "./utc-date.js";

// A small RFC 4180 reader that keeps the line and column of every cell, so an error can point at it.
// Quoted cells may contain commas and doubled quotes but not line breaks: no daily series needs them.

export interface CsvCell {
  value: string;
  /** 1-based character column where the cell starts. */
  column: number;
}

export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  cells: CsvCell[];
}

export interface CsvTable {
  file: string;
  header: CsvRow;
  rows: CsvRow[];
}

export interface CsvOptions {
  /** Lines starting with this prefix are ignored (the generic format allows "#" comments). */
  commentPrefix?: string;
}

function parseLine(text: string, line: number, file: string): CsvCell[] {
  const cells: CsvCell[] = [];
  let i = 0;
  for (;;) {
    const column = i + 1;
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new DataFileError("format", "unterminated quoted cell", { file, line, column });
        }
        const ch = text[i];
        if (ch === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      if (i < text.length && text[i] !== ",") {
        throw new DataFileError("format", "text after the closing quote of a cell", {
          file,
          line,
          column: i + 1,
        });
      }
    } else {
      const end = text.indexOf(",", i);
      value = (end === -1 ? text.slice(i) : text.slice(i, end)).trim();
      i = end === -1 ? text.length : end;
    }
    cells.push({ value, column });
    if (i >= text.length) return cells;
    i++; // the comma
  }
}

export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let header: CsvRow | undefined;
  const rows: CsvRow[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    if (options.commentPrefix !== undefined && raw.trimStart().startsWith(options.commentPrefix)) return;
    const cells = parseLine(raw, line, file);
    if (header === undefined) {
      header = { line, cells };
      return;
    }
    if (cells.length !== header.cells.length) {
      const extra = cells[header.cells.length];
      throw new DataFileError(
        "format",
        `expected ${header.cells.length} cells as in the header, found ${cells.length}`,
        { file, line, column: extra?.column ?? raw.length + 1 },
      );
    }
    rows.push({ line, cells });
  });
  if (header === undefined) throw new DataFileError("format", "no header line", { file });
  return { file, header, rows };
}

/** Index of the first header cell named one of `names`; throws a format error naming the header line. */
export function columnIndex(table: CsvTable, names: string | readonly string[]): number {
  const wanted = typeof names === "string" ? [names] : names;
  const index = table.header.cells.findIndex((c) => wanted.includes(c.value));
  if (index === -1) {
    throw new DataFileError("format", `header has no column ${wanted.map((n) => `"${n}"`).join(" or ")}`, {
      file: table.file,
      line: table.header.line,
      column: 1,
    });
  }
  return index;
}

export function cellAt(row: CsvRow, index: number): CsvCell {
  const cell = row.cells[index];
  if (cell === undefined) throw new RangeError(`column index ${index} is outside the table`);
  return cell;
}

export function cellError(
  table: CsvTable,
  row: CsvRow,
  index: number,
  kind: DataFileError["kind"],
  detail: string,
): DataFileError {
  return new DataFileError(kind, detail, {
    file: table.file,
    line: row.line,
    column: cellAt(row, index).column,
    field: table.header.cells[index]?.value ?? `column ${index + 1}`,
  });
}

// Number() accepts "", " 1", "0x1f" and "Infinity"; a data file should contain none of them.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface NumberRule {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Values must be strictly above this. */
  above?: number;
  integer?: boolean;
}

/** Parses a cell as a number; an empty cell gives undefined. Throws a value error naming line and column. */
export function optionalNumberCell(
  table: CsvTable,
  row: CsvRow,
  index: number,
  rule: NumberRule = {},
): number | undefined {
  const text = cellAt(row, index).value;
  if (text === "") return undefined;
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) throw cellError(table, row, index, "value", `not a number: "${text}"`);
  if (rule.integer && !Number.isSafeInteger(value)) {
    throw cellError(table, row, index, "value", `not a whole number: "${text}"`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw cellError(table, row, index, "value", `${text} is below the minimum ${rule.min}`);
  }
  if (rule.above !== undefined && value <= rule.above) {
    throw cellError(table, row, index, "value", `${text} must be greater than ${rule.above}`);
  }
  return value;
}

export function numberCell(table: CsvTable, row: CsvRow, index: number, rule: NumberRule = {}): number {
  const value = optionalNumberCell(table, row, index, rule);
  if (value === undefined) throw cellError(table, row, index, "value", "empty cell");
  return value;
}

export type DateFormat = "yyyy-mm-dd" | "d/m/yyyy";

export function dateCell(
  table: CsvTable,
  row: CsvRow,
  index: number,
  format: DateFormat = "yyyy-mm-dd",
): string {
  const text = cellAt(row, index).value;
  // Some exports append a midnight time ("2024-04-20 00:00:00"); only the day matters.
  const day = text.replace(/[ T]00:00(:00)?Z?$/, "");
  const date = format === "yyyy-mm-dd" ? parseIsoDate(day) : parseDayMonthYearDate(day);
  if (date === undefined) throw cellError(table, row, index, "value", `not a ${format} date: "${text}"`);
  return date;
}

/**
 * Reads one value per dated row into a map keyed by date, enforcing strictly increasing dates.
 * `read` returns undefined to leave a day out (e.g. a blank cell the format allows).
 */
export function readDatedRows<T>(
  table: CsvTable,
  dateIndex: number,
  format: DateFormat,
  read: (row: CsvRow, dateUtc: string) => T | undefined,
): Map<string, T> {
  const byDate = new Map<string, T>();
  let previous: string | undefined;
  for (const row of table.rows) {
    const date = dateCell(table, row, dateIndex, format);
    if (previous !== undefined && date <= previous) {
      throw cellError(table, row, dateIndex, "order", `date ${date} does not follow ${previous}`);
    }
    previous = date;
    const value = read(row, date);
    if (value !== undefined) byDate.set(date, value);
  }
  return byDate;
}
