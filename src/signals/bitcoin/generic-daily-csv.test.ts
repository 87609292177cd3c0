import { describe, expect, it } from "vitest";
import { DataFileError } from "./data-file-error.js";
import { parseGenericDailyCsv } from "./generic-daily-csv.js";

function thrown(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error("expected a DataFileError");
}

const HEADER = "date,difficulty,fees_btc_per_block,btc_price,currency";

describe("generic daily CSV", () => {
  it("reads the required columns and the optional ones by name", () => {
    const text = [
      "# halving week, prices from the exchange",
      "date,difficulty,fees_btc_per_block,btc_price,currency,block_height,usd_jpy",
      "2024-04-19,86388558925171.3,0.7744,63843.57,USD,839999,154.55",
      "2024-04-20,86388558925171.2,9.6747,10045000,JPY,840134,155",
      "2024-04-21,86388558925171.3,2.4577,64926.64,usd,,",
    ].join("\n");
    const rows = parseGenericDailyCsv(text, "g.csv", { usdJpy: 150 });
    expect(rows[0]).toEqual({
      dateUtc: "2024-04-19",
      difficulty: 86388558925171.3,
      blockHeight: 839_999,
      feesBtcPerBlock: 0.7744,
      feesSource: "observed",
      btcUsd: 63843.57,
      usdJpy: 154.55,
    });
    expect(rows[1]?.btcUsd).toBeCloseTo(10_045_000 / 155, 9);
    // An empty usd_jpy cell falls back to the option; an empty block_height leaves the field out.
    expect(rows[2]).toEqual({
      dateUtc: "2024-04-21",
      difficulty: 86388558925171.3,
      feesBtcPerBlock: 2.4577,
      feesSource: "observed",
      btcUsd: 64926.64,
      usdJpy: 150,
    });
  });

  it("takes FX from a lookup", () => {
    const rows = parseGenericDailyCsv(`${HEADER}\n2024-04-20,1e14,0.1,10000000,JPY\n`, "g.csv", {
      usdJpy: (d) => (d === "2024-04-20" ? 160 : undefined),
    });
    expect(rows[0]?.btcUsd).toBe(62_500);
  });

  it("names file, line and column of broken lines", () => {
    const cases: [string, string][] = [
      [
        `${HEADER}\n2024-04-20,1e14,0.1,65000,USD\n2024-04-21,-5,0.1,65000,USD\n`,
        "g.csv:3:12: difficulty: -5 must be greater than 0",
      ],
      [`${HEADER}\n2024-04-20,1e14,abc,65000,USD\n`, 'g.csv:2:17: fees_btc_per_block: not a number: "abc"'],
      [`${HEADER}\n2024-04-20,1e14,0.1,65000,EUR\n`, 'g.csv:2:27: currency: must be USD or JPY, got "EUR"'],
      [`${HEADER}\n2024-04-20,1e14,0.1,65000\n`, "g.csv:2:26: expected 5 cells as in the header, found 4"],
      [
        `${HEADER}\n2024-04-21,1e14,0.1,65000,USD\n2024-04-20,1e14,0.1,65000,USD\n`,
        "g.csv:3:1: date: date 2024-04-20 does not follow 2024-04-21",
      ],
      [
        `${HEADER},block_hieght\n`,
        'g.csv:1:55: unknown column "block_hieght" (known: date, difficulty, fees_btc_per_block, btc_price, currency, block_height, blocks_per_day, usd_jpy)',
      ],
      [
        `${HEADER},block_height\n2024-04-20,1e14,0.1,65000,USD,840000.5\n`,
        'g.csv:2:31: block_height: not a whole number: "840000.5"',
      ],
      ["date,difficulty,btc_price,currency\n", 'g.csv:1:1: header has no column "fees_btc_per_block"'],
    ];
    for (const [text, message] of cases) {
      expect(thrown(() => parseGenericDailyCsv(text, "g.csv", { usdJpy: 150 })).message).toBe(message);
    }
  });

  it("demands an FX rate it cannot find", () => {
    const e = thrown(() => parseGenericDailyCsv(`${HEADER}\n2024-04-20,1e14,0.1,65000,USD\n`, "g.csv"));
    expect([e.line, e.column, e.field]).toEqual([2, 27, "currency"]);
    expect(e.detail).toMatch(/usd_jpy/);
  });
});
