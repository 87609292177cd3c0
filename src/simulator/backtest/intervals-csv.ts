// One CSV row per slot: the inputs of the slot, then per strategy its energy, absorbed surplus, BTC, revenue and
// energy cost. Columns are documented in docs/backtest.md. Written in chunks so a 3-year run never builds one
// 15 MB string.
import { gridPricePerKwh } from "./accounting.js";
import { type BacktestResult, STRATEGIES, type StrategyName } from "./types.js";

const FIELDS = ["energy_kwh", "surplus_absorbed_kwh", "btc", "revenue", "energy_cost"] as const;

function snake(name: StrategyName): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function intervalsCsvHeader(result: BacktestResult): string {
  const strategies = STRATEGIES.filter((s) => result.ledgers[s] !== undefined);
  return [
    "start_utc",
    "duration_min",
    "spot_price_per_kwh",
    "grid_price_per_kwh",
    "surplus_kw",
    "hashprice_per_ths_day",
    ...strategies.flatMap((s) => FIELDS.map((f) => `${snake(s)}_${f}`)),
  ].join(",");
}

function num(v: number, digits: number): string {
  if (Number.isNaN(v)) return "";
  const s = v.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Rows in chunks of `chunkRows`, header first; each chunk ends with a newline. */
export function* intervalsCsvChunks(result: BacktestResult, chunkRows = 2048): Generator<string> {
  const { slots } = result.inputs;
  const terms = result.options.terms;
  const ledgers = STRATEGIES.flatMap((s) => {
    const l = result.ledgers[s];
    return l === undefined ? [] : [l];
  });
  yield `${intervalsCsvHeader(result)}\n`;
  let rows: string[] = [];
  for (let i = 0; i < slots.length; i++) {
    const cells = [
      new Date(slots.startMs[i] as number).toISOString().replace(".000Z", "Z"),
      num((slots.durationMs[i] as number) / 60_000, 3),
      num(slots.spotPricePerKwh[i] as number, 4),
      num(gridPricePerKwh(slots, i, terms), 4),
      num((slots.surplusW[i] as number) / 1000, 3),
      num(slots.hashpricePerThsDay[i] as number, 6),
    ];
    for (const l of ledgers) {
      cells.push(
        num(l.energyKwh[i] as number, 3),
        num(l.surplusAbsorbedKwh[i] as number, 3),
        num(l.btc[i] as number, 8),
        num(l.revenue[i] as number, 2),
        num(l.energyCost[i] as number, 2),
      );
    }
    rows.push(cells.join(","));
    if (rows.length === chunkRows) {
      yield `${rows.join("\n")}\n`;
      rows = [];
    }
  }
  if (rows.length > 0) yield `${rows.join("\n")}\n`;
}
