// The 1-second Continental-Europe frequency logs in data/grid-frequency-ce/: `frequency,time,phase,d`, e.g.
// `49.898,24.08.2024 20:00:14,189.2,7.0`. The time is read as Europe/Berlin civil time (CET/CEST). That is an
// assumption: the source states no zone (see data/grid-frequency-ce/SOURCE.md).
// Only frequency and time are used; phase and d are undocumented and passed over.
import { berlinToUtcMs } from "./berlin-time.js";
import { type FrequencySample, isPlausibleFrequencyHz } from "./sample.js";

export const CE_HEADER = ["frequency", "time", "phase", "d"] as const;

/** A line of a frequency file that cannot be read. Line and column are 1-based; column 0 means the whole line. */
export class FrequencyDataError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly detail: string;

  constructor(file: string, line: number, column: number, detail: string) {
    const columnName = CE_HEADER[column - 1];
    const where =
      column === 0 ? "" : `, column ${column}${columnName === undefined ? "" : ` (${columnName})`}`;
    super(`${file}: line ${line}${where}: ${detail}`);
    this.name = "FrequencyDataError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}

export interface CeFrequencyData {
  /** Sorted by time, one per second at most. */
  readonly samples: readonly FrequencySample[];
  /** Lines whose frequency is outside the plausible band (loggers write 0.000 when they lose the feed). */
  readonly implausibleLines: readonly number[];
  /** Lines repeating the previous line's second; the later line's value is kept. */
  readonly duplicateLines: readonly number[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// The logger now and then drops a leading zero ("24.08.2024 17:08:7"); the value is still unambiguous.
const TIME = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Parses a whole file. Throws FrequencyDataError at the first malformed line. */
export function parseCeFrequencyCsv(text: string, file: string): CeFrequencyData {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const header = lines[0]?.split(",").map((h) => h.trim());
  if (header === undefined || header.join(",") !== CE_HEADER.join(",")) {
    throw new FrequencyDataError(
      file,
      1,
      0,
      `header must be "${CE_HEADER.join(",")}", got ${JSON.stringify(lines[0] ?? "")}`,
    );
  }

  const samples: FrequencySample[] = [];
  const implausibleLines: number[] = [];
  const duplicateLines: number[] = [];
  let previousMs = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const cells = line.split(",");
    if (cells.length !== CE_HEADER.length) {
      throw new FrequencyDataError(
        file,
        lineNo,
        0,
        `expected ${CE_HEADER.length} cells, got ${cells.length}`,
      );
    }
    const [frequencyCell = "", timeCell = ""] = cells.map((c) => c.trim());
    if (!NUMBER.test(frequencyCell)) {
      throw new FrequencyDataError(file, lineNo, 1, `${JSON.stringify(frequencyCell)} is not a number`);
    }
    const frequencyHz = Number(frequencyCell);

    const m = TIME.exec(timeCell);
    if (m === null) {
      throw new FrequencyDataError(
        file,
        lineNo,
        2,
        `${JSON.stringify(timeCell)} is not "DD.MM.YYYY HH:MM:SS"`,
      );
    }
    const [, dd, mo, yyyy, hh, mi, ss] = m.map(Number);
    const converted = berlinToUtcMs(
      { year: yyyy ?? 0, month: mo ?? 0, day: dd ?? 0, hour: hh ?? 0, minute: mi ?? 0, second: ss ?? 0 },
      previousMs,
    );
    if (!converted.ok)
      throw new FrequencyDataError(file, lineNo, 2, `${JSON.stringify(timeCell)} ${converted.error}`);
    const atMs = converted.utcMs;
    if (atMs < previousMs) {
      throw new FrequencyDataError(
        file,
        lineNo,
        2,
        `${JSON.stringify(timeCell)} is earlier than the line before`,
      );
    }

    if (!isPlausibleFrequencyHz(frequencyHz)) {
      implausibleLines.push(lineNo);
      continue;
    }
    if (atMs === previousMs && samples.length > 0) {
      duplicateLines.push(lineNo);
      samples[samples.length - 1] = { atMs, frequencyHz };
      continue;
    }
    samples.push({ atMs, frequencyHz });
    previousMs = atMs;
  }
  return { samples, implausibleLines, duplicateLines };
}
