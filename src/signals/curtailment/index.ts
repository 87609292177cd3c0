export * from "./curtailment-notice.js";
export * from "./kyushu-area.js";
export * from "./kyushu-area-files.js";
export * from "./notice-derivation.js";
export * from "./site-surplus.js";
export * from "./surplus-setpoints.js";
