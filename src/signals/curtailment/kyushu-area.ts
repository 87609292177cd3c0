// Kyushu TSO area supply–demand actuals (エリア需給実績), the quarterly CSV files Kyushu Electric Power Transmission &
// Distribution publishes: CP932, CRLF, two header rows (row 1 groups the solar and wind columns, row 2 names every
// column), hourly rows, values in MWh per hour (= average MW over the hour). Column names changed between fiscal
// years (火力/火力等, 揚水/揚水等, 連系線/連系線潮流), so columns are found by name, never by position.

import type { TimeInterval } from "../../domain/series.js";
import { CsvQuoteError, splitCsvLine } from "../prices/csv-line.js";
import { isBlankCsvLine, readDataText, splitLines } from "../prices/data-file.js";
import { DataFormatError, type ErrorPolicy, ErrorSink } from "../prices/data-format-error.js";
import { HOUR_MS, parseJstDateTime } from "../prices/jst.js";
import { assembleSeries, type DataGap, type LocatedInterval } from "../prices/series-assembly.js";

/** One hour of the Kyushu area balance. Negative pumped storage = pumping; negative interconnector = export. */
export interface AreaSupplyDemandHour extends TimeInterval {
  demandMw: number;
  solarMw: number;
  solarCurtailedMw: number;
  windMw: number;
  windCurtailedMw: number;
  nuclearMw?: number;
  thermalMw?: number;
  hydroMw?: number;
  geothermalMw?: number;
  biomassMw?: number;
  pumpedStorageMw?: number;
  interconnectorMw?: number;
}

type ValueField = Exclude<keyof AreaSupplyDemandHour, keyof TimeInterval>;

const REQUIRED: readonly ValueField[] = [
  "demandMw",
  "solarMw",
  "solarCurtailedMw",
  "windMw",
  "windCurtailedMw",
];

/** Header (row-1 group + "/" + row-2 name, unit stripped) → field. Every spelling seen in FY2016–2023 files. */
const FIELD_BY_HEADER: ReadonlyMap<string, ValueField> = new Map([
  ["エリア需要", "demandMw"],
  ["原子力", "nuclearMw"],
  ["火力", "thermalMw"],
  ["火力等", "thermalMw"],
  ["水力", "hydroMw"],
  ["地熱", "geothermalMw"],
  ["バイオマス", "biomassMw"],
  ["太陽光/実績", "solarMw"],
  ["太陽光/抑制量", "solarCurtailedMw"],
  ["風力/実績", "windMw"],
  ["風力/抑制量", "windCurtailedMw"],
  ["揚水", "pumpedStorageMw"],
  ["揚水等", "pumpedStorageMw"],
  ["連系線", "interconnectorMw"],
  ["連系線潮流", "interconnectorMw"],
]);
const TIME_HEADER = "DATE_TIME";
/** MWh per hour is numerically the average MW over that hour, which is what the fields hold. */
const ACCEPTED_UNITS = new Set(["MWh", "MW"]);
const HEADER_ROWS = 2;

export interface KyushuAreaOptions {
  errorPolicy?: ErrorPolicy;
  file?: string;
}

export interface KyushuAreaResult {
  /** Hourly rows sorted by start, one per hour. */
  hours: AreaSupplyDemandHour[];
  errors: DataFormatError[];
  gaps: DataGap[];
}

interface ColumnMap {
  count: number;
  time: number;
  fields: { index: number; field: ValueField; header: string }[];
}

/** Parses the text of one quarterly file. A header that lacks a required column always throws. */
export function parseKyushuAreaCsv(text: string, opts: KyushuAreaOptions = {}): KyushuAreaResult {
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const located = readRows(text, file, sink);
  const { intervals, gaps } = assembleSeries(located, sink, { column: 1, name: TIME_HEADER });
  return { hours: intervals, errors: sink.errors, gaps };
}

/** Reads one or more quarterly files (`.csv` or `.csv.gz`) into one hourly series. */
export async function loadKyushuAreaFiles(
  paths: readonly string[],
  opts: KyushuAreaOptions = {},
): Promise<KyushuAreaResult> {
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const located: LocatedInterval<AreaSupplyDemandHour>[] = [];
  for (const path of paths) {
    const text = await readDataText(path, "cp932");
    for (const row of readRows(text, path, sink)) located.push(row);
  }
  const { intervals, gaps } = assembleSeries(located, sink, { column: 1, name: TIME_HEADER });
  return { hours: intervals, errors: sink.errors, gaps };
}

function readRows(text: string, file: string, sink: ErrorSink): LocatedInterval<AreaSupplyDemandHour>[] {
  const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  const columns = mapColumns(lines[0] ?? "", lines[1] ?? "", file, sink);
  const located: LocatedInterval<AreaSupplyDemandHour>[] = [];
  for (let i = HEADER_ROWS; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlankCsvLine(line)) continue;
    try {
      located.push({ file, line: i + 1, interval: readLine(line, i + 1, file, columns) });
    } catch (e) {
      if (e instanceof DataFormatError) sink.report(e);
      else throw e;
    }
  }
  return located;
}

function mapColumns(groupLine: string, nameLine: string, file: string, sink: ErrorSink): ColumnMap {
  const groups = splitCsvLine(groupLine);
  const names = splitCsvLine(nameLine);
  let time = -1;
  const fields: ColumnMap["fields"] = [];
  names.forEach((raw, index) => {
    const { name, unit } = splitUnit(raw);
    if (name === TIME_HEADER) {
      time = index;
      return;
    }
    const group = (groups[index] ?? "").normalize("NFKC").trim();
    const key = group === "" ? name : `${group}/${name}`;
    const field = FIELD_BY_HEADER.get(key);
    if (field === undefined) {
      sink.report(new DataFormatError(file, HEADER_ROWS, index + 1, `unknown column "${key}"`, raw));
      return;
    }
    if (unit !== undefined && !ACCEPTED_UNITS.has(unit)) {
      throw new DataFormatError(file, HEADER_ROWS, index + 1, `unit "${unit}", expected MWh`, raw);
    }
    if (fields.some((f) => f.field === field)) {
      throw new DataFormatError(file, HEADER_ROWS, index + 1, `second column for ${field}`, raw);
    }
    fields.push({ index, field, header: key });
  });
  if (time < 0) throw new DataFormatError(file, HEADER_ROWS, 0, `missing column "${TIME_HEADER}"`);
  for (const required of REQUIRED) {
    if (!fields.some((f) => f.field === required)) {
      throw new DataFormatError(file, HEADER_ROWS, 0, `missing a column for ${required}`);
    }
  }
  return { count: names.length, time, fields };
}

/** `エリア需要〔MWh〕` → name and unit; NFKC first so that half- and full-width spellings compare equal. */
function splitUnit(raw: string): { name: string; unit: string | undefined } {
  const s = raw.normalize("NFKC").trim();
  const m = /^(.*?)\s*[〔[(]([^〕\])]*)[〕\])]$/.exec(s);
  return m === null ? { name: s, unit: undefined } : { name: m[1] ?? "", unit: m[2] };
}

function readLine(line: string, lineNo: number, file: string, c: ColumnMap): AreaSupplyDemandHour {
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
  const timeText = cells[c.time] ?? "";
  const startMs = parseJstDateTime(timeText);
  if (startMs === undefined || startMs % HOUR_MS !== 0) {
    throw new DataFormatError(
      file,
      lineNo,
      c.time + 1,
      `bad time "${timeText}" (expected YYYY/M/D H:00, JST)`,
      TIME_HEADER,
    );
  }
  const hour: Partial<Record<ValueField, number>> = {};
  for (const f of c.fields) {
    const value = parseQuantity(cells[f.index] ?? "");
    if (value === undefined) {
      throw new DataFormatError(file, lineNo, f.index + 1, `non-numeric value "${cells[f.index]}"`, f.header);
    }
    hour[f.field] = value;
  }
  const { demandMw, solarMw, solarCurtailedMw, windMw, windCurtailedMw, ...rest } = hour;
  return {
    startMs,
    durationMs: HOUR_MS,
    demandMw: demandMw ?? 0,
    solarMw: solarMw ?? 0,
    solarCurtailedMw: solarCurtailedMw ?? 0,
    windMw: windMw ?? 0,
    windCurtailedMw: windCurtailedMw ?? 0,
    ...rest,
  };
}

/** `7650`, `-1012`, `307.8`, or `8,162` with thousands separators (quoted; the FY2018 Q4 file writes them so). */
function parseQuantity(text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replaceAll(",", ""));
  return undefined;
}
