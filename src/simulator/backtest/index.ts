export { bookSlot, gridPricePerKwh, netHashpricePerThsDay, newLedger, totalsOf } from "./accounting.js";
export { bundledHashprice } from "./bundled-hashprice.js";
export {
  type GenericInputOptions,
  loadGenericInputs,
  parseHashpriceCsv,
  parsePricesCsv,
  parseSurplusCsv,
} from "./generic-inputs.js";
export { type IntegerProgram, type IntegerSolution, solveIntegerProgram } from "./integer-program.js";
export { intervalsCsvChunks, intervalsCsvHeader } from "./intervals-csv.js";
export { type JepxInputOptions, jstDayMs, loadJepxInputs } from "./jepx-inputs.js";
export { renderHtmlReport } from "./report/html.js";
export { regretPct, runBacktest } from "./run-backtest.js";
export {
  bestSlotConfiguration,
  configurationOf,
  type ModeFigures,
  maxHashrateWithin,
  type SlotConfiguration,
  type SlotFleet,
  type SlotPrices,
  slotValuePerHour,
} from "./slot-optimum.js";
export { BacktestInputError, buildSlotSeries, type DailyHashprice, type PricePoint } from "./slot-series.js";
export {
  alwaysOnConfiguration,
  hindsightConfiguration,
  nameplateMode,
  slotFleet,
  thresholdConfiguration,
  thresholdPricePerKwh,
  unitsWithinLimit,
} from "./strategies.js";
export { type BacktestSummary, hindsightModel, summarise } from "./summary.js";
export * from "./types.js";
export { type WrittenOutputs, writeBacktestOutputs } from "./write-outputs.js";
