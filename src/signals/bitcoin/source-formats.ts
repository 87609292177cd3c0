import { cellError, columnIndex, numberCell, optionalNumberCell, parseCsv, readDatedRows } from "./csv.js";

// Parsers for the daily CSV formats bundled under data/bitcoin/ (see each SOURCE.md). Each takes the file's text
// and its name for error messages, and returns values keyed by UTC day.

/** Coin Metrics daily mean difficulty (`date,difficulty`). 0 marks early-2009 days without blocks: left out. */
export function parseDifficultyCsv(text: string, file: string): Map<string, number> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, "date");
  const difficulty = columnIndex(table, "difficulty");
  return readDatedRows(table, date, "yyyy-mm-dd", (row) => {
    const value = numberCell(table, row, difficulty, { min: 0 });
    return value > 0 ? value : undefined;
  });
}

/** Coin Metrics implied hashrate in TH/s (`date,hashrate`). */
export function parseHashrateCsv(text: string, file: string): Map<string, number> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, "date");
  const hashrate = columnIndex(table, "hashrate");
  return readDatedRows(table, date, "yyyy-mm-dd", (row) => numberCell(table, row, hashrate, { min: 0 }));
}

/** Coin Metrics daily total fees in BTC (`...,fees_btc,...,date`). */
export function parseCoinMetricsFeesCsv(text: string, file: string): Map<string, number> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, "date");
  const fees = columnIndex(table, "fees_btc");
  return readDatedRows(table, date, "yyyy-mm-dd", (row) => numberCell(table, row, fees, { min: 0 }));
}

export interface DailyBlockCount {
  blocksPerDay: number;
  /** Height of the last block of the day. */
  blockHeight: number;
}

/** Hotstopper block counts (`DateTime,Blocks Per Day,Height`, day-first dates). */
export function parseBlockCountsCsv(text: string, file: string): Map<string, DailyBlockCount> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, "DateTime");
  const blocks = columnIndex(table, "Blocks Per Day");
  const height = columnIndex(table, "Height");
  return readDatedRows(table, date, "d/m/yyyy", (row) => {
    const blocksPerDay = numberCell(table, row, blocks, { min: 0, integer: true });
    const blockHeight = numberCell(table, row, height, { min: 0, integer: true });
    if (blocksPerDay > blockHeight + 1) {
      throw cellError(
        table,
        row,
        blocks,
        "value",
        `${blocksPerDay} blocks cannot end at height ${blockHeight}`,
      );
    }
    return { blocksPerDay, blockHeight };
  });
}

/** Yahoo Finance daily bars (`Date,Open,High,Low,Close,...`): the close. Yahoo writes "null" on missing days. */
export function parseYahooCloseCsv(text: string, file: string): Map<string, number> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, "Date");
  const close = columnIndex(table, "Close");
  return readDatedRows(table, date, "yyyy-mm-dd", (row) =>
    row.cells[close]?.value === "null" ? undefined : optionalNumberCell(table, row, close, { above: 0 }),
  );
}

/** A FRED series download (`observation_date,<SERIES>`); blank or "." cells are non-trading days. */
export function parseFredCsv(text: string, file: string, seriesId: string): Map<string, number> {
  const table = parseCsv(text, file);
  const date = columnIndex(table, ["observation_date", "DATE"]);
  const value = columnIndex(table, seriesId);
  return readDatedRows(table, date, "yyyy-mm-dd", (row) =>
    row.cells[value]?.value === "." ? undefined : optionalNumberCell(table, row, value, { above: 0 }),
  );
}
