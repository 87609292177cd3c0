// The planning horizon: from the slot containing now to the end of tomorrow, JST (Japan keeps no daylight saving,
// so JST is a fixed UTC+9). The day-ahead run after the JEPX auction (10:00 JST) sees tomorrow's prices; intraday
// re-runs see the same horizon shrink as the day goes on.
import type { PowerInterval, PriceInterval, TimeInterval } from "../domain/series.js";
import { intervalAt } from "../domain/series.js";
import type { PlanSlotInput } from "./input.js";

export const SLOT_30MIN_MS = 1_800_000;
const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

export interface Horizon {
  readonly startMs: number;
  readonly endMs: number;
  readonly slotMs: number;
}

/** From the start of the slot containing nowMs to 24:00 JST tomorrow (or `days` JST days from today's start). */
export function planningHorizon(nowMs: number, opts: { slotMs?: number; days?: number } = {}): Horizon {
  const slotMs = opts.slotMs ?? SLOT_30MIN_MS;
  const days = opts.days ?? 2;
  const dayStartMs = Math.floor((nowMs + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
  // Slots are aligned to the JST day, as JEPX's 48 daily slots are.
  const startMs = dayStartMs + Math.floor((nowMs - dayStartMs) / slotMs) * slotMs;
  return { startMs, endMs: dayStartMs + days * DAY_MS, slotMs };
}

export function horizonSlotStarts(h: Horizon): number[] {
  const out: number[] = [];
  for (let t = h.startMs; t < h.endMs; t += h.slotMs) out.push(t);
  return out;
}

export interface SlotSources {
  readonly spot: readonly PriceInterval[];
  /** Surplus forecast or notices; slots it does not cover get no surplus. */
  readonly surplus: readonly PowerInterval[];
  readonly hashpriceJpyPerThsDay: number;
  readonly importLimitW: number;
  /** Ambient forecast; slots it does not cover are not cooling-limited. */
  readonly ambientC?: readonly (TimeInterval & { readonly ambientC: number })[];
  readonly auxiliaryW?: number;
}

export class MissingPriceError extends Error {}

/**
 * Slot inputs for a horizon, read from sorted, non-overlapping series at each slot's start. A slot without a spot
 * price is an error: planning on a guessed price is the caller's decision, not the planner's.
 */
export function slotsFromSeries(h: Horizon, src: SlotSources): PlanSlotInput[] {
  return horizonSlotStarts(h).map((startMs) => {
    const price = intervalAt(src.spot, startMs);
    if (price === undefined)
      throw new MissingPriceError(`no spot price for the slot starting ${new Date(startMs).toISOString()}`);
    const ambient = src.ambientC === undefined ? undefined : intervalAt(src.ambientC, startMs);
    return {
      startMs,
      durationMs: h.slotMs,
      spotPriceJpyPerKwh: price.priceJpyPerKwh,
      surplusW: intervalAt(src.surplus, startMs)?.powerW ?? 0,
      hashpriceJpyPerThsDay: src.hashpriceJpyPerThsDay,
      importLimitW: src.importLimitW,
      ...(ambient === undefined ? {} : { ambientC: ambient.ambientC }),
      ...(src.auxiliaryW === undefined ? {} : { auxiliaryW: src.auxiliaryW }),
    };
  });
}
