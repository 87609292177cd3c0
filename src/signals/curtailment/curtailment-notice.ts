// Day-ahead curtailment notices: windows in which the TSO expects to curtail renewables, known before they start.
//
// Timing assumed (reference: Kyushu practice, grid-signals-and-data.md §2.2): Kyushu publishes a 3-day outlook,
// issues the binding next-day instruction on D−1 between 16:00 and 17:00 JST, and may update it on the day. We take
// 17:00 JST on D−1 as the issue time (the latest of that range, so a backtest never knows earlier than reality);
// an on-the-day update is a further notice for the same window with a later `issuedMs`, and supersedes it.
//
// Formats (UTF-8, optionally gzip): CSV `start,end,expected_curtailed_mw,issued` or JSON
// [{start, end, expectedCurtailedMw, issued}], ISO 8601 times with an explicit offset.

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

export interface CurtailmentNotice {
  startMs: number;
  /** Exclusive. */
  endMs: number;
  /** Curtailment the TSO expects in the area during the window (its peak), MW. */
  expectedCurtailedMw: number;
  /** When the notice became known. */
  issuedMs: number;
}

export interface NoticeOptions {
  errorPolicy?: ErrorPolicy;
  file?: string;
}

export interface NoticeResult {
  /** Sorted by start, then by issue time. Overlaps are allowed: later notices update earlier ones. */
  notices: CurtailmentNotice[];
  errors: DataFormatError[];
}

export function parseCurtailmentNoticesCsv(text: string, opts: NoticeOptions = {}): NoticeResult {
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const notices: CurtailmentNotice[] = [];
  readCsvRecords(
    text,
    opts.file ?? "<input>",
    ["start", "end", "expected_curtailed_mw", "issued"],
    sink,
    (r) => notices.push(readNotice(r, "expected_curtailed_mw")),
  );
  return { notices: sortNotices(notices), errors: sink.errors };
}

export function parseCurtailmentNoticesJson(text: string, opts: NoticeOptions = {}): NoticeResult {
  const sink = new ErrorSink(opts.errorPolicy ?? "fail");
  const notices: CurtailmentNotice[] = [];
  readJsonRecords(text, opts.file ?? "<input>", sink, (r) =>
    notices.push(readNotice(r, "expectedCurtailedMw")),
  );
  return { notices: sortNotices(notices), errors: sink.errors };
}

/** Reads `.csv` or `.json`, optionally gzip-compressed. */
export async function loadCurtailmentNotices(path: string, opts: NoticeOptions = {}): Promise<NoticeResult> {
  const text = await readDataText(path, "utf-8");
  const withFile = { ...opts, file: opts.file ?? path };
  return /\.json(\.gz)?$/i.test(path)
    ? parseCurtailmentNoticesJson(text, withFile)
    : parseCurtailmentNoticesCsv(text, withFile);
}

/**
 * The notices a controller could have seen at nowMs: issued at or before nowMs, and where two overlap, only the one
 * issued later (an update replaces what it overlaps). Sorted by start.
 */
export function noticesKnownAt(notices: readonly CurtailmentNotice[], nowMs: number): CurtailmentNotice[] {
  const newestFirst = notices.filter((n) => n.issuedMs <= nowMs).sort((a, b) => b.issuedMs - a.issuedMs);
  const kept: CurtailmentNotice[] = [];
  for (const n of newestFirst) {
    if (!kept.some((k) => n.startMs < k.endMs && k.startMs < n.endMs)) kept.push(n);
  }
  return sortNotices(kept);
}

/** The notice, known at nowMs, whose window contains tMs. */
export function noticeAt(
  notices: readonly CurtailmentNotice[],
  tMs: number,
  nowMs: number,
): CurtailmentNotice | undefined {
  return noticesKnownAt(notices, nowMs).find((n) => n.startMs <= tMs && tMs < n.endMs);
}

function readNotice(r: RecordView, mwField: string): CurtailmentNotice {
  const startMs = timeField(r, "start");
  const endMs = timeField(r, "end");
  if (endMs <= startMs) throw fieldError(r, "end", "end is not after start");
  const expectedCurtailedMw = numberField(r, mwField);
  if (expectedCurtailedMw < 0) throw fieldError(r, mwField, `expected curtailment must be ≥ 0 MW`);
  const issuedMs = timeField(r, "issued");
  if (issuedMs >= endMs) throw fieldError(r, "issued", "issued after the window ended: it announces nothing");
  return { startMs, endMs, expectedCurtailedMw, issuedMs };
}

function sortNotices(notices: CurtailmentNotice[]): CurtailmentNotice[] {
  return notices.sort((a, b) => a.startMs - b.startMs || a.issuedMs - b.issuedMs);
}
