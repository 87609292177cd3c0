// Turns rows read from one or more files into a sorted series, reporting duplicates and gaps by file and line so the
// lookups in domain/series.ts can rely on their precondition (sorted, non-overlapping).

import { findGaps, intervalEndMs, type TimeInterval } from "../../domain/series.js";
import { DataFormatError, type ErrorSink } from "./data-format-error.js";

export interface SourceLocation {
  file: string;
  line: number;
}

/** An interval together with the line it was read from. */
export interface LocatedInterval<T extends TimeInterval> extends SourceLocation {
  interval: T;
  /** Column of the time on this line when it differs from line to line (JSON entries). */
  timeColumn?: number;
}

/** A stretch of time no line covers, between the lines on either side. */
export interface DataGap {
  fromMs: number;
  toMs: number;
  after: SourceLocation;
  before: SourceLocation;
}

export interface AssembledSeries<T extends TimeInterval> {
  intervals: T[];
  gaps: DataGap[];
}

/** Where to point a duplicate-time error: the cell that carries the time. */
export interface TimeColumn {
  column: number;
  name: string;
}

/**
 * Sorts by start (stable, so the earlier line wins a tie), reports a row that repeats or overlaps the row before it
 * as an error at the later line, and lists gaps. Under the "skip" policy the later row is dropped.
 */
export function assembleSeries<T extends TimeInterval>(
  rows: LocatedInterval<T>[],
  sink: ErrorSink,
  timeColumn: TimeColumn,
): AssembledSeries<T> {
  const sorted = isSortedByStart(rows)
    ? rows
    : [...rows].sort((a, b) => a.interval.startMs - b.interval.startMs);
  const kept: LocatedInterval<T>[] = [];
  for (const row of sorted) {
    const prev = kept[kept.length - 1];
    if (prev !== undefined && row.interval.startMs < intervalEndMs(prev.interval)) {
      const what = row.interval.startMs === prev.interval.startMs ? "duplicate time" : "overlapping time";
      sink.report(
        new DataFormatError(
          row.file,
          row.line,
          row.timeColumn ?? timeColumn.column,
          `${what}: already covered by ${describe(prev, row.file)}`,
          timeColumn.name,
        ),
      );
      continue;
    }
    kept.push(row);
  }
  const intervals = kept.map((r) => r.interval);
  const gaps = findGaps(intervals).map((g): DataGap => {
    const after = kept[g.afterIndex];
    const before = kept[g.afterIndex + 1];
    return {
      fromMs: g.fromMs,
      toMs: g.toMs,
      after: { file: after?.file ?? "", line: after?.line ?? 0 },
      before: { file: before?.file ?? "", line: before?.line ?? 0 },
    };
  });
  return { intervals, gaps };
}

function isSortedByStart<T extends TimeInterval>(rows: readonly LocatedInterval<T>[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a !== undefined && b !== undefined && b.interval.startMs < a.interval.startMs) return false;
  }
  return true;
}

function describe(loc: SourceLocation, currentFile: string): string {
  return loc.file === currentFile ? `line ${loc.line}` : `${loc.file} line ${loc.line}`;
}
