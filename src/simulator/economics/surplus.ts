import type { EnergyInterval } from "../../domain/economics.js";
import { assertNonNegative } from "./validate.js";

/**
 * Energy drawn that would otherwise have been curtailed: min(drawn, surplus available) for the interval.
 * Intervals MUST be short enough that surplus and draw are roughly flat within them (JEPX slot: 30 min),
 * otherwise the minimum over averages overstates what was absorbed.
 */
export function surplusAbsorbedKwh(interval: EnergyInterval): number {
  assertNonNegative(interval.energyKwh, "energyKwh");
  const surplusKwh = interval.surplusAvailableKwh ?? 0;
  assertNonNegative(surplusKwh, "surplusAvailableKwh");
  return Math.min(interval.energyKwh, surplusKwh);
}
