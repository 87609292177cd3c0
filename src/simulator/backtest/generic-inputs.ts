// Inputs for any market, from CSV files in the formats of docs/backtest.md:
//   prices     timestamp,price,unit                       unit <CUR>/kWh or <CUR>/MWh, one currency per file
//   surplus    timestamp,surplus_w (or surplus_kw, surplus_mw)               optional
//   hashprice  date,hashprice,unit[,btc_per_th_day]        unit <CUR>/TH/day or <CUR>/PH/day, UTC days; optional
// Without a hashprice file the bundled bitcoin history supplies it, in JPY or USD only.
import { basename } from "node:path";
import type { PowerInterval } from "../../domain/series.js";
import { readDataText } from "../../signals/prices/data-file.js";
import { DataFormatError } from "../../signals/prices/data-format-error.js";
import { bundledHashprice } from "./bundled-hashprice.js";
import { BacktestInputError, buildSlotSeries, type DailyHashprice, type PricePoint } from "./slot-series.js";
import { checkSeries, numberCell, readStrictCsv, timedRows } from "./strict-csv.js";
import type { BacktestInputs, GapNote, GapPolicy } from "./types.js";

export interface GenericInputOptions {
  readonly pricesFile: string;
  readonly surplusFile?: string;
  readonly hashpriceFile?: string;
  /** First and last UTC day, inclusive, YYYY-MM-DD; default: what the price file covers. */
  readonly from?: string;
  readonly to?: string;
  /** Price interval; default: the most common spacing of the rows. */
  readonly intervalMinutes?: number;
  readonly feesBtcPerBlock: number;
  readonly gapPolicy: GapPolicy;
}

interface PriceFile {
  readonly currency: string;
  readonly points: PricePoint[];
  readonly gaps: ReturnType<typeof checkSeries>["gaps"];
  readonly shifts: string[];
  readonly offsetMs: number;
}

function offsetMs(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  return m === null ? 0 : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

export function parsePricesCsv(text: string, file: string, intervalMinutes?: number): PriceFile {
  const csv = readStrictCsv(text, file, ["timestamp", "price", "unit"]);
  const rows = timedRows(csv, "timestamp");
  let currency: string | undefined;
  let firstUnit = "";
  const points = rows.map((r) => {
    const unitText = r.row.cell("unit");
    const m = /^([A-Za-z]{3})\/(kWh|MWh)$/i.exec(unitText);
    if (m === null) {
      throw new DataFormatError(
        file,
        r.row.line,
        r.row.column("unit"),
        `unit "${unitText}" is not <currency>/kWh or <currency>/MWh (e.g. JPY/kWh, EUR/MWh)`,
        "unit",
      );
    }
    const cur = (m[1] as string).toUpperCase();
    if (currency === undefined) [currency, firstUnit] = [cur, unitText];
    else if (unitText.toLowerCase() !== firstUnit.toLowerCase()) {
      throw new DataFormatError(
        file,
        r.row.line,
        r.row.column("unit"),
        `unit ${unitText} differs from ${firstUnit} on the first row`,
        "unit",
      );
    }
    const perKwh = (m[2] as string).toLowerCase() === "mwh" ? 1 / 1000 : 1;
    return { startMs: r.startMs, durationMs: 0, pricePerKwh: numberCell(file, r.row, "price") * perKwh };
  });
  const checked = checkSeries(
    file,
    "timestamp",
    rows,
    intervalMinutes === undefined ? undefined : intervalMinutes * 60_000,
  );
  for (const p of points) p.durationMs = checked.intervalMs;
  return {
    currency: currency ?? "JPY",
    points,
    gaps: checked.gaps,
    shifts: checked.shifts,
    offsetMs: offsetMs(rows[0]?.offset ?? "Z"),
  };
}

export function parseSurplusCsv(
  text: string,
  file: string,
): { intervals: PowerInterval[]; shifts: string[] } {
  const columns = ["surplus_w", "surplus_kw", "surplus_mw"];
  const csv = readStrictCsv(text, file, ["timestamp"], columns);
  const present = columns.filter((c) => csv.header.includes(c));
  if (present.length !== 1) {
    throw new DataFormatError(
      file,
      1,
      0,
      `expected exactly one of ${columns.join(", ")} in the header, found ${present.length}`,
    );
  }
  const column = present[0] as string;
  const scale = column === "surplus_w" ? 1 : column === "surplus_kw" ? 1_000 : 1_000_000;
  const rows = timedRows(csv, "timestamp");
  const checked = checkSeries(file, "timestamp", rows);
  const intervals = rows.map((r) => {
    const v = numberCell(file, r.row, column);
    if (v < 0)
      throw new DataFormatError(file, r.row.line, r.row.column(column), `negative surplus ${v}`, column);
    return { startMs: r.startMs, durationMs: checked.intervalMs, powerW: v * scale };
  });
  return { intervals, shifts: checked.shifts };
}

export function parseHashpriceCsv(
  text: string,
  file: string,
): { currency: string; byDay: Map<string, DailyHashprice> } {
  const csv = readStrictCsv(text, file, ["date", "hashprice", "unit"], ["btc_per_th_day"]);
  const byDay = new Map<string, DailyHashprice>();
  let currency: string | undefined;
  let prev: { date: string; line: number } | undefined;
  for (const row of csv.rows) {
    const date = row.cell("date");
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
      throw new DataFormatError(
        file,
        row.line,
        row.column("date"),
        `not a UTC date (YYYY-MM-DD): "${date}"`,
        "date",
      );
    }
    if (prev !== undefined && date <= prev.date) {
      const what = date === prev.date ? "duplicate date" : "dates must increase";
      throw new DataFormatError(
        file,
        row.line,
        row.column("date"),
        `${what}: ${date} after ${prev.date} on line ${prev.line}`,
        "date",
      );
    }
    prev = { date, line: row.line };
    const unitText = row.cell("unit");
    const m = /^([A-Za-z]{3})\/(TH|PH)\/day$/i.exec(unitText);
    if (m === null) {
      throw new DataFormatError(
        file,
        row.line,
        row.column("unit"),
        `unit "${unitText}" is not <currency>/TH/day or <currency>/PH/day`,
        "unit",
      );
    }
    const cur = (m[1] as string).toUpperCase();
    if (currency === undefined) currency = cur;
    else if (cur !== currency) {
      throw new DataFormatError(
        file,
        row.line,
        row.column("unit"),
        `currency ${cur} differs from ${currency} on earlier lines`,
        "unit",
      );
    }
    const perTh = (m[2] as string).toUpperCase() === "PH" ? 1 / 1000 : 1;
    const value = numberCell(file, row, "hashprice") * perTh;
    if (value < 0)
      throw new DataFormatError(
        file,
        row.line,
        row.column("hashprice"),
        `negative hashprice ${value}`,
        "hashprice",
      );
    const btc = row.cell("btc_per_th_day") === "" ? Number.NaN : numberCell(file, row, "btc_per_th_day");
    byDay.set(date, { perThsDay: value, btcPerThsDay: btc });
  }
  return { currency: currency ?? "JPY", byDay };
}

function utcDayMs(date: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms)) throw new BacktestInputError(`${name}: not a date (YYYY-MM-DD): "${date}"`);
  return ms;
}

export async function loadGenericInputs(o: GenericInputOptions): Promise<BacktestInputs> {
  const prices = parsePricesCsv(await readDataText(o.pricesFile, "utf-8"), o.pricesFile, o.intervalMinutes);
  const first = prices.points[0] as PricePoint;
  const last = prices.points[prices.points.length - 1] as PricePoint;
  const fromMs = o.from === undefined ? first.startMs : utcDayMs(o.from, "--from");
  const toMs = o.to === undefined ? last.startMs + last.durationMs : utcDayMs(o.to, "--to") + 86_400_000;
  const notes: string[] = [...prices.shifts];
  const sources = [basename(o.pricesFile)];
  let surplus: PowerInterval[] | undefined;
  if (o.surplusFile !== undefined) {
    const s = parseSurplusCsv(await readDataText(o.surplusFile, "utf-8"), o.surplusFile);
    surplus = s.intervals;
    notes.push(
      ...s.shifts,
      `surplus: ${basename(o.surplusFile)}, mean over each price interval; no row = no surplus`,
    );
    sources.push(basename(o.surplusFile));
  } else notes.push("surplus: none (no surplus file)");
  let lookup: (day: string) => DailyHashprice | undefined;
  let hashSource: string;
  if (o.hashpriceFile !== undefined) {
    const h = parseHashpriceCsv(await readDataText(o.hashpriceFile, "utf-8"), o.hashpriceFile);
    if (h.currency !== prices.currency) {
      throw new BacktestInputError(
        `${o.hashpriceFile}: hashprice is in ${h.currency} but prices are in ${prices.currency}`,
      );
    }
    lookup = (day) => h.byDay.get(day);
    hashSource = o.hashpriceFile;
    sources.push(basename(o.hashpriceFile));
    notes.push(`hashprice: ${basename(o.hashpriceFile)}, one value per UTC day`);
  } else {
    if (prices.currency !== "JPY" && prices.currency !== "USD") {
      throw new BacktestInputError(
        `${o.pricesFile}: prices are in ${prices.currency}; the bundled hashprice is in JPY and USD only: ` +
          `give --hashprice <file> in ${prices.currency}`,
      );
    }
    const h = await bundledHashprice({
      currency: prices.currency,
      fromMs,
      toMs,
      feesBtcPerBlock: o.feesBtcPerBlock,
    });
    lookup = (day) => h.byDay.get(day);
    hashSource = h.source;
    notes.push(...h.notes);
  }
  const series = buildSlotSeries({
    prices: prices.points,
    priceGaps: prices.gaps,
    priceSource: o.pricesFile,
    ...(surplus === undefined ? {} : { surplus }),
    hashprice: lookup,
    hashpriceSource: hashSource,
    fromMs,
    toMs,
    gapPolicy: o.gapPolicy,
  });
  const gaps: GapNote[] = series.gaps;
  return {
    market: basename(o.pricesFile),
    currency: prices.currency,
    slots: series.slots,
    gapPolicy: o.gapPolicy,
    gaps,
    sources,
    notes,
    dayOffsetMs: prices.offsetMs,
  };
}
