import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DataFormatError } from "./data-format-error.js";
import {
  loadPriceSeries,
  parsePriceCsv,
  parsePriceJson,
  parsePriceUnit,
  toJpyPerKwh,
} from "./price-series.js";

const formats = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/data/formats/${name}`, import.meta.url));

function errorOf(run: () => unknown): DataFormatError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataFormatError) return e;
    throw e;
  }
  throw new Error("expected a DataFormatError");
}

const header = "timestamp,price,unit";

describe("generic price series files", () => {
  it("reads the CSV example (Kyushu 2023-04-09 in JPY/kWh) and infers 30-minute intervals", async () => {
    const r = await loadPriceSeries(formats("kyushu-price-2023-04-09.csv"));
    expect(r.unit).toBe("JPY/kWh");
    expect(r.intervalMs).toBe(1_800_000);
    expect(r.intervals).toHaveLength(48);
    expect(r.intervals[0]).toEqual({
      startMs: Date.parse("2023-04-08T15:00:00Z"),
      durationMs: 1_800_000,
      price: 11.33,
      unit: "JPY/kWh",
    });
    expect(r.intervals[24]?.price).toBe(0.01);
    expect(r.gaps).toEqual([]);
  });

  it("reads the JSON example in JPY/MWh; rescaled it equals the CSV", async () => {
    const csv = await loadPriceSeries(formats("kyushu-price-2023-04-09.csv"));
    const json = await loadPriceSeries(formats("kyushu-price-2023-04-09.json"));
    expect(json.unit).toBe("JPY/MWh");
    expect(json.intervals[0]?.price).toBe(11_330);
    expect(toJpyPerKwh(json.intervals)).toEqual(toJpyPerKwh(csv.intervals));
  });

  it("keeps foreign currencies explicit and refuses to convert them", () => {
    const r = parsePriceCsv(`${header}\n2024-01-01T00:00Z,-5.2,EUR/MWh\n2024-01-01T01:00Z,40,EUR/MWh\n`);
    expect(r.unit).toBe("EUR/MWh");
    expect(r.intervals.map((i) => i.price)).toEqual([-5.2, 40]);
    expect(() => toJpyPerKwh(r.intervals)).toThrow(/exchange rate/);
    expect(parsePriceUnit("usd/mwh")).toBe("USD/MWh");
    expect(parsePriceUnit("JPY/Wh")).toBeUndefined();
  });

  it("uses a given interval length and accepts columns in any order", () => {
    const r = parsePriceCsv("unit,timestamp,price\nUSD/MWh,2024-03-10T06:00:00-05:00,31.5\n", {
      intervalMs: 300_000,
    });
    expect(r.intervals).toEqual([
      { startMs: Date.parse("2024-03-10T11:00:00Z"), durationMs: 300_000, price: 31.5, unit: "USD/MWh" },
    ]);
  });
});

describe("generic price series errors", () => {
  it("rejects local times without offset (DST-ambiguous)", () => {
    const e = errorOf(() =>
      parsePriceCsv(`${header}\n2023-10-29T01:30:00+02:00,50,EUR/MWh\n2023-10-29T02:30:00,51,EUR/MWh\n`, {
        file: "de.csv",
      }),
    );
    expect([e.file, e.line, e.column, e.columnName]).toEqual(["de.csv", 3, 1, "timestamp"]);
    expect(e.detail).toMatch(/no UTC offset/);
  });

  it("reports a duplicate timestamp at the later line, naming the earlier one", () => {
    const text = `${header}\n2024-01-01T00:00Z,1,JPY/kWh\n2024-01-01T01:00Z,2,JPY/kWh\n2024-01-01T09:00+09:00,3,JPY/kWh\n`;
    const e = errorOf(() => parsePriceCsv(text, { file: "p.csv" }));
    expect([e.line, e.column]).toEqual([4, 1]);
    expect(e.detail).toBe("duplicate time: already covered by line 2");
  });

  it("reports gaps with the lines on either side", () => {
    const text = [
      header,
      "2024-01-01T00:00Z,1,JPY/kWh",
      "2024-01-01T01:00Z,2,JPY/kWh",
      "2024-01-01T04:00Z,3,JPY/kWh",
      "2024-01-01T05:00Z,4,JPY/kWh",
    ].join("\n");
    const r = parsePriceCsv(text, { file: "p.csv" });
    expect(r.intervalMs).toBe(3_600_000);
    expect(r.gaps).toEqual([
      {
        fromMs: Date.parse("2024-01-01T02:00Z"),
        toMs: Date.parse("2024-01-01T04:00Z"),
        after: { file: "p.csv", line: 3 },
        before: { file: "p.csv", line: 4 },
      },
    ]);
  });

  it("reports non-numeric prices, unknown and mixed units under the skip policy", () => {
    const text = [
      header,
      "2024-01-01T00:00Z,1,JPY/kWh",
      "2024-01-01T01:00Z,n/a,JPY/kWh",
      "2024-01-01T02:00Z,3,JPY/kW",
      "2024-01-01T03:00Z,4,JPY/MWh",
      "2024-01-01T04:00Z,5,JPY/kWh",
    ].join("\n");
    const r = parsePriceCsv(text, { file: "p.csv", errorPolicy: "skip" });
    expect(r.errors.map((e) => [e.line, e.column, e.columnName])).toEqual([
      [3, 2, "price"],
      [4, 3, "unit"],
      [5, 3, "unit"],
    ]);
    expect(r.intervals.map((i) => i.price)).toEqual([1, 5]);
  });

  it("gives JSON errors the line of the entry", () => {
    const text = `[
  {"timestamp": "2024-01-01T00:00Z", "price": 1, "unit": "JPY/kWh"},
  {"timestamp": "2024-01-01T01:00Z", "price": "1,5", "unit": "JPY/kWh"},
  {"timestamp": "2024-01-01T01:00Z", "price": 2, "unit": "JPY/kWh"}
]`;
    const r = parsePriceJson(text, { file: "p.json", errorPolicy: "skip" });
    expect(r.errors.map((e) => [e.line, e.column, e.columnName])).toEqual([[3, 3, "price"]]);
    const dup = parsePriceJson(text.replace('"1,5"', "1.5"), { file: "p.json", errorPolicy: "skip" });
    expect(dup.errors.map((e) => [e.line, e.detail])).toEqual([
      [4, "duplicate time: already covered by line 3"],
    ]);
    expect(() => parsePriceJson("{}", { file: "p.json" })).toThrow("p.json: line 1, column 1");
  });

  it("needs intervalMs for a single row", () => {
    const e = errorOf(() => parsePriceCsv(`${header}\n2024-01-01T00:00Z,1,JPY/kWh\n`));
    expect(e.detail).toMatch(/pass intervalMs/);
  });
});
