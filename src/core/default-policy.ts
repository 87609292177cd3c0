// Defaults for the 4.5 MW reference site: ~558 hydro-cooled A1566HA (8,064 W in mode 1) in Kyushu, 5 s ticks.
// Values marked "assumed" are placeholders until site hardware and contracts are measured (see docs/dispatch.md).
import type { SitePolicy } from "../domain/policy.js";

export const DEFAULT_POLICY: SitePolicy = {
  mode: "green-and-economic",
  marginJpyPerKwh: 0.5,
  economicHysteresisJpyPerKwh: 0.5,
  importLimitW: 4_500_000,
  floorW: 30_000,
  // Assumed dry-cooler derating: full capacity up to 25 °C ambient, ~50 % at 45 °C.
  coolingCapacity: [
    { ambientC: 25, capacityW: 4_700_000 },
    { ambientC: 30, capacityW: 4_400_000 },
    { ambientC: 35, capacityW: 3_900_000 },
    { ambientC: 40, capacityW: 3_200_000 },
    { ambientC: 45, capacityW: 2_400_000 },
  ],
  coolantOutletLimitC: 60, // assumed; Canaan publishes no outlet limit for the A1566HA
  coolantWarnMarginC: 3,
  frequency: {
    enabled: true,
    // EPRX FCR "abnormal" criterion: 0.2 Hz below nominal (0.3 Hz in Hokkaido).
    tripDeltaHz: 0.2,
    restoreDelayS: 300,
    droopDeadbandHz: 0.02,
    droopFullDeltaHz: 0.2,
  },
  // OpenADR SIMPLE levels 0 normal, 1 moderate, 2 high, 3 special.
  shedLevelMaxFraction: [1, 0.5, 0.25, 0],
  stale: {
    maxAgeS: {
      surplus: 30,
      energyPrice: 3_600, // JEPX prices are 30-min slots published the day before
      hashprice: 172_800, // hashprice moves with difficulty and BTC price: daily is enough
      frequency: 5,
      meter: 30,
      ambient: 600,
      unit: 30,
    },
    fallback: "hold",
  },
  dwell: { minOnS: 600, minOffS: 300 },
  ramp: { upWPerS: 50_000, burstS: 5 },
  maxWakesPerTick: 20,
  deadbandW: 10_000,
  hysteresisW: 10_000,
  tickS: 5,
  auxiliary: {
    defaultW: 100_000, // assumed: circulation pumps and dry-cooler fans ≈ 2 % of 4.5 MW
    minW: 0,
    maxW: 400_000,
    timeConstantS: 60,
    maxSlewWPerS: 1_000,
  },
};
