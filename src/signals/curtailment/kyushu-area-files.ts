// The Kyushu files are named by fiscal-year quarter (April–March; FY2016–2018 in Japanese era years, H28–H30), so a
// calendar year spans two fiscal years. This maps names to the months they cover and lists the bundled copies.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { bundledDataDir } from "../prices/bundled-data.js";

export interface FiscalQuarterFile {
  name: string;
  /** Fiscal year starting in April of this calendar year. */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** First covered month as calendar year and month (1–12). */
  fromYear: number;
  fromMonth: number;
}

/** Heisei year n is calendar year 1988 + n (H28 = 2016). */
const HEISEI_EPOCH_YEAR = 1988;

/** `area_jyukyu_jisseki_2020_4Q.csv.gz` → FY2020 Q4 = January–March 2021. */
export function parseKyushuAreaFileName(name: string): FiscalQuarterFile | undefined {
  const m = /area_jyukyu_jisseki_(H\d{2}|\d{4})_([1-4])Q\.csv(\.gz)?$/.exec(name);
  if (m === null) return undefined;
  const yearText = m[1] ?? "";
  const fiscalYear = yearText.startsWith("H")
    ? HEISEI_EPOCH_YEAR + Number(yearText.slice(1))
    : Number(yearText);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  const firstMonthIndex = 3 + (quarter - 1) * 3; // April = index 3
  return {
    name,
    fiscalYear,
    quarter,
    fromYear: fiscalYear + Math.floor(firstMonthIndex / 12),
    fromMonth: (firstMonthIndex % 12) + 1,
  };
}

/**
 * Bundled files in time order; with years given, only the quarters within those calendar years (a fiscal quarter
 * never crosses a calendar year, so 2021..2023 selects FY2020 Q4 … FY2023 Q3).
 */
export function bundledKyushuAreaFiles(fromCalendarYear?: number, toCalendarYear?: number): string[] {
  const dir = join(bundledDataDir(), "kyushu-area-supply-demand");
  return readdirSync(dir)
    .map(parseKyushuAreaFileName)
    .filter((f): f is FiscalQuarterFile => f !== undefined)
    .filter((f) => fromCalendarYear === undefined || f.fromYear >= fromCalendarYear)
    .filter((f) => toCalendarYear === undefined || f.fromYear <= toCalendarYear)
    .sort((a, b) => a.fromYear - b.fromYear || a.fromMonth - b.fromMonth)
    .map((f) => join(dir, f.name));
}
