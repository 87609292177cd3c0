import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { intervalAt } from "../../domain/series.js";
import { bundledDataDir } from "../prices/bundled-data.js";
import { decodeText } from "../prices/data-file.js";
import { DataFormatError } from "../prices/data-format-error.js";
import { type AreaSupplyDemandHour, loadKyushuAreaFiles, parseKyushuAreaCsv } from "./kyushu-area.js";
import { bundledKyushuAreaFiles, parseKyushuAreaFileName } from "./kyushu-area-files.js";

const dataFile = (name: string) => join(bundledDataDir(), "kyushu-area-supply-demand", `${name}.csv.gz`);
const jst = (s: string) => Date.parse(`${s}+09:00`);

async function decoded(name: string): Promise<string> {
  return decodeText(gunzipSync(await readFile(dataFile(name))), "cp932");
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

describe("Kyushu area files: one of each header variant", () => {
  it("variant A (火力, 揚水, 連系線): FY2016 Q1", async () => {
    const r = await loadKyushuAreaFiles([dataFile("area_jyukyu_jisseki_H28_1Q")]);
    expect(r.hours).toHaveLength(2_184);
    expect(r.hours[0]).toEqual({
      startMs: jst("2016-04-01T00:00"),
      durationMs: 3_600_000,
      demandMw: 7449,
      nuclearMw: 1782,
      thermalMw: 6381,
      hydroMw: 374,
      geothermalMw: 145,
      biomassMw: 23,
      solarMw: 0,
      solarCurtailedMw: 0,
      windMw: 44,
      windCurtailedMw: 0,
      pumpedStorageMw: 0,
      interconnectorMw: -1300,
    } satisfies AreaSupplyDemandHour);
  });

  it("variant B (火力等, 揚水等, 連系線潮流) with quoted thousands separators: FY2018 Q4", async () => {
    const r = await loadKyushuAreaFiles([dataFile("area_jyukyu_jisseki_H30_4Q")]);
    expect(r.hours).toHaveLength(2_160);
    // 2019/3/12 0:00,"8,272","4,146","4,740",716,136,354,0,0,146,0,-246,"-1,720"
    const h = intervalAt(r.hours, jst("2019-03-12T00:00"));
    expect([h?.demandMw, h?.nuclearMw, h?.thermalMw, h?.pumpedStorageMw, h?.interconnectorMw]).toEqual([
      8272, 4146, 4740, -246, -1720,
    ]);
    expect(r.hours[r.hours.length - 1]?.demandMw).toBe(8162);
  });

  it("variant C (火力等, 揚水等, 連系線) with decimal curtailment: FY2019 Q1", async () => {
    const r = await loadKyushuAreaFiles([dataFile("area_jyukyu_jisseki_2019_1Q")]);
    expect(r.hours).toHaveLength(2_184);
    const h = intervalAt(r.hours, jst("2019-04-01T08:00"));
    expect([h?.solarMw, h?.solarCurtailedMw, h?.thermalMw]).toEqual([2387, 333.6, 4289]);
  });

  it("variant D (火力, 揚水等, 連系線): FY2023 Q1, the largest solar curtailment on record", async () => {
    const r = await loadKyushuAreaFiles([dataFile("area_jyukyu_jisseki_2023_1Q")]);
    const h = intervalAt(r.hours, jst("2023-04-09T12:30"));
    expect(h).toMatchObject({
      startMs: jst("2023-04-09T12:00"),
      demandMw: 7409,
      solarMw: 3934,
      solarCurtailedMw: 5848,
      windMw: 1,
      windCurtailedMw: 34,
      pumpedStorageMw: -1406,
      interconnectorMw: -1308,
    });
  });

  it("skips the blank lines that pad FY2017 Q4", async () => {
    const r = await loadKyushuAreaFiles([dataFile("area_jyukyu_jisseki_H29_4Q")]);
    expect(r.hours).toHaveLength(2_160);
    expect(r.errors).toEqual([]);
  });
});

describe("Kyushu area archive", () => {
  let hours2021to2023: AreaSupplyDemandHour[] = [];
  beforeAll(async () => {
    hours2021to2023 = (await loadKyushuAreaFiles(bundledKyushuAreaFiles(2021, 2023))).hours;
  });

  it("names fiscal quarters by the months they cover", () => {
    expect(parseKyushuAreaFileName("area_jyukyu_jisseki_2020_4Q.csv.gz")).toMatchObject({
      fiscalYear: 2020,
      fromYear: 2021,
      fromMonth: 1,
    });
    expect(parseKyushuAreaFileName("area_jyukyu_jisseki_H30_3Q.csv")).toMatchObject({
      fiscalYear: 2018,
      fromMonth: 10,
    });
    expect(bundledKyushuAreaFiles(2021, 2023).map((p) => p.slice(-14, -7))).toEqual([
      "2020_4Q",
      "2021_1Q",
      "2021_2Q",
      "2021_3Q",
      "2021_4Q",
      "2022_1Q",
      "2022_2Q",
      "2022_3Q",
      "2022_4Q",
      "2023_1Q",
      "2023_2Q",
      "2023_3Q",
    ]);
  });

  it("reads all 31 files, FY2016..2023, hourly without gaps", async () => {
    const r = await loadKyushuAreaFiles(bundledKyushuAreaFiles());
    expect(r.hours).toHaveLength(67_944);
    expect(r.errors).toEqual([]);
    expect(r.gaps).toEqual([]);
    expect(r.hours[0]?.startMs).toBe(jst("2016-04-01T00:00"));
    expect(r.hours[r.hours.length - 1]?.startMs).toBe(jst("2023-12-31T23:00"));
  });

  it("2021–2023: 26,280 hours, 2,741 with solar or wind curtailment (2,727 solar)", () => {
    expect(hours2021to2023).toHaveLength(26_280);
    const curtailed = hours2021to2023.filter((h) => h.solarCurtailedMw + h.windCurtailedMw > 0);
    expect(curtailed).toHaveLength(2_741);
    expect(hours2021to2023.filter((h) => h.solarCurtailedMw > 0)).toHaveLength(2_727);
    const byYear = (y: number) =>
      curtailed.filter((h) => h.startMs >= jst(`${y}-01-01T00:00`) && h.startMs < jst(`${y + 1}-01-01T00:00`))
        .length;
    expect([byYear(2021), byYear(2022), byYear(2023)]).toEqual([737, 830, 1_174]);
  });

  it("2023 solar curtailment sums to 1,343,774 MWh, peaking at 5,848 MW on 2023-04-09 12:00 JST", () => {
    const y2023 = hours2021to2023.filter((h) => h.startMs >= jst("2023-01-01T00:00"));
    expect(y2023.reduce((a, h) => a + h.solarCurtailedMw, 0)).toBe(1_343_774);
    const peak = y2023.reduce((a, h) => (h.solarCurtailedMw > a.solarCurtailedMw ? h : a));
    expect([peak.startMs, peak.solarCurtailedMw]).toEqual([jst("2023-04-09T12:00"), 5848]);
  });
});

describe("Kyushu broken lines name file, line and column", () => {
  const file = "area_jyukyu_jisseki_2023_1Q.csv";
  let base: string[] = [];
  beforeAll(async () => {
    base = (await decoded("area_jyukyu_jisseki_2023_1Q")).split("\r\n");
  });
  const withCells = (...edits: [line: number, column: number, value: string][]): string => {
    const lines = [...base];
    for (const [line, column, value] of edits) {
      const cells = (lines[line - 1] ?? "").split(",");
      cells[column - 1] = value;
      lines[line - 1] = cells.join(",");
    }
    return lines.join("\r\n");
  };

  it("non-numeric value", () => {
    const e = errorOf(() => parseKyushuAreaCsv(withCells([5, 9, "－"]), { file }));
    expect([e.file, e.line, e.column, e.columnName]).toEqual([file, 5, 9, "太陽光/抑制量"]);
  });

  it("bad time and a time off the hour", () => {
    expect(errorOf(() => parseKyushuAreaCsv(withCells([3, 1, "2023/4/31 0:00"]), { file })).column).toBe(1);
    const e = errorOf(() => parseKyushuAreaCsv(withCells([3, 1, "2023/4/1 0:30"]), { file }));
    expect(e.message).toBe(
      `${file}: line 3, column 1 (DATE_TIME): bad time "2023/4/1 0:30" (expected YYYY/M/D H:00, JST)`,
    );
  });

  it("wrong column count", () => {
    const e = errorOf(() => parseKyushuAreaCsv(withCells([7, 13, "1,2"]), { file }));
    expect([e.line, e.column, e.detail]).toEqual([7, 14, "expected 13 columns, found 14"]);
  });

  it("duplicate hour", () => {
    const e = errorOf(() => parseKyushuAreaCsv(withCells([4, 1, "2023/4/1 0:00"]), { file }));
    expect([e.line, e.column, e.detail]).toEqual([4, 1, "duplicate time: already covered by line 3"]);
  });

  it("skip policy: keeps the good rows and reports a gap where a row was dropped", () => {
    const r = parseKyushuAreaCsv(withCells([5, 2, "x"], [100, 12, ""]), { file, errorPolicy: "skip" });
    expect(r.hours).toHaveLength(2_182);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 2],
      [100, 12],
    ]);
    expect(r.gaps.map((g) => [g.after.line, g.before.line])).toEqual([
      [4, 6],
      [99, 101],
    ]);
  });

  it("unknown and missing header columns", () => {
    const lines = [...base];
    lines[1] = (lines[1] ?? "").replace("地熱", "潮力");
    const unknown = errorOf(() => parseKyushuAreaCsv(lines.join("\r\n"), { file }));
    expect([unknown.line, unknown.column, unknown.detail]).toEqual([2, 6, 'unknown column "潮力"']);
    const skipped = parseKyushuAreaCsv(lines.join("\r\n"), { file, errorPolicy: "skip" });
    expect(skipped.hours[0]?.geothermalMw).toBeUndefined();
    expect(skipped.hours[0]?.demandMw).toBe(7386);
    lines[0] = (lines[0] ?? "").replace("風力,風力", "風力,");
    expect(() => parseKyushuAreaCsv(lines.join("\r\n"), { file, errorPolicy: "skip" })).toThrow(
      /windCurtailedMw/,
    );
  });
});
