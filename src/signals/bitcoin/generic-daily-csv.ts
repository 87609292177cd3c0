import type { DailyMiningEconomics, PriceCurrency } from "../../domain/economics.js";
import {
  type CsvRow,
  type CsvTable,
  cellAt,
  cellError,
  columnIndex,
  numberCell,
  optionalNumberCell,
  parseCsv,
  readDatedRows,
} from "./csv.js";
import { DataFileError } from "./data-file-error.js";
import { readDataFile } from "./read-data-file.js";

// The project's own daily format, for history from any source (docs/economics.md, "Generic daily CSV"):
//
//   date,difficulty,fees_btc_per_block,btc_price,currency[,block_height][,blocks_per_day][,usd_jpy]
//
// Columns are found by header name, in any order; unknown columns are errors, so a misspelt optional column
// cannot be silently ignored. Lines starting with "#" are comments.

export const GENERIC_REQUIRED_COLUMNS = [
  "date",
  "difficulty",
  "fees_btc_per_block",
  "btc_price",
  "currency",
] as const;
export const GENERIC_OPTIONAL_COLUMNS = ["block_height", "blocks_per_day", "usd_jpy"] as const;

export interface GenericDailyCsvOptions {
  /** JPY per USD for rows without a usd_jpy cell: a constant, or a lookup by UTC day. */
  usdJpy?: number | ((dateUtc: string) => number | undefined);
}

function checkHeader(table: CsvTable): void {
  const known: readonly string[] = [...GENERIC_REQUIRED_COLUMNS, ...GENERIC_OPTIONAL_COLUMNS];
  const seen = new Set<string>();
  for (const cell of table.header.cells) {
    const at = { file: table.file, line: table.header.line, column: cell.column };
    if (!known.includes(cell.value)) {
      throw new DataFileError("format", `unknown column "${cell.value}" (known: ${known.join(", ")})`, at);
    }
    if (seen.has(cell.value)) throw new DataFileError("format", `column "${cell.value}" appears twice`, at);
    seen.add(cell.value);
  }
}

function optionalColumn(table: CsvTable, name: string): number | undefined {
  const index = table.header.cells.findIndex((c) => c.value === name);
  return index === -1 ? undefined : index;
}

export function parseGenericDailyCsv(
  text: string,
  file: string,
  options: GenericDailyCsvOptions = {},
): DailyMiningEconomics[] {
  const table = parseCsv(text, file, { commentPrefix: "#" });
  checkHeader(table);
  const col = {
    date: columnIndex(table, "date"),
    difficulty: columnIndex(table, "difficulty"),
    fees: columnIndex(table, "fees_btc_per_block"),
    price: columnIndex(table, "btc_price"),
    currency: columnIndex(table, "currency"),
    height: optionalColumn(table, "block_height"),
    blocks: optionalColumn(table, "blocks_per_day"),
    usdJpy: optionalColumn(table, "usd_jpy"),
  };
  const fxOption = options.usdJpy;

  const readRow = (row: CsvRow, dateUtc: string): DailyMiningEconomics => {
    const currencyText = cellAt(row, col.currency).value.toUpperCase();
    if (currencyText !== "USD" && currencyText !== "JPY") {
      throw cellError(table, row, col.currency, "value", `must be USD or JPY, got "${currencyText}"`);
    }
    const currency: PriceCurrency = currencyText;
    const price = numberCell(table, row, col.price, { above: 0 });
    const usdJpy =
      (col.usdJpy === undefined ? undefined : optionalNumberCell(table, row, col.usdJpy, { above: 0 })) ??
      (typeof fxOption === "function" ? fxOption(dateUtc) : fxOption);
    if (usdJpy === undefined || !(usdJpy > 0)) {
      throw cellError(
        table,
        row,
        col.usdJpy ?? col.currency,
        "value",
        "no JPY-per-USD rate for this day: add a usd_jpy column or pass the usdJpy option",
      );
    }
    const height =
      col.height === undefined
        ? undefined
        : optionalNumberCell(table, row, col.height, { min: 0, integer: true });
    const blocks =
      col.blocks === undefined
        ? undefined
        : optionalNumberCell(table, row, col.blocks, { min: 0, integer: true });
    return {
      dateUtc,
      difficulty: numberCell(table, row, col.difficulty, { above: 0 }),
      ...(height === undefined ? {} : { blockHeight: height }),
      ...(blocks === undefined ? {} : { blocksPerDay: blocks }),
      feesBtcPerBlock: numberCell(table, row, col.fees, { min: 0 }),
      feesSource: "observed",
      btcUsd: currency === "USD" ? price : price / usdJpy,
      usdJpy,
    };
  };

  const rows: DailyMiningEconomics[] = [];
  readDatedRows(table, col.date, "yyyy-mm-dd", (row, dateUtc) => {
    rows.push(readRow(row, dateUtc));
    return undefined;
  });
  return rows;
}

export async function loadGenericDailyCsv(
  path: string,
  options: GenericDailyCsvOptions = {},
): Promise<DailyMiningEconomics[]> {
  return parseGenericDailyCsv(await readDataFile(path), path, options);
}
