// A site small enough to backtest by hand: two units of one mode (1 kW, 100 TH/s, no standby), no auxiliaries,
// instant physics, and a policy without margins or hysteresis. Test-only.
import { DEFAULT_POLICY } from "../../../core/index.js";
import type { MinerModelSpec } from "../../../domain/miner.js";
import type { SitePolicy } from "../../../domain/policy.js";
import type { MinerPhysicsParams } from "../../physics/index.js";
import type { BacktestInputs, BacktestSite, BacktestSlots, BacktestTerms } from "../types.js";

export const TOY_SPEC: MinerModelSpec = {
  vendor: "test",
  model: "TOY",
  hashBoards: 1,
  chipsPerBoard: 1,
  fans: 0,
  cooling: "hydro",
  nameplatePowerW: 1000,
  nameplateHashrateThs: 100,
  standbyPowerW: 0,
  modes: [{ mode: 0, name: "Only", powerW: 1000, hashrateThs: 100 }],
};

export const TOY_POLICY: SitePolicy = {
  ...DEFAULT_POLICY,
  importLimitW: 10_000,
  marginJpyPerKwh: 0,
  economicHysteresisJpyPerKwh: 0,
  deadbandW: 0,
  hysteresisW: 0,
  coolingCapacity: [],
  auxiliary: { ...DEFAULT_POLICY.auxiliary, defaultW: 0 },
};

export const TOY_SITE: BacktestSite = { name: "toy", spec: TOY_SPEC, units: 2, policy: TOY_POLICY };

export const INSTANT_PHYSICS: Partial<MinerPhysicsParams> = {
  bootS: 0,
  rampS: 0,
  calibrateAfterBoot: false,
  modeChangeS: 0,
  modeChangeCalibrationS: 0,
  softOffFallS: 0,
};

export const NO_ADDERS: BacktestTerms = {
  networkChargePerKwh: 0,
  taxPerKwh: 0,
  surplusPpaPricePerKwh: 0,
  poolFeeFraction: 0,
};

/** Hourly slots from 2023-04-01 00:00 UTC with the given prices, surplus and one hashprice for all. */
export function hourlyInputs(o: {
  prices: number[];
  surplusW: number[];
  hashpricePerThsDay: number;
  btcPerThsDay: number;
}): BacktestInputs {
  const t0 = Date.UTC(2023, 3, 1);
  const n = o.prices.length;
  const slots: BacktestSlots = {
    length: n,
    startMs: Float64Array.from({ length: n }, (_, i) => t0 + i * 3_600_000),
    durationMs: new Float64Array(n).fill(3_600_000),
    spotPricePerKwh: Float64Array.from(o.prices),
    surplusW: Float64Array.from(o.surplusW),
    hashpricePerThsDay: new Float64Array(n).fill(o.hashpricePerThsDay),
    btcPerThsDay: new Float64Array(n).fill(o.btcPerThsDay),
  };
  return {
    market: "toy",
    currency: "JPY",
    slots,
    gapPolicy: "fail",
    gaps: [],
    sources: [],
    notes: [],
    dayOffsetMs: 0,
  };
}
