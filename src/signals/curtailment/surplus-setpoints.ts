// Surplus setpoints sent by the utility or an aggregator: "the site may draw up to P W of surplus from start to end".
// Windows may have any length and need not be contiguous; where no window covers an instant there is no surplus.
// Formats (UTF-8, optionally gzip): CSV `start,end,surplus_w` or JSON [{start, end, surplusW}], ISO 8601 times with
// an explicit offset.

import type { PowerInterval } from "../../domain/series.js";
import { readDataText } from "../prices/data-file.js";
import { type DataFormatError, type ErrorPolicy, ErrorSink } from "../prices/data-format-error.js";
import {
  fieldError,
  numberField,
  type RecordView,
  readCsvRecords,
  readJsonRecords,
  timeField,
} from "../prices/records.js";
import { assembleSeries, type DataGap, type LocatedInterval } from "../prices/series-assembly.js";

export interface SetpointOptions {
  errorPolicy?: ErrorPolicy;
  file?: string;
}

export interface SetpointResult {
  /** Sorted, non-overlapping: ready for surplusWAt. */
  setpoints: PowerInterval[];
  errors: DataFormatError[];
  /** Stretches between windows; informational, since no window simply means no surplus. */
  gaps: DataGap[];
}

export function parseSurplusSetpointsCsv(text: string, opts: SetpointOptions = {}): SetpointResult {
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const rows: LocatedInterval<PowerInterval>[] = [];
  readCsvRecords(text, file, ["start", "end", "surplus_w"], sink, (r) =>
    rows.push(readSetpoint(r, "surplus_w")),
  );
  return finish(rows, sink);
}

export function parseSurplusSetpointsJson(text: string, opts: SetpointOptions = {}): SetpointResult {
  const file = opts.file ?? "<input>";
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const rows: LocatedInterval<PowerInterval>[] = [];
  readJsonRecords(text, file, sink, (r) => rows.push(readSetpoint(r, "surplusW")));
  return finish(rows, sink);
}

/** Reads `.csv` or `.json`, optionally gzip-compressed. */
export async function loadSurplusSetpoints(
  path: string,
  opts: SetpointOptions = {},
): Promise<SetpointResult> {
  const text = await readDataText(path, "utf-8");
  const withFile = { ...opts, file: opts.file ?? path };
  return /\.json(\.gz)?$/i.test(path)
    ? parseSurplusSetpointsJson(text, withFile)
    : parseSurplusSetpointsCsv(text, withFile);
}

function readSetpoint(r: RecordView, powerField: string): LocatedInterval<PowerInterval> {
  const startMs = timeField(r, "start");
  const endMs = timeField(r, "end");
  if (endMs <= startMs) throw fieldError(r, "end", "end is not after start");
  const powerW = numberField(r, powerField);
  if (powerW < 0) throw fieldError(r, powerField, `surplus must be ≥ 0 W, got ${powerW}`);
  return {
    file: r.file,
    line: r.line,
    timeColumn: r.column("start"),
    interval: { startMs, durationMs: endMs - startMs, powerW },
  };
}

function finish(rows: LocatedInterval<PowerInterval>[], sink: ErrorSink): SetpointResult {
  const { intervals, gaps } = assembleSeries(rows, sink, { column: 1, name: "start" });
  return { setpoints: intervals, errors: sink.errors, gaps };
}
