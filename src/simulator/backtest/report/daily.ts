// Daily figures for the report's plots: slots grouped by the market's calendar day (JST for JEPX).
import { gridPricePerKwh } from "../accounting.js";
import { type BacktestResult, STRATEGIES, type StrategyName } from "../types.js";

const DAY_MS = 86_400_000;

export interface DailySeries {
  /** Epoch ms of each day's start (in the market's day offset). */
  readonly dayMs: number[];
  /** Time-weighted mean delivered grid price of the day. */
  readonly meanGridPrice: number[];
  readonly surplusAvailableMwh: number[];
  readonly energyMwh: Partial<Record<StrategyName, number[]>>;
  readonly surplusAbsorbedMwh: Partial<Record<StrategyName, number[]>>;
  readonly profit: Partial<Record<StrategyName, number[]>>;
}

export function dailySeries(result: BacktestResult): DailySeries {
  const { slots, dayOffsetMs } = result.inputs;
  const terms = result.options.terms;
  const strategies = STRATEGIES.filter((s) => result.ledgers[s] !== undefined);
  const index = new Map<number, number>();
  const out = {
    dayMs: [] as number[],
    meanGridPrice: [] as number[],
    surplusAvailableMwh: [] as number[],
    energyMwh: {} as Partial<Record<StrategyName, number[]>>,
    surplusAbsorbedMwh: {} as Partial<Record<StrategyName, number[]>>,
    profit: {} as Partial<Record<StrategyName, number[]>>,
  };
  for (const s of strategies) {
    out.energyMwh[s] = [];
    out.surplusAbsorbedMwh[s] = [];
    out.profit[s] = [];
  }
  const priceHours: number[] = [];
  for (let i = 0; i < slots.length; i++) {
    const startMs = slots.startMs[i] as number;
    const dayMs = Math.floor((startMs + dayOffsetMs) / DAY_MS) * DAY_MS - dayOffsetMs;
    let d = index.get(dayMs);
    if (d === undefined) {
      d = out.dayMs.length;
      index.set(dayMs, d);
      out.dayMs.push(dayMs);
      out.meanGridPrice.push(0);
      priceHours.push(0);
      out.surplusAvailableMwh.push(0);
      for (const s of strategies) {
        out.energyMwh[s]?.push(0);
        out.surplusAbsorbedMwh[s]?.push(0);
        out.profit[s]?.push(0);
      }
    }
    const hours = (slots.durationMs[i] as number) / 3_600_000;
    out.meanGridPrice[d] = (out.meanGridPrice[d] as number) + gridPricePerKwh(slots, i, terms) * hours;
    priceHours[d] = (priceHours[d] as number) + hours;
    out.surplusAvailableMwh[d] =
      (out.surplusAvailableMwh[d] as number) + ((slots.surplusW[i] as number) / 1e6) * hours;
    for (const s of strategies) {
      const l = result.ledgers[s];
      if (l === undefined) continue;
      add(out.energyMwh[s], d, (l.energyKwh[i] as number) / 1000);
      add(out.surplusAbsorbedMwh[s], d, (l.surplusAbsorbedKwh[i] as number) / 1000);
      add(out.profit[s], d, (l.revenue[i] as number) - (l.energyCost[i] as number));
    }
  }
  out.meanGridPrice.forEach((v, d) => {
    out.meanGridPrice[d] = v / ((priceHours[d] as number) || 1);
  });
  return out;
}

function add(series: number[] | undefined, d: number, v: number): void {
  if (series !== undefined) series[d] = (series[d] as number) + v;
}

export function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => {
    sum += v;
    return sum;
  });
}
