import { describe, expect, it } from "vitest";
import { parseBlockchainComChartJson } from "./blockchain-com-json.js";
import { DataFileError } from "./data-file-error.js";
import {
  parseBlockCountsCsv,
  parseCoinMetricsFeesCsv,
  parseDifficultyCsv,
  parseFredCsv,
  parseHashrateCsv,
  parseYahooCloseCsv,
} from "./source-formats.js";

function thrown(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error("expected a DataFileError");
}

describe("bundled source formats", () => {
  it("difficulty: leaves out the zero days of early 2009", () => {
    const m = parseDifficultyCsv(
      "date,difficulty\n2009-01-03,1\n2009-01-04,0\n2024-04-20,86388558925171.2\n",
      "d.csv",
    );
    expect([...m]).toEqual([
      ["2009-01-03", 1],
      ["2024-04-20", 86388558925171.2],
    ]);
  });

  it("difficulty: a broken line names line and column", () => {
    const e = thrown(() =>
      parseDifficultyCsv("date,difficulty\n2024-04-19,8.6e13\n2024-04-20,86388x\n", "d.csv"),
    );
    expect(e.message).toBe('d.csv:3:12: difficulty: not a number: "86388x"');
    expect(thrown(() => parseDifficultyCsv("date,difficulty\n2024-04-20,-1\n", "d.csv")).kind).toBe("value");
  });

  it("hashrate and Coin Metrics fees", () => {
    expect(
      parseHashrateCsv("date,hashrate\n2009-01-03,4.97102696296296e-08\n", "h.csv").get("2009-01-03"),
    ).toBe(4.97102696296296e-8);
    const fees = parseCoinMetricsFeesCsv(
      "active_addresses,fees_btc,tx_count,date\n747953,4.23042387,399776,2025-11-05\n",
      "c.csv",
    );
    expect(fees.get("2025-11-05")).toBe(4.23042387);
  });

  it("Hotstopper block counts: day-first dates, whole numbers", () => {
    const m = parseBlockCountsCsv(
      "\uFEFFDateTime,Blocks Per Day,Height\r\n19/4/2024,146,839999\r\n20/4/2024,135,840134",
      "b.csv",
    );
    expect(m.get("2024-04-20")).toEqual({ blocksPerDay: 135, blockHeight: 840_134 });
    const e = thrown(() =>
      parseBlockCountsCsv("DateTime,Blocks Per Day,Height\n20/4/2024,135.5,840134\n", "b.csv"),
    );
    expect([e.line, e.column, e.field]).toEqual([2, 11, "Blocks Per Day"]);
    expect(
      thrown(() => parseBlockCountsCsv("DateTime,Blocks Per Day,Height\n4/20/2024,1,1\n", "b.csv")).column,
    ).toBe(1);
  });

  it("Yahoo closes: null days left out, non-positive prices rejected", () => {
    const m = parseYahooCloseCsv(
      "Date,Open,High,Low,Close,Volume\n2024-04-19,1,1,1,154.61000061035156,0\n2024-04-22,null,null,null,null,null\n",
      "y.csv",
    );
    expect([...m]).toEqual([["2024-04-19", 154.61000061035156]]);
    const e = thrown(() =>
      parseYahooCloseCsv("Date,Open,High,Low,Close,Volume\n2024-04-19,1,1,1,0,0\n", "y.csv"),
    );
    expect(e.message).toBe("y.csv:2:18: Close: 0 must be greater than 0");
  });

  it("FRED: blank and '.' cells are non-trading days", () => {
    const m = parseFredCsv(
      "observation_date,DEXJPUS\n2015-09-04,119.1\n2015-09-07,\n2015-09-08,.\n",
      "f.csv",
      "DEXJPUS",
    );
    expect([...m]).toEqual([["2015-09-04", 119.1]]);
    expect(
      thrown(() => parseFredCsv("observation_date,DEXJPUS\n2015-09-04,abc\n", "f.csv", "DEXJPUS")).line,
    ).toBe(2);
  });
});

describe("blockchain.com chart JSON", () => {
  const good =
    '{"metric1":"transaction-fees","transaction-fees":[{"x":1713484800000,"y":116.94},\n{"x":1713571200000,"y":1257.7}]}';

  it("reads points keyed by UTC day", () => {
    expect([...parseBlockchainComChartJson(good, "f.json", "transaction-fees")]).toEqual([
      ["2024-04-19", 116.94],
      ["2024-04-20", 1257.7],
    ]);
  });

  it("points at a bad element's line and column", () => {
    const bad = good.replace('"y":1257.7', '"y":"lots"');
    const e = thrown(() => parseBlockchainComChartJson(bad, "f.json", "transaction-fees"));
    expect([e.kind, e.line, e.column, e.field]).toEqual(["value", 2, 1, "transaction-fees[1]"]);
    expect(e.message).toBe('f.json:2:1: transaction-fees[1]: y must be a non-negative number, got "lots"');
  });

  it("rejects non-midnight times, disorder, a missing metric and broken JSON", () => {
    const noon = good.replace("1713571200000", "1713614400000");
    expect(thrown(() => parseBlockchainComChartJson(noon, "f.json", "transaction-fees")).detail).toMatch(
      /midnight/,
    );
    const back = good.replace("1713571200000", "1713398400000");
    expect(thrown(() => parseBlockchainComChartJson(back, "f.json", "transaction-fees")).kind).toBe("order");
    expect(thrown(() => parseBlockchainComChartJson(good, "f.json", "market-price")).kind).toBe("format");
    const e = thrown(() =>
      parseBlockchainComChartJson('{"transaction-fees": [1,}', "f.json", "transaction-fees"),
    );
    expect([e.kind, e.file]).toEqual(["format", "f.json"]);
    // Where V8 names a position, it becomes line and column.
    const at = thrown(() =>
      parseBlockchainComChartJson('{"transaction-fees":\n [1] x}', "f.json", "transaction-fees"),
    );
    expect([at.line, at.column]).toEqual([2, 6]);
  });
});
