import type { GridminerConfig } from "../config/schema.js";
import { DEFAULT_POLICY } from "../core/default-policy.js";
import type { SitePolicy } from "../domain/policy.js";

/** The one place where site.yaml becomes the core's SitePolicy; anything the file leaves out keeps its default. */
export function policyFromConfig(cfg: GridminerConfig): SitePolicy {
  const c = cfg.control;
  const f = c.frequency;
  return {
    ...DEFAULT_POLICY,
    mode: c.policy,
    marginJpyPerKwh: c.marginJpyPerKwh,
    economicHysteresisJpyPerKwh: c.economicHysteresisJpyPerKwh,
    importLimitW: cfg.site.importLimitW,
    floorW: cfg.site.floorPowerW,
    // Without a curve in the file the site is not limited by cooling (no ambient reading is then needed).
    coolingCapacity: c.coolingCapacity ?? [],
    coolantOutletLimitC: c.coolantOutletLimitC,
    frequency: {
      enabled: f.enabled,
      tripDeltaHz: f.tripDeltaHz,
      restoreDelayS: f.restoreDelayS,
      droopDeadbandHz: f.droopDeadbandHz,
      droopFullDeltaHz: f.droopFullDeltaHz,
    },
    stale: {
      maxAgeS: { ...DEFAULT_POLICY.stale.maxAgeS, ...stripUndefined(c.staleAfterS) },
      fallback: c.staleFallback,
    },
    dwell: { minOnS: c.minOnS, minOffS: c.minOffS },
    ramp: { ...DEFAULT_POLICY.ramp, upWPerS: c.rampUpWPerS },
    maxWakesPerTick: c.maxWakesPerTick,
    deadbandW: c.deadbandW,
    hysteresisW: c.hysteresisW,
    tickS: c.intervalS,
    auxiliary: { ...DEFAULT_POLICY.auxiliary, defaultW: c.auxiliaryW },
  };
}

function stripUndefined<T extends Record<string, number | undefined>>(o: T): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
