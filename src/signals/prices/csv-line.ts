// One CSV line into cells (RFC 4180 quoting, no line breaks inside cells: none of the formats we read has them).
// Kyushu files quote numbers that carry thousands separators, e.g. "10,209", so a plain split(",") is wrong.

export class CsvQuoteError extends Error {
  /** 1-based column of the cell whose quoting is broken. */
  readonly column: number;
  constructor(column: number, message: string) {
    super(message);
    this.name = "CsvQuoteError";
    this.column = column;
  }
}

export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new CsvQuoteError(cells.length + 1, "unterminated quoted cell");
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line[i] !== ",") {
        throw new CsvQuoteError(cells.length + 1, "text after the closing quote of a cell");
      }
      cells.push(value);
      i += 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}
