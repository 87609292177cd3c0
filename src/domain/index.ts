export * from "./clock.js";
export * from "./driver.js";
export * from "./errors.js";
export * from "./miner.js";
export * from "./reading.js";
