import { describe, expect, it } from "vitest";
import { CsvQuoteError, splitCsvLine } from "./csv-line.js";

describe("splitCsvLine", () => {
  it("splits plain lines, keeping empty cells", () => {
    expect(splitCsvLine("a,,b,")).toEqual(["a", "", "b", ""]);
    expect(splitCsvLine(",,,")).toEqual(["", "", "", ""]);
  });

  it("keeps thousands separators inside quoted cells (Kyushu FY2018 Q4 file)", () => {
    expect(splitCsvLine('2019/3/31 23:00,"8,162","4,143","3,889",288,"-1,720"')).toEqual([
      "2019/3/31 23:00",
      "8,162",
      "4,143",
      "3,889",
      "288",
      "-1,720",
    ]);
  });

  it("unescapes doubled quotes", () => {
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', "x"]);
  });

  it("names the column of broken quoting", () => {
    expect(() => splitCsvLine('a,"b')).toThrow(CsvQuoteError);
    let caught: unknown;
    try {
      splitCsvLine('a,"b"c,d');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CsvQuoteError);
    expect((caught as CsvQuoteError).column).toBe(2);
  });
});
