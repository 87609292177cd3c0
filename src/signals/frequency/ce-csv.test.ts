import { describe, expect, it } from "vitest";
import { FrequencyDataError, parseCeFrequencyCsv } from "./ce-csv.js";

const HEADER = "frequency,time,phase,d";
// The first lines of data/grid-frequency-ce/freq_2024-08-24.csv.gz.
const REAL = [
  HEADER,
  "50.01,24.08.2024 00:00:00,100.4,7.0",
  "50.006,24.08.2024 00:00:01,102.6,7.0",
  "50.002,24.08.2024 00:00:02,103.4,7.0",
];

function errorOf(text: string): FrequencyDataError {
  try {
    parseCeFrequencyCsv(text, "freq.csv");
  } catch (e) {
    if (e instanceof FrequencyDataError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("parseCeFrequencyCsv", () => {
  it("reads Berlin summer time as UTC+2", () => {
    const data = parseCeFrequencyCsv(`${REAL.join("\r\n")}\r\n`, "freq.csv");
    expect(data.samples).toEqual([
      { atMs: Date.UTC(2024, 7, 23, 22, 0, 0), frequencyHz: 50.01 },
      { atMs: Date.UTC(2024, 7, 23, 22, 0, 1), frequencyHz: 50.006 },
      { atMs: Date.UTC(2024, 7, 23, 22, 0, 2), frequencyHz: 50.002 },
    ]);
    expect(data.implausibleLines).toEqual([]);
  });

  it("drops logger drop-outs (0.000 Hz) and keeps the later of two lines for one second", () => {
    const data = parseCeFrequencyCsv(
      [
        HEADER,
        "50.01,24.08.2024 00:00:00,1,7.0",
        "0.000,24.08.2024 00:00:01,1,7.0",
        "49.98,24.08.2024 00:00:02,1,7.0",
        "49.99,24.08.2024 00:00:02,1,7.0",
      ].join("\n"),
      "freq.csv",
    );
    expect(data.samples.map((s) => s.frequencyHz)).toEqual([50.01, 49.99]);
    expect(data.implausibleLines).toEqual([3]);
    expect(data.duplicateLines).toEqual([5]);
  });

  it("accepts the logger's occasional unpadded field, as in line 61677 of the 2024-08-24 file", () => {
    const data = parseCeFrequencyCsv([HEADER, "49.982,24.08.2024 17:08:7,201.95,7.0"].join("\n"), "freq.csv");
    expect(data.samples).toEqual([{ atMs: Date.UTC(2024, 7, 24, 15, 8, 7), frequencyHz: 49.982 }]);
  });

  it("passes through the repeated October hour in file order", () => {
    const data = parseCeFrequencyCsv(
      [HEADER, "50,27.10.2024 02:59:59,1,7", "50,27.10.2024 02:00:00,1,7", "50,27.10.2024 02:00:01,1,7"].join(
        "\n",
      ),
      "freq.csv",
    );
    expect(data.samples.map((s) => s.atMs)).toEqual([
      Date.UTC(2024, 9, 27, 0, 59, 59),
      Date.UTC(2024, 9, 27, 1),
      Date.UTC(2024, 9, 27, 1, 0, 1),
    ]);
  });

  it.each([
    [
      [HEADER, "5O.01,24.08.2024 00:00:00,1,7"],
      'freq.csv: line 2, column 1 (frequency): "5O.01" is not a number',
    ],
    [
      [...REAL, "50.0,24.08.2024 00:03,1,7"],
      'freq.csv: line 5, column 2 (time): "24.08.2024 00:03" is not "DD.MM.YYYY HH:MM:SS"',
    ],
    [
      [...REAL, "50.0,31.02.2024 00:00:03,1,7"],
      'freq.csv: line 5, column 2 (time): "31.02.2024 00:00:03" not a valid calendar date and time',
    ],
    [
      [...REAL, "50.0,24.08.2024 00:00:01,1,7"],
      'freq.csv: line 5, column 2 (time): "24.08.2024 00:00:01" is earlier than the line before',
    ],
    [[...REAL, "50.0,24.08.2024 00:00:03,1"], "freq.csv: line 5: expected 4 cells, got 3"],
    [
      [HEADER, "50,31.03.2024 02:30:00,1,7"],
      'freq.csv: line 2, column 2 (time): "31.03.2024 02:30:00" falls in the hour skipped',
    ],
    [["time,frequency,phase,d"], 'freq.csv: line 1: header must be "frequency,time,phase,d"'],
  ])("points at the bad cell: %j", (lines, message) => {
    const e = errorOf(lines.join("\n"));
    expect(e.message.startsWith(message)).toBe(true);
  });

  it("exposes file, line and column for tools", () => {
    const e = errorOf([HEADER, "50.0,x,1,7"].join("\n"));
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({
      file: "freq.csv",
      line: 2,
      column: 2,
    });
  });
});
