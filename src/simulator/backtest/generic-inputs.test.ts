import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DataFormatError } from "../../signals/prices/data-format-error.js";
import { parseHashpriceCsv, parsePricesCsv, parseSurplusCsv } from "./generic-inputs.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/backtest/${name}`, import.meta.url), "utf8");

function errorOf(run: () => unknown): DataFormatError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataFormatError) return e;
    throw e;
  }
  throw new Error("expected a DataFormatError");
}

describe("generic backtest inputs", () => {
  it("reads prices with their currency and unit, and lists gaps with the lines around them", () => {
    const p = parsePricesCsv(fixture("kyushu-2023-04-08_09-prices.csv"), "prices.csv");
    expect(p.currency).toBe("JPY");
    expect(p.points).toHaveLength(96);
    expect(p.points[0]).toEqual({
      startMs: Date.UTC(2023, 3, 7, 15),
      durationMs: 1_800_000,
      pricePerKwh: 10.2,
    });
    const gap = parsePricesCsv(fixture("bad-gap.csv"), "bad-gap.csv");
    expect(gap.gaps).toEqual([
      {
        fromMs: Date.UTC(2023, 3, 7, 16, 30),
        toMs: Date.UTC(2023, 3, 7, 17, 30),
        after: { file: "bad-gap.csv", line: 4 },
        before: { file: "bad-gap.csv", line: 5 },
      },
    ]);
  });

  it("rescales MWh prices and accepts a daylight-saving change that stays continuous in UTC", () => {
    const p = parsePricesCsv(fixture("eur-2023-03-25_27-prices.csv"), "eur.csv");
    expect(p.currency).toBe("EUR");
    expect(p.points).toHaveLength(72);
    expect(p.points[0]?.pricePerKwh).toBeCloseTo(0.18364, 12); // 183.64 EUR/MWh
    expect(p.gaps).toEqual([]);
    expect(p.shifts).toEqual([
      "eur.csv: line 28: UTC offset +01:00 → +02:00 (daylight saving), continuous in UTC",
    ]);
  });

  it("names file, line and column for a duplicate time, a bad DST shift and an unknown column", () => {
    expect(errorOf(() => parsePricesCsv(fixture("bad-duplicate.csv"), "bad-duplicate.csv")).message).toBe(
      "bad-duplicate.csv: line 6, column 1 (timestamp): duplicate timestamp: 2023-04-08T01:30:00+09:00 is the same " +
        "instant as line 5 (a repeated hour at a daylight-saving change? give each row the UTC offset in force then)",
    );
    expect(errorOf(() => parsePricesCsv(fixture("bad-dst.csv"), "bad-dst.csv")).message).toBe(
      "bad-dst.csv: line 4, column 1 (timestamp): 2023-03-26T02:00:00+02:00 is the same instant as line 3 " +
        "(2023-03-26T01:00:00+01:00): the UTC offset changes here (+01:00 on line 3 → +02:00), a daylight-saving " +
        "shift, but the clock time does not move with it: write each row's time with the offset in force at that time",
    );
    expect(
      errorOf(() => parsePricesCsv(fixture("bad-unknown-column.csv"), "bad-unknown-column.csv")).message,
    ).toBe(
      'bad-unknown-column.csv: line 1, column 4 (volume): unknown column "volume"; the columns are timestamp, price, unit',
    );
  });

  it("checks units, values and the surplus column", () => {
    const mixed = "timestamp,price,unit\n2023-04-08T00:00:00Z,1,JPY/kWh\n2023-04-08T00:30:00Z,1,USD/MWh\n";
    expect(errorOf(() => parsePricesCsv(mixed, "m.csv")).message).toBe(
      "m.csv: line 3, column 3 (unit): unit USD/MWh differs from JPY/kWh on the first row",
    );
    const local = "timestamp,price,unit\n2023-04-08T00:00:00,1,JPY/kWh\n";
    expect(errorOf(() => parsePricesCsv(local, "l.csv")).message).toMatch(
      /^l\.csv: line 2, column 1 \(timestamp\): .*no UTC offset/,
    );
    const s = parseSurplusCsv(fixture("kyushu-2023-04-08_09-surplus.csv"), "s.csv");
    expect(s.intervals).toHaveLength(48);
    expect(s.intervals.every((i) => i.durationMs === 3_600_000)).toBe(true);
    expect(errorOf(() => parseSurplusCsv("timestamp,surplus_w,surplus_kw\n", "two.csv")).message).toMatch(
      /exactly one of/,
    );
  });

  it("reads a daily hashprice per TH or per PH", () => {
    const h = parseHashpriceCsv(fixture("eur-2023-03-25_27-hashprice.csv"), "h.csv");
    expect(h.currency).toBe("EUR");
    expect(h.byDay.get("2023-03-26")?.perThsDay).toBeCloseTo(0.0608, 12);
    expect(Number.isNaN(h.byDay.get("2023-03-26")?.btcPerThsDay)).toBe(true);
    const dup = "date,hashprice,unit\n2023-03-26,1,JPY/TH/day\n2023-03-26,1,JPY/TH/day\n";
    expect(errorOf(() => parseHashpriceCsv(dup, "d.csv")).message).toBe(
      "d.csv: line 3, column 1 (date): duplicate date: 2023-03-26 after 2023-03-26 on line 2",
    );
  });
});
