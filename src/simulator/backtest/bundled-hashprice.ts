// Daily hashprice from the bundled bitcoin history (data/bitcoin), in JPY or USD per TH/s per day. The bundled
// fee series has no figures for 2014-09 .. 2024-02 and 2025-02 .. 2025-11; those days take an assumed fee per
// block (default 0, i.e. subsidy only, which understates revenue by the fee share of the day).
import { join } from "node:path";
import { loadBundledDailyMiningEconomics } from "../../signals/bitcoin/bundled.js";
import { bundledDataDir } from "../../signals/prices/bundled-data.js";
import { hashpriceForDay } from "../economics/daily-hashprice.js";
import type { DailyHashprice } from "./slot-series.js";
import { utcDate } from "./slot-series.js";

export interface BundledHashprice {
  readonly byDay: ReadonlyMap<string, DailyHashprice>;
  readonly notes: string[];
  readonly source: string;
}

export async function bundledHashprice(opts: {
  currency: "JPY" | "USD";
  fromMs: number;
  toMs: number;
  feesBtcPerBlock: number;
}): Promise<BundledHashprice> {
  const dir = join(bundledDataDir(), "bitcoin");
  const rows = await loadBundledDailyMiningEconomics(dir, {
    fromDateUtc: utcDate(opts.fromMs),
    toDateUtc: utcDate(opts.toMs - 1),
    missingFees: { feesBtcPerBlock: opts.feesBtcPerBlock },
  });
  const byDay = new Map<string, DailyHashprice>();
  let assumed = 0;
  for (const row of rows) {
    const h = hashpriceForDay(row);
    if (row.feesSource === "assumed") assumed++;
    byDay.set(row.dateUtc, {
      perThsDay: opts.currency === "JPY" ? h.jpyPerThDay : h.usdPerPhDay / 1000,
      btcPerThsDay: h.btcPerThDay,
    });
  }
  const notes: string[] = [];
  if (assumed > 0) {
    notes.push(
      `hashprice: the bundled history has no fee figures for ${assumed} of ${rows.length} days; those assume ` +
        `${opts.feesBtcPerBlock} BTC of fees per block${opts.feesBtcPerBlock === 0 ? " (subsidy only)" : ""}`,
    );
  }
  notes.push(
    `hashprice: difficulty, block counts and BTC/USD from data/bitcoin${opts.currency === "JPY" ? ", USD/JPY from FRED (Yahoo outside FRED's range)" : ""}; one value per UTC day`,
  );
  return { byDay, notes, source: "data/bitcoin (bundled daily history)" };
}
