import { describe, expect, it } from "vitest";
import { columnIndex, numberCell, parseCsv, readDatedRows } from "./csv.js";
import { DataFileError } from "./data-file-error.js";

function thrown(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error("expected a DataFileError");
}

describe("CSV reader", () => {
  it("reads quoted cells, a BOM, CRLF, blank and comment lines, and keeps cell columns", () => {
    const table = parseCsv('\uFEFF"DateTime","Blocks Per Day"\r\n# note\r\n\r\n"a,""b""",  7 \r\n', "t.csv", {
      commentPrefix: "#",
    });
    expect(table.header.cells.map((c) => c.value)).toEqual(["DateTime", "Blocks Per Day"]);
    expect(table.rows).toEqual([
      {
        line: 4,
        cells: [
          { value: 'a,"b"', column: 1 },
          { value: "7", column: 11 },
        ],
      },
    ]);
  });

  it("names file, line and column of an unterminated quote", () => {
    const e = thrown(() => parseCsv('date,value\n2024-01-01,"12\n', "q.csv"));
    expect(e.kind).toBe("format");
    expect([e.file, e.line, e.column]).toEqual(["q.csv", 2, 12]);
    expect(e.message).toBe("q.csv:2:12: unterminated quoted cell");
  });

  it("names the first extra cell of a line with too many cells", () => {
    const e = thrown(() => parseCsv("date,value\n2024-01-01,1,2\n", "n.csv"));
    expect([e.kind, e.line, e.column]).toEqual(["format", 2, 14]);
  });

  it("names the end of a line with too few cells", () => {
    const e = thrown(() => parseCsv("date,value\n2024-01-01\n", "n.csv"));
    expect([e.line, e.column]).toEqual([2, 11]);
  });

  it("names the header line of a missing column", () => {
    const table = parseCsv("date,value\n", "h.csv");
    expect(thrown(() => columnIndex(table, "price")).message).toBe('h.csv:1:1: header has no column "price"');
  });

  it("rejects numbers JavaScript would accept", () => {
    const table = parseCsv("date,value\n2024-01-01,0x1f\n2024-01-02,Infinity\n2024-01-03,1e3\n", "v.csv");
    const [hex, inf, sci] = table.rows;
    if (!hex || !inf || !sci) throw new Error("rows missing");
    expect(thrown(() => numberCell(table, hex, 1)).message).toBe('v.csv:2:12: value: not a number: "0x1f"');
    expect(thrown(() => numberCell(table, inf, 1)).kind).toBe("value");
    expect(numberCell(table, sci, 1)).toBe(1000);
    expect(thrown(() => numberCell(table, sci, 1, { integer: true, above: 5000 })).message).toMatch(
      /greater than 5000/,
    );
  });

  it("requires strictly increasing real dates", () => {
    const out = parseCsv("date,v\n2024-01-02,1\n2024-01-01,2\n", "o.csv");
    const e = thrown(() => readDatedRows(out, 0, "yyyy-mm-dd", () => 1));
    expect([e.kind, e.line, e.column, e.field]).toEqual(["order", 3, 1, "date"]);
    const bad = parseCsv("date,v\n2023-02-29,1\n", "d.csv");
    expect(thrown(() => readDatedRows(bad, 0, "yyyy-mm-dd", () => 1)).message).toBe(
      'd.csv:2:1: date: not a yyyy-mm-dd date: "2023-02-29"',
    );
  });
});
