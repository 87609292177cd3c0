// A knapsack-like instance that branch-and-bound cannot close quickly: many small groups of odd sizes against a
// cooling cap that changes every slot. Test-only; deterministic (no randomness at run time). With min-up and
// min-down of 1 the rounded relaxation is always a valid MIP start, so a time-limited run always holds a plan.
import type { PlanInput, UnitGroup } from "../input.js";
import { group, input, mode, slots } from "./inputs.js";

export function hardInstance(
  slotCount = 96,
  groupCount = 24,
  o: { minUpSlots?: number; minDownSlots?: number } = {},
): PlanInput {
  const groups: UnitGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const powerW = 3_000 + ((g * 7_919) % 5_003);
    const ths = Math.round(powerW / (16 + ((g * 13) % 11)));
    groups.push(
      group(
        `g${g}`,
        1 + (g % 3),
        [mode(0, Math.round(powerW * 0.8), Math.round(ths * 0.86)), mode(1, powerW, ths)],
        {
          standbyW: 50,
          bootEnergyKwh: 0.4,
          minUpSlots: o.minUpSlots ?? 4,
          minDownSlots: o.minDownSlots ?? 2,
          maxStartsPerSlot: 2,
        },
      ),
    );
  }
  const prices = Array.from(
    { length: slotCount },
    (_, t) => 12 + 9 * Math.sin((t / 48) * 2 * Math.PI) + ((t * 37) % 7),
  );
  const s = slots(prices, { hashpriceJpyPerThsDay: 8 });
  const withAmbient = s.map((slot, t) => ({ ...slot, ambientC: 15 + ((t * 53) % 23) }));
  return input(withAmbient, groups, {
    coolingCurve: [
      { ambientC: 15, capacityW: 150_000 },
      { ambientC: 38, capacityW: 60_000 },
    ],
    pricing: { networkChargeJpyPerKwh: 4, taxJpyPerKwh: 1.4, surplusPriceJpyPerKwh: 0 },
  });
}
