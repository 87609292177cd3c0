// Generic price series for markets and tariffs other than the JEPX yearly files: CSV `timestamp,price,unit` or a
// JSON array of {timestamp, price, unit}. Each row starts an interval; its length is given or inferred from the
// usual spacing of the rows. Currency stays as written: converting USD or EUR needs an FX rate this layer lacks.

import type { PriceInterval, PriceUnit, QuotedPriceInterval } from "../../domain/series.js";
import { PRICE_UNITS } from "../../domain/series.js";
import { readDataText } from "./data-file.js";
import { type DataFormatError, type ErrorPolicy, ErrorSink } from "./data-format-error.js";
import {
  fieldError,
  numberField,
  type RecordView,
  readCsvRecords,
  readJsonRecords,
  stringField,
  timeField,
} from "./records.js";
import { assembleSeries, type DataGap, type LocatedInterval } from "./series-assembly.js";

export interface PriceSeriesOptions {
  errorPolicy?: ErrorPolicy;
  file?: string;
  /** Length of every interval. Inferred from the most common spacing between rows when absent. */
  intervalMs?: number;
}

export interface PriceSeriesResult {
  /** The unit of every interval; undefined for an empty series. */
  unit: PriceUnit | undefined;
  intervalMs: number | undefined;
  intervals: QuotedPriceInterval[];
  errors: DataFormatError[];
  gaps: DataGap[];
}

/** Accepts the unit spellings in any letter case, e.g. "jpy/kwh". */
export function parsePriceUnit(text: string): PriceUnit | undefined {
  const wanted = text.trim().toLowerCase();
  return PRICE_UNITS.find((u) => u.toLowerCase() === wanted);
}

/** JPY/MWh is rescaled; USD and EUR are refused because that would need an exchange rate. */
export function toJpyPerKwh(intervals: readonly QuotedPriceInterval[]): PriceInterval[] {
  return intervals.map((i) => {
    const base = { startMs: i.startMs, durationMs: i.durationMs };
    if (i.unit === "JPY/kWh") return { ...base, priceJpyPerKwh: i.price };
    if (i.unit === "JPY/MWh") return { ...base, priceJpyPerKwh: i.price / 1000 };
    throw new Error(`cannot express a ${i.unit} price in JPY/kWh without an exchange rate`);
  });
}

interface Point {
  record: RecordView;
  startMs: number;
  price: number;
  unit: PriceUnit;
}

export function parsePriceCsv(text: string, opts: PriceSeriesOptions = {}): PriceSeriesResult {
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const points: Point[] = [];
  readCsvRecords(text, file, ["timestamp", "price", "unit"], sink, (r) => points.push(readPoint(r)));
  return finish(points, file, sink, opts);
}

export function parsePriceJson(text: string, opts: PriceSeriesOptions = {}): PriceSeriesResult {
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const points: Point[] = [];
  readJsonRecords(text, file, sink, (r) => points.push(readPoint(r)));
  return finish(points, file, sink, opts);
}

/** Reads `.csv`, `.json`, and either gzip-compressed (`.csv.gz`, `.json.gz`); UTF-8. */
export async function loadPriceSeries(
  path: string,
  opts: PriceSeriesOptions = {},
): Promise<PriceSeriesResult> {
  const text = await readDataText(path, "utf-8");
  const withFile = { ...opts, file: opts.file ?? path };
  return /\.json(\.gz)?$/i.test(path) ? parsePriceJson(text, withFile) : parsePriceCsv(text, withFile);
}

function readPoint(r: RecordView): Point {
  const startMs = timeField(r, "timestamp");
  const price = numberField(r, "price");
  const unitText = stringField(r, "unit");
  const unit = parsePriceUnit(unitText);
  if (unit === undefined) {
    throw fieldError(r, "unit", `unknown unit "${unitText}" (expected one of ${PRICE_UNITS.join(", ")})`);
  }
  return { record: r, startMs, price, unit };
}

function finish(points: Point[], file: string, sink: ErrorSink, opts: PriceSeriesOptions): PriceSeriesResult {
  const unit = points[0]?.unit;
  const sameUnit = points.filter((p) => {
    if (p.unit === unit) return true;
    sink.report(fieldError(p.record, "unit", `unit ${p.unit} differs from ${unit} on earlier lines`));
    return false;
  });
  const intervalMs = opts.intervalMs ?? inferIntervalMs(sameUnit);
  if (intervalMs === undefined) {
    const first = sameUnit[0];
    if (first !== undefined) {
      sink.report(
        fieldError(
          first.record,
          "timestamp",
          "cannot infer the interval length from a single time; pass intervalMs",
        ),
      );
    }
    return { unit, intervalMs, intervals: [], errors: sink.errors, gaps: [] };
  }
  const located: LocatedInterval<QuotedPriceInterval>[] = sameUnit.map((p) => ({
    file,
    line: p.record.line,
    timeColumn: p.record.column("timestamp"),
    interval: { startMs: p.startMs, durationMs: intervalMs, price: p.price, unit: p.unit },
  }));
  const { intervals, gaps } = assembleSeries(located, sink, { column: 1, name: "timestamp" });
  return { unit, intervalMs, intervals, errors: sink.errors, gaps };
}

/** The most common positive spacing between consecutive times: robust to a few gaps in the data. */
function inferIntervalMs(points: readonly Point[]): number | undefined {
  const starts = points.map((p) => p.startMs).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < starts.length; i++) {
    const d = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && d < best)) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}
