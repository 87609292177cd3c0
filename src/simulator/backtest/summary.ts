// The JSON summary of a backtest. Its keys are a stable interface (docs/backtest.md): scripts read
// strategies.<name>.{energyMwh, surplusAbsorbedMwh, btc, revenue, energyCost, profit}, regretPct and currency.
import type { BacktestResult, GapPolicy, SimulationStats, StrategyName, StrategyTotals } from "./types.js";

export interface BacktestSummary {
  readonly market: string;
  readonly currency: string;
  /** First slot start and last slot end, ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  /** First and last calendar day in the market's own time (JST for JEPX), YYYY-MM-DD. */
  readonly firstDay: string;
  readonly lastDay: string;
  readonly slots: number;
  /** The most common slot length. */
  readonly slotMinutes: number;
  /** gridminer's decision period in the simulation. */
  readonly decisionStepS: number;
  readonly site: {
    readonly name: string;
    readonly model: string;
    readonly units: number;
    readonly importLimitW: number;
    readonly auxiliaryW: number;
    readonly policyMode: string;
    readonly marginPerKwh: number;
    readonly hysteresisPerKwh: number;
    readonly minOnS: number;
    readonly minOffS: number;
  };
  readonly terms: {
    readonly networkChargePerKwh: number;
    readonly taxPerKwh: number;
    readonly surplusPpaPricePerKwh: number;
    readonly poolFeeFraction: number;
  };
  /** Surplus the site could have absorbed (Σ slot surplus × slot length), MWh. */
  readonly surplusAvailableMwh: number;
  readonly strategies: Partial<Record<StrategyName, StrategyTotals>>;
  readonly regretPct: number | null;
  /** (hindsight − planned profit) / |hindsight profit| · 100; null without the planned strategy. */
  readonly plannedRegretPct: number | null;
  readonly gapPolicy: GapPolicy;
  readonly gaps: readonly { series: string; from: string; to: string; treatedAs: string; where: string }[];
  readonly hindsight: { readonly honours: readonly string[]; readonly ignores: readonly string[] };
  readonly notes: readonly string[];
  readonly sources: readonly string[];
  readonly simulation: Partial<Record<StrategyName, SimulationStats>>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const localDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function mostCommon(values: Float64Array): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

/** Which constraints the hindsight optimum honours and which it leaves out, for this site and slot length. */
export function hindsightModel(result: BacktestResult): { honours: string[]; ignores: string[] } {
  const policy = result.options.site.policy;
  const slotS = mostCommon(result.inputs.slots.durationMs) / 1000;
  const dwellFits = policy.dwell.minOnS <= slotS && policy.dwell.minOffS <= slotS;
  const honours = [
    `the same ${result.options.site.units} units with their work modes; standby draw while asleep`,
    `auxiliary load of ${policy.auxiliary.defaultW} W in every site figure`,
    `the import limit of ${policy.importLimitW} W on site power`,
    `one configuration per slot, held for the whole slot${dwellFits ? `, which satisfies the dwell times (on ${policy.dwell.minOnS} s, off ${policy.dwell.minOffS} s ≤ ${slotS} s)` : ""}`,
    "the same accounting: surplus at the PPA price, the rest at spot + network charge + taxes",
    "perfect knowledge of every slot's price, surplus and hashprice",
  ];
  const ignores = [
    "boot and calibration after a wake and the mode-change ramp: units hash at full rate from the slot start",
    `the up-ramp limit (${policy.ramp.upWPerS} W/s) and the wake stagger (${policy.maxWakesPerTick} wakes per tick)`,
    ...(dwellFits
      ? []
      : [`dwell times longer than a slot (on ${policy.dwell.minOnS} s, off ${policy.dwell.minOffS} s)`]),
  ];
  return { honours, ignores };
}

export function summarise(result: BacktestResult): BacktestSummary {
  const { inputs, options } = result;
  const { slots } = inputs;
  const site = options.site;
  const policy = site.policy;
  let surplusKwh = 0;
  for (let i = 0; i < slots.length; i++) {
    surplusKwh += (((slots.surplusW[i] as number) / 1000) * (slots.durationMs[i] as number)) / 3_600_000;
  }
  const last = slots.length - 1;
  return {
    market: inputs.market,
    currency: inputs.currency,
    from: iso(slots.startMs[0] as number),
    to: iso((slots.startMs[last] as number) + (slots.durationMs[last] as number)),
    firstDay: localDay((slots.startMs[0] as number) + inputs.dayOffsetMs),
    lastDay: localDay(
      (slots.startMs[last] as number) + (slots.durationMs[last] as number) - 1 + inputs.dayOffsetMs,
    ),
    slots: slots.length,
    slotMinutes: mostCommon(slots.durationMs) / 60_000,
    decisionStepS: result.decisionStepS,
    site: {
      name: site.name,
      model: site.spec.model,
      units: site.units,
      importLimitW: policy.importLimitW,
      auxiliaryW: policy.auxiliary.defaultW,
      policyMode: policy.mode,
      marginPerKwh: policy.marginJpyPerKwh,
      hysteresisPerKwh: policy.economicHysteresisJpyPerKwh,
      minOnS: policy.dwell.minOnS,
      minOffS: policy.dwell.minOffS,
    },
    terms: { ...options.terms },
    surplusAvailableMwh: surplusKwh / 1000,
    strategies: result.totals,
    regretPct: result.regretPct,
    plannedRegretPct: result.plannedRegretPct,
    gapPolicy: inputs.gapPolicy,
    gaps: inputs.gaps.map((g) => ({
      series: g.series,
      from: iso(g.fromMs),
      to: iso(g.toMs),
      treatedAs: g.treatedAs,
      where: g.where,
    })),
    hindsight: hindsightModel(result),
    notes: inputs.notes,
    sources: inputs.sources,
    simulation: result.simulation,
  };
}
