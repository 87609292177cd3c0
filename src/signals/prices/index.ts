export * from "./bundled-data.js";
export * from "./data-file.js";
export * from "./data-format-error.js";
export * from "./day-ahead.js";
export * from "./jepx-spot.js";
export * from "./jst.js";
export * from "./price-series.js";
export type { DataGap, SourceLocation } from "./series-assembly.js";
