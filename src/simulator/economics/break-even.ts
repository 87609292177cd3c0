import type { MinerModelSpec } from "../../domain/miner.js";
import { assertFraction, assertNonNegative, assertPositive } from "./validate.js";

const HOURS_PER_DAY = 24;
const W_PER_KW = 1_000;

export interface BreakEvenInput {
  /** Net of pool fee if the pool's fee is to count. */
  hashpriceJpyPerThDay: number;
  hashrateThs: number;
  powerW: number;
  /** Share of revenue to keep as profit, 0..1; default 0 (pure break-even). */
  marginFraction?: number;
  /**
   * Draw that continues when the unit is soft-off; default 0. The run-or-sleep decision only pays for the
   * difference, so subtracting it raises the price at which running still beats sleeping.
   */
  standbyPowerW?: number;
}

export function revenueJpyPerHour(hashpriceJpyPerThDay: number, hashrateThs: number): number {
  assertNonNegative(hashpriceJpyPerThDay, "hashpriceJpyPerThDay");
  assertNonNegative(hashrateThs, "hashrateThs");
  return (hashpriceJpyPerThDay * hashrateThs) / HOURS_PER_DAY;
}

/**
 * Energy price at which running earns exactly the margin: revenue · (1 − margin) = energy · price, i.e.
 * price = hashprice · TH/s / 24 · (1 − margin) / (power − standby) in kW. Above it, the unit should sleep.
 */
export function breakEvenPriceJpyPerKwh(input: BreakEvenInput): number {
  const marginFraction = input.marginFraction ?? 0;
  const standbyPowerW = input.standbyPowerW ?? 0;
  assertFraction(marginFraction, "marginFraction");
  assertNonNegative(standbyPowerW, "standbyPowerW");
  assertPositive(input.powerW - standbyPowerW, "powerW - standbyPowerW");
  const revenue = revenueJpyPerHour(input.hashpriceJpyPerThDay, input.hashrateThs);
  return (revenue * (1 - marginFraction)) / ((input.powerW - standbyPowerW) / W_PER_KW);
}

export interface ModeBreakEven {
  mode: number;
  name: string;
  breakEvenPriceJpyPerKwh: number;
}

export interface ModeBreakEvenOptions {
  marginFraction?: number;
  /** Count the model's standby draw as sunk (see BreakEvenInput.standbyPowerW); default false. */
  netOfStandby?: boolean;
}

/** Break-even price of every work mode of a model: the per-mode strike prices a dispatcher compares with. */
export function breakEvenByMode(
  spec: MinerModelSpec,
  hashpriceJpyPerThDay: number,
  options: ModeBreakEvenOptions = {},
): ModeBreakEven[] {
  return spec.modes.map((m) => ({
    mode: m.mode,
    name: m.name,
    breakEvenPriceJpyPerKwh: breakEvenPriceJpyPerKwh({
      hashpriceJpyPerThDay,
      hashrateThs: m.hashrateThs,
      powerW: m.powerW,
      ...(options.marginFraction === undefined ? {} : { marginFraction: options.marginFraction }),
      ...(options.netOfStandby ? { standbyPowerW: spec.standbyPowerW } : {}),
    }),
  }));
}
