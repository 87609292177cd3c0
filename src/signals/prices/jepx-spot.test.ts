import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { type PriceInterval, valueAt } from "../../domain/series.js";
import { bundledJepxSpotFile, bundledJepxSpotYears } from "./bundled-data.js";
import { decodeText } from "./data-file.js";
import { DataFormatError } from "./data-format-error.js";
import { JEPX_AREAS, loadJepxSpotFile, loadJepxSpotFiles, parseJepxSpotCsv } from "./jepx-spot.js";

const FIXTURE = fileURLToPath(
  new URL("../../../fixtures/data/jepx-spot/spot_summary_2021_first2days.csv", import.meta.url),
);
const priceOf = (i: PriceInterval) => i.priceJpyPerKwh;
/** Epoch ms of slot n (1..48) of a JST delivery day. */
const slot = (date: string, n: number) => Date.parse(`${date}T00:00:00+09:00`) + (n - 1) * 1_800_000;

async function fixtureLines(): Promise<string[]> {
  return decodeText(await readFile(FIXTURE), "cp932").split("\r\n");
}

function errorOf(run: () => unknown): DataFormatError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataFormatError) return e;
    throw e;
  }
  throw new Error("expected a DataFormatError");
}

describe("JEPX spot_summary yearly files (bundled, gzip)", () => {
  it("bundles 2021..2024", () => {
    expect(bundledJepxSpotYears()).toEqual([2021, 2022, 2023, 2024]);
  });

  it.each([
    [2021, 17_520, 1_404, 13.1, 14.25],
    [2022, 17_520, 1_760, 15.37, 20.3],
    [2023, 17_520, 2_348, 10.16, 11.91],
    [2024, 17_568, 1_232, 10.32, 11.68],
  ])(
    "%i: %i slots, %i Kyushu slots at the 0.01 floor, averages as in SOURCE.md",
    async (year, rows, floor, kyushuAvg, systemAvg) => {
      const kyushu = await loadJepxSpotFile(bundledJepxSpotFile(year));
      expect(kyushu.intervals).toHaveLength(rows);
      expect(kyushu.errors).toEqual([]);
      expect(kyushu.gaps).toEqual([]);
      expect(kyushu.intervals.filter((i) => i.priceJpyPerKwh === 0.01)).toHaveLength(floor);
      const mean = (s: PriceInterval[]) => s.reduce((a, i) => a + i.priceJpyPerKwh, 0) / s.length;
      expect(mean(kyushu.intervals)).toBeCloseTo(kyushuAvg, 2);
      const system = await loadJepxSpotFile(bundledJepxSpotFile(year), { area: "system" });
      expect(mean(system.intervals)).toBeCloseTo(systemAvg, 2);
    },
  );

  it("reads specific slots as published (JST slots → epoch ms)", async () => {
    const all = await loadJepxSpotFiles([2021, 2022, 2023, 2024].map(bundledJepxSpotFile));
    expect(all.intervals).toHaveLength(70_128);
    expect(all.gaps).toEqual([]);
    const s = all.intervals;
    // Jan-2021 scarcity: the year's maximum, slot 35 = 17:00–17:30 JST.
    expect(valueAt(s, slot("2021-01-15", 35), priceOf)).toBe(242.21);
    expect(valueAt(s, Date.parse("2021-01-15T17:29:59+09:00"), priceOf)).toBe(242.21);
    expect(valueAt(s, slot("2021-01-15", 24), priceOf)).toBe(4.32);
    expect(valueAt(s, slot("2022-01-01", 1), priceOf)).toBe(13.25);
    expect(valueAt(s, slot("2023-04-09", 1), priceOf)).toBe(11.33);
    expect(valueAt(s, slot("2023-04-09", 25), priceOf)).toBe(0.01);
    expect(valueAt(s, slot("2024-12-31", 48), priceOf)).toBeDefined();
    expect(s[0]?.startMs).toBe(Date.parse("2020-12-31T15:00:00Z"));
    expect(s[0]?.durationMs).toBe(1_800_000);
  });

  it("selects any area by its header name", async () => {
    const text = (await fixtureLines()).join("\r\n");
    const first = (area: (typeof JEPX_AREAS)[number]) =>
      parseJepxSpotCsv(text, { area }).intervals[1]?.priceJpyPerKwh;
    // 2021/1/1 slot 2: system 35, Hokkaido..Tokyo 40, Chubu..Kyushu 30.
    expect(first("system")).toBe(35);
    expect(first("tokyo")).toBe(40);
    expect(first("chubu")).toBe(30);
    expect(first("kyushu")).toBe(30);
    expect(JEPX_AREAS).toHaveLength(10);
  });
});

describe("JEPX parsing details", () => {
  it("reads an uncompressed CP932 file and skips the blank ,,,, lines", async () => {
    const r = await loadJepxSpotFile(FIXTURE);
    expect(r.intervals).toHaveLength(96);
    expect(r.intervals[0]?.priceJpyPerKwh).toBe(50);
  });

  it("maps columns by name, not position", async () => {
    const lines = (await fixtureLines()).filter((l) => l !== "" && !/^,+$/.test(l));
    const swapped = lines.map((l) => {
      const c = l.split(",");
      return [c[14], c[1], c[0], ...c.slice(2, 14), ...c.slice(15)].join(",");
    });
    const r = parseJepxSpotCsv(swapped.join("\n"));
    expect(r.intervals).toHaveLength(96);
    expect(r.intervals[1]?.priceJpyPerKwh).toBe(30);
  });

  it("reads full-width brackets in headers as the same name", async () => {
    const lines = await fixtureLines();
    lines[0] = (lines[0] ?? "").replace("エリアプライス九州(円/kWh)", "エリアプライス九州（円／ｋＷｈ）");
    expect(parseJepxSpotCsv(lines.join("\r\n")).intervals).toHaveLength(96);
  });

  it("fails when the header lacks the area's column", async () => {
    const lines = await fixtureLines();
    lines[0] = (lines[0] ?? "").replace("エリアプライス九州", "エリアプライスX");
    const e = errorOf(() => parseJepxSpotCsv(lines.join("\r\n"), { file: "spot.csv", errorPolicy: "skip" }));
    expect([e.file, e.line]).toEqual(["spot.csv", 1]);
    expect(e.message).toMatch(/エリアプライス九州/);
  });
});

describe("JEPX broken lines name file, line and column", () => {
  const file = "spot_summary_2021.csv";
  let base: string[] = [];
  beforeAll(async () => {
    base = await fixtureLines();
  });
  /** The fixture's text with one cell of one line replaced (lines and columns 1-based, as in error messages). */
  const withCells = (...edits: [line: number, column: number, value: string][]): string => {
    const lines = [...base];
    for (const [line, column, value] of edits) {
      const cells = (lines[line - 1] ?? "").split(",");
      cells[column - 1] = value;
      lines[line - 1] = cells.join(",");
    }
    return lines.join("\r\n");
  };

  it("wrong column count", () => {
    const lines = [...base];
    lines[2] = (lines[2] ?? "").split(",").slice(0, 18).join(",");
    const e = errorOf(() => parseJepxSpotCsv(lines.join("\r\n"), { file }));
    expect([e.file, e.line, e.column]).toEqual([file, 3, 19]);
    expect(e.message).toBe("spot_summary_2021.csv: line 3, column 19: expected 19 columns, found 18");
  });

  it("non-numeric price", () => {
    const e = errorOf(() => parseJepxSpotCsv(withCells([3, 15, "3O.0"]), { file }));
    expect([e.line, e.column, e.columnName, e.detail]).toEqual([
      3,
      15,
      "エリアプライス九州(円/kWh)",
      'non-numeric price "3O.0"',
    ]);
  });

  it("bad date", () => {
    const e = errorOf(() => parseJepxSpotCsv(withCells([3, 1, "2021/2/30"]), { file }));
    expect([e.line, e.column, e.detail]).toEqual([3, 1, 'bad date "2021/2/30" (expected YYYY/M/D)']);
  });

  it("slot out of range", () => {
    const e = errorOf(() => parseJepxSpotCsv(withCells([3, 2, "49"]), { file }));
    expect([e.line, e.column, e.detail]).toEqual([3, 2, 'slot "49" out of range 1..48']);
  });

  it("duplicate slot", () => {
    const e = errorOf(() => parseJepxSpotCsv(withCells([4, 2, "2"]), { file }));
    expect([e.line, e.column, e.detail]).toEqual([4, 2, "duplicate time: already covered by line 3"]);
  });

  it("skip policy collects every error and keeps the good lines", () => {
    const text = withCells([3, 15, ""], [10, 2, "0"], [20, 1, "2021-1-1x"]);
    const r = parseJepxSpotCsv(text, { file, errorPolicy: "skip" });
    expect(r.intervals).toHaveLength(93);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 15],
      [10, 2],
      [20, 1],
    ]);
    expect(r.gaps.map((g) => [g.after.line, g.before.line])).toEqual([
      [2, 4],
      [9, 11],
      [19, 21],
    ]);
  });

  it("names the file path for a broken gzip file on disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jepx-"));
    try {
      const path = join(dir, "spot_summary_2021.csv.gz");
      await writeFile(path, gzipSync(iconv.encode(withCells([50, 2, "x"]), "cp932")));
      const r = await loadJepxSpotFile(path, { errorPolicy: "skip" });
      expect(r.intervals).toHaveLength(95);
      expect(r.errors.map((e) => [e.file, e.line, e.column])).toEqual([[path, 50, 2]]);
      await expect(loadJepxSpotFile(path)).rejects.toThrow(`${path}: line 50, column 2 (時刻コード)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
