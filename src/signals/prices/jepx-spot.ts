// JEPX day-ahead spot results, the yearly `spot_summary_YYYY.csv` as JEPX publishes it (CP932, Japanese headers,
// 30-minute slots 1..48 of a JST delivery day). Columns are found by header name, not position, so that a file with
// columns added or reordered still reads correctly or fails loudly, never shifted by one.

import type { PriceInterval } from "../../domain/series.js";
import { CsvQuoteError, splitCsvLine } from "./csv-line.js";
import { isBlankCsvLine, readDataText, splitLines } from "./data-file.js";
import { DataFormatError, type ErrorPolicy, ErrorSink } from "./data-format-error.js";
import { parseJstDate, SLOT_30MIN_MS } from "./jst.js";
import { assembleSeries, type DataGap, type LocatedInterval } from "./series-assembly.js";

export type JepxArea =
  | "system"
  | "hokkaido"
  | "tohoku"
  | "tokyo"
  | "chubu"
  | "hokuriku"
  | "kansai"
  | "chugoku"
  | "shikoku"
  | "kyushu";

export const JEPX_AREAS: readonly JepxArea[] = [
  "system",
  "hokkaido",
  "tohoku",
  "tokyo",
  "chubu",
  "hokuriku",
  "kansai",
  "chugoku",
  "shikoku",
  "kyushu",
];

/** Header names without their unit suffix, after NFKC normalisation (full-width brackets become ASCII). */
const PRICE_HEADER: Record<JepxArea, string> = {
  system: "システムプライス",
  hokkaido: "エリアプライス北海道",
  tohoku: "エリアプライス東北",
  tokyo: "エリアプライス東京",
  chubu: "エリアプライス中部",
  hokuriku: "エリアプライス北陸",
  kansai: "エリアプライス関西",
  chugoku: "エリアプライス中国",
  shikoku: "エリアプライス四国",
  kyushu: "エリアプライス九州",
};
const DATE_HEADER = "受渡日";
const SLOT_HEADER = "時刻コード";
const PRICE_UNIT = "円/kWh";
const SLOTS_PER_DAY = 48;

export interface JepxSpotOptions {
  /** Which price to read; the site is in Kyushu. */
  area?: JepxArea;
  errorPolicy?: ErrorPolicy;
  /** Name used in error messages when parsing text that did not come from a file. */
  file?: string;
}

export interface JepxSpotResult {
  area: JepxArea;
  /** 30-minute intervals sorted by start, at most one per slot. */
  intervals: PriceInterval[];
  /** Malformed lines that were skipped (only under the "skip" policy; "fail" throws instead). */
  errors: DataFormatError[];
  /** Missing slots between the first and the last interval. */
  gaps: DataGap[];
}

interface Columns {
  count: number;
  date: number;
  slot: number;
  price: number;
  priceName: string;
}

/** Parses the text of one spot_summary file. A header without the needed columns always throws. */
export function parseJepxSpotCsv(text: string, opts: JepxSpotOptions = {}): JepxSpotResult {
  const area = opts.area ?? "kyushu";
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const rows = readRows(text, file, area, sink);
  const { intervals, gaps } = assembleSeries(rows.located, sink, {
    column: rows.columns.slot + 1,
    name: SLOT_HEADER,
  });
  return { area, intervals, errors: sink.errors, gaps };
}

/** Reads one file (`.csv` or `.csv.gz`). */
export async function loadJepxSpotFile(path: string, opts: JepxSpotOptions = {}): Promise<JepxSpotResult> {
  return loadJepxSpotFiles([path], opts);
}

/** Reads several yearly files into one series; a slot present in two files is a duplicate error. */
export async function loadJepxSpotFiles(
  paths: readonly string[],
  opts: JepxSpotOptions = {},
): Promise<JepxSpotResult> {
  const area = opts.area ?? "kyushu";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const located: LocatedInterval<PriceInterval>[] = [];
  let slotColumn = 2;
  for (const path of paths) {
    const text = await readDataText(path, "cp932");
    const rows = readRows(text, path, area, sink);
    slotColumn = rows.columns.slot + 1;
    for (const r of rows.located) located.push(r);
  }
  const { intervals, gaps } = assembleSeries(located, sink, { column: slotColumn, name: SLOT_HEADER });
  return { area, intervals, errors: sink.errors, gaps };
}

function readRows(
  text: string,
  file: string,
  area: JepxArea,
  sink: ErrorSink,
): { columns: Columns; located: LocatedInterval<PriceInterval>[] } {
  const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  const columns = findColumns(lines[0] ?? "", file, area);
  const located: LocatedInterval<PriceInterval>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlankCsvLine(line)) continue;
    const lineNo = i + 1;
    try {
      located.push({ file, line: lineNo, interval: readLine(line, lineNo, file, columns) });
    } catch (e) {
      if (e instanceof DataFormatError) sink.report(e);
      else throw e;
    }
  }
  return { columns, located };
}

function findColumns(headerLine: string, file: string, area: JepxArea): Columns {
  const headers = splitCsvLine(headerLine).map(splitHeader);
  const find = (name: string): number => {
    const index = headers.findIndex((h) => h.name === name);
    if (index < 0) throw new DataFormatError(file, 1, 0, `missing column "${name}" in the header`);
    return index;
  };
  const price = find(PRICE_HEADER[area]);
  const priceHeader = headers[price];
  if (priceHeader?.unit !== undefined && priceHeader.unit !== PRICE_UNIT) {
    throw new DataFormatError(
      file,
      1,
      price + 1,
      `price unit is "${priceHeader.unit}", expected "${PRICE_UNIT}"`,
      priceHeader.raw,
    );
  }
  return {
    count: headers.length,
    date: find(DATE_HEADER),
    slot: find(SLOT_HEADER),
    price,
    priceName: priceHeader?.raw ?? PRICE_HEADER[area],
  };
}

/** `エリアプライス九州(円/kWh)` → name and unit; NFKC so that `（円/kWh）` in full-width reads the same. */
function splitHeader(raw: string): { raw: string; name: string; unit: string | undefined } {
  const normalized = raw.normalize("NFKC").trim();
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(normalized);
  return m === null ? { raw, name: normalized, unit: undefined } : { raw, name: m[1] ?? "", unit: m[2] };
}

function readLine(line: string, lineNo: number, file: string, c: Columns): PriceInterval {
  let cells: string[];
  try {
    cells = splitCsvLine(line);
  } catch (e) {
    if (e instanceof CsvQuoteError) throw new DataFormatError(file, lineNo, e.column, e.message);
    throw e;
  }
  if (cells.length !== c.count) {
    const column = Math.min(cells.length, c.count) + 1;
    throw new DataFormatError(file, lineNo, column, `expected ${c.count} columns, found ${cells.length}`);
  }
  const dateText = cells[c.date] ?? "";
  const dayStartMs = parseJstDate(dateText);
  if (dayStartMs === undefined) {
    throw new DataFormatError(
      file,
      lineNo,
      c.date + 1,
      `bad date "${dateText}" (expected YYYY/M/D)`,
      DATE_HEADER,
    );
  }
  const slotText = (cells[c.slot] ?? "").trim();
  const slot = /^\d{1,2}$/.test(slotText) ? Number(slotText) : Number.NaN;
  if (!(slot >= 1 && slot <= SLOTS_PER_DAY)) {
    throw new DataFormatError(
      file,
      lineNo,
      c.slot + 1,
      `slot "${slotText}" out of range 1..${SLOTS_PER_DAY}`,
      SLOT_HEADER,
    );
  }
  const priceText = (cells[c.price] ?? "").trim();
  if (!/^-?\d+(\.\d+)?$/.test(priceText)) {
    throw new DataFormatError(file, lineNo, c.price + 1, `non-numeric price "${priceText}"`, c.priceName);
  }
  return {
    startMs: dayStartMs + (slot - 1) * SLOT_30MIN_MS,
    durationMs: SLOT_30MIN_MS,
    priceJpyPerKwh: Number(priceText),
  };
}
