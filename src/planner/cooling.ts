// Dry-cooler capacity from an ambient forecast. The miners' wall power ends up as heat in the coolant, so the
// cooling limit applies to miner power (running and standby), not to the auxiliary load.
import type { CoolingPoint } from "../domain/policy.js";

/**
 * Heat the dry coolers can reject at ambientC: linear between the curve's points, flat beyond both ends (a cooler
 * at 45 °C is not extrapolated to negative capacity). Infinity when the curve is empty or no forecast is given.
 */
export function coolingCapacityW(curve: readonly CoolingPoint[], ambientC: number | undefined): number {
  if (ambientC === undefined || curve.length === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...curve].sort((a, b) => a.ambientC - b.ambientC);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return Number.POSITIVE_INFINITY;
  if (ambientC <= first.ambientC) return first.capacityW;
  if (ambientC >= last.ambientC) return last.capacityW;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === undefined || b === undefined || ambientC > b.ambientC) continue;
    const spanC = b.ambientC - a.ambientC;
    // Two points at one temperature: the lower capacity is the safe reading of a step.
    if (spanC === 0) return Math.min(a.capacityW, b.capacityW);
    return a.capacityW + ((ambientC - a.ambientC) / spanC) * (b.capacityW - a.capacityW);
  }
  return last.capacityW;
}
