// Builds the backtest's slots from a price series, an optional surplus series and a daily hashprice, applying the
// gap policy: "fail" stops at the first stretch without a price (naming the lines on either side), "skip" leaves
// it out of every strategy's figures, "carry" repeats the last price (and the last hashprice) through it. A stretch
// without surplus data is always "no surplus". Pure: the loaders do the reading.
import type { PowerInterval } from "../../domain/series.js";
import type { BacktestSlots, GapNote, GapPolicy } from "./types.js";

export class BacktestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BacktestInputError";
  }
}

export interface PricePoint {
  readonly startMs: number;
  readonly durationMs: number;
  readonly pricePerKwh: number;
}

/** A missing stretch inside a price file, with the lines on either side. */
export interface LocatedGap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly after: { readonly file: string; readonly line: number };
  readonly before: { readonly file: string; readonly line: number };
}

export interface DailyHashprice {
  readonly perThsDay: number;
  /** NaN when unknown. */
  readonly btcPerThsDay: number;
}

export interface SlotSeriesInput {
  readonly prices: readonly PricePoint[];
  readonly priceGaps: readonly LocatedGap[];
  /** Names the price data in coverage messages. */
  readonly priceSource: string;
  readonly surplus?: readonly PowerInterval[];
  /** Hashprice of a UTC day, YYYY-MM-DD. */
  readonly hashprice: (dateUtc: string) => DailyHashprice | undefined;
  readonly hashpriceSource: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly gapPolicy: GapPolicy;
}

export interface SlotSeries {
  readonly slots: BacktestSlots;
  readonly gaps: GapNote[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function priceSlots(input: SlotSeriesInput, gaps: GapNote[]): PricePoint[] {
  const { fromMs, toMs, gapPolicy } = input;
  const inPeriod = input.prices.filter((p) => p.startMs >= fromMs && p.startMs < toMs);
  const first = inPeriod[0];
  const last = inPeriod[inPeriod.length - 1];
  if (first === undefined || last === undefined) {
    throw new BacktestInputError(`${input.priceSource}: no prices between ${iso(fromMs)} and ${iso(toMs)}`);
  }
  const edges: LocatedGap[] = [];
  if (first.startMs > fromMs) {
    edges.push({ fromMs, toMs: first.startMs, after: { file: "", line: 0 }, before: { file: "", line: 0 } });
  }
  const lastEndMs = last.startMs + last.durationMs;
  if (lastEndMs < toMs) {
    edges.push({ fromMs: lastEndMs, toMs, after: { file: "", line: 0 }, before: { file: "", line: 0 } });
  }
  const inner = input.priceGaps.filter((g) => g.toMs > fromMs && g.fromMs < toMs);
  const all = [...inner, ...edges].sort((a, b) => a.fromMs - b.fromMs);
  if (all.length === 0) return inPeriod;
  const describe = (g: LocatedGap) =>
    g.after.line > 0
      ? `${g.after.file}: line ${g.before.line}: no price from ${iso(g.fromMs)} to ${iso(g.toMs)} ` +
        `(a gap after line ${g.after.line}${g.before.file !== g.after.file ? ` of ${g.after.file}` : ""})`
      : `${input.priceSource}: no price from ${iso(g.fromMs)} to ${iso(g.toMs)} (outside the data)`;
  const firstGap = all[0] as LocatedGap;
  if (gapPolicy === "fail") {
    throw new BacktestInputError(
      `${describe(firstGap)}${all.length > 1 ? ` and ${all.length - 1} more gaps` : ""}; ` +
        `choose a gap policy (--gaps skip or --gaps carry) or fix the data`,
    );
  }
  const out: PricePoint[] = [];
  let g = 0;
  for (const p of inPeriod) {
    while (g < all.length && (all[g] as LocatedGap).fromMs < p.startMs) {
      carryOrSkip(all[g] as LocatedGap, out, gapPolicy, gaps, describe);
      g++;
    }
    out.push(p);
  }
  for (; g < all.length; g++) carryOrSkip(all[g] as LocatedGap, out, gapPolicy, gaps, describe);
  return out;
}

function carryOrSkip(
  gap: LocatedGap,
  out: PricePoint[],
  policy: GapPolicy,
  notes: GapNote[],
  describe: (g: LocatedGap) => string,
): void {
  const prev = out[out.length - 1];
  if (policy === "carry" && prev !== undefined) {
    for (let t = gap.fromMs; t < gap.toMs; t += prev.durationMs) {
      out.push({
        startMs: t,
        durationMs: Math.min(prev.durationMs, gap.toMs - t),
        pricePerKwh: prev.pricePerKwh,
      });
    }
    notes.push({
      series: "price",
      fromMs: gap.fromMs,
      toMs: gap.toMs,
      treatedAs: "carried forward",
      where: describe(gap),
    });
    return;
  }
  notes.push({
    series: "price",
    fromMs: gap.fromMs,
    toMs: gap.toMs,
    treatedAs: "skipped",
    where: describe(gap),
  });
}

/** Mean surplus over each slot; parts of a slot without surplus data count as 0 W. */
function meanSurplusW(
  slots: readonly PricePoint[],
  surplus: readonly PowerInterval[] | undefined,
): Float64Array {
  const out = new Float64Array(slots.length);
  if (surplus === undefined) return out;
  let j = 0;
  slots.forEach((s, i) => {
    const endMs = s.startMs + s.durationMs;
    while (
      j < surplus.length &&
      (surplus[j] as PowerInterval).startMs + (surplus[j] as PowerInterval).durationMs <= s.startMs
    )
      j++;
    let wMs = 0;
    for (let k = j; k < surplus.length; k++) {
      const iv = surplus[k] as PowerInterval;
      if (iv.startMs >= endMs) break;
      const overlapMs = Math.min(endMs, iv.startMs + iv.durationMs) - Math.max(s.startMs, iv.startMs);
      if (overlapMs > 0) wMs += iv.powerW * overlapMs;
    }
    out[i] = wMs / s.durationMs;
  });
  return out;
}

function surplusGaps(input: SlotSeriesInput): GapNote[] {
  const series = input.surplus;
  if (series === undefined) return [];
  const notes: GapNote[] = [];
  let coveredToMs = input.fromMs;
  const note = (fromMs: number, toMs: number) =>
    notes.push({ series: "surplus", fromMs, toMs, treatedAs: "no surplus", where: "surplus series" });
  for (const iv of series) {
    if (iv.startMs + iv.durationMs <= coveredToMs) continue;
    if (iv.startMs >= input.toMs) break;
    if (iv.startMs > coveredToMs) note(coveredToMs, iv.startMs);
    coveredToMs = iv.startMs + iv.durationMs;
  }
  if (coveredToMs < input.toMs) note(coveredToMs, input.toMs);
  return notes;
}

export function buildSlotSeries(input: SlotSeriesInput): SlotSeries {
  const gaps: GapNote[] = [];
  const priced = priceSlots(input, gaps);
  const kept: PricePoint[] = [];
  const hash: DailyHashprice[] = [];
  let lastKnown: DailyHashprice | undefined;
  let missing: { fromMs: number; toMs: number; treatedAs: GapNote["treatedAs"] } | undefined;
  const flush = () => {
    if (missing === undefined) return;
    gaps.push({
      series: "hashprice",
      ...missing,
      where: `${input.hashpriceSource}: no hashprice for these UTC days`,
    });
    missing = undefined;
  };
  for (const p of priced) {
    const day = utcDate(p.startMs);
    const h = input.hashprice(day);
    if (h !== undefined) {
      flush();
      lastKnown = h;
      kept.push(p);
      hash.push(h);
      continue;
    }
    if (input.gapPolicy === "fail") {
      throw new BacktestInputError(
        `${input.hashpriceSource}: no hashprice for ${day} (UTC), needed by the slot at ${iso(p.startMs)}; ` +
          `choose a gap policy (--gaps skip or --gaps carry) or supply the day`,
      );
    }
    const carry = input.gapPolicy === "carry" && lastKnown !== undefined;
    const treatedAs = carry ? "carried forward" : "skipped";
    if (missing !== undefined && missing.treatedAs === treatedAs && missing.toMs === p.startMs) {
      missing.toMs = p.startMs + p.durationMs;
    } else {
      flush();
      missing = { fromMs: p.startMs, toMs: p.startMs + p.durationMs, treatedAs };
    }
    if (carry && lastKnown !== undefined) {
      kept.push(p);
      hash.push(lastKnown);
    }
  }
  flush();
  gaps.push(...surplusGaps(input));
  const n = kept.length;
  const slots: BacktestSlots = {
    length: n,
    startMs: Float64Array.from(kept, (p) => p.startMs),
    durationMs: Float64Array.from(kept, (p) => p.durationMs),
    spotPricePerKwh: Float64Array.from(kept, (p) => p.pricePerKwh),
    surplusW: meanSurplusW(kept, input.surplus),
    hashpricePerThsDay: Float64Array.from(hash, (h) => h.perThsDay),
    btcPerThsDay: Float64Array.from(hash, (h) => h.btcPerThsDay),
  };
  return { slots, gaps: gaps.sort((a, b) => a.fromMs - b.fromMs) };
}
