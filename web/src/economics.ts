// Break-even energy price of a unit-mode, as the economics rule computes it (docs/dispatch.md §3.4):
// revenue per hour = hashprice × TH/s / 24, so a mode pays while price + margin < revenue / kW.
import type { WorkMode } from "./types.js";

export function breakEvenJpyPerKwh(
  hashpriceJpyPerThsDay: number,
  mode: WorkMode,
  marginJpyPerKwh: number,
): number {
  return (hashpriceJpyPerThsDay * mode.hashrateThs) / 24 / (mode.powerW / 1000) - marginJpyPerKwh;
}

/** The mode that pays at the highest price: the most efficient one (fewest J/TH). */
export function mostEfficientMode(modes: readonly WorkMode[]): WorkMode | undefined {
  let best: WorkMode | undefined;
  for (const m of modes) {
    if (m.hashrateThs <= 0) continue;
    if (!best || m.powerW / m.hashrateThs < best.powerW / best.hashrateThs) best = m;
  }
  return best;
}
