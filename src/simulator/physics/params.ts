// Every number here is an assumption unless docs/emulator.md names a source; replace with site measurements.

export interface MinerPhysicsParams {
  /** Seconds from wake or reboot until the hash boards start hashing; power rises during this time. */
  bootS: number;
  /** Share of the way from standby to the mode's power reached at the end of boot, before any hashing. */
  bootPowerFraction: number;
  /** Seconds from the end of boot to full hashrate. */
  rampS: number;
  /** The wake ramp counts as calibration: mode changes are refused until it ends. */
  calibrateAfterBoot: boolean;
  /** Seconds for power to fall to standby once a soft-off executes. */
  softOffFallS: number;
  /** Seconds for power and hashrate to move to a new work mode. */
  modeChangeS: number;
  /** Seconds a mode change keeps the unit calibrating (further changes refused); 0 disables. */
  modeChangeCalibrationS: number;
  /** Seconds for power to fall to standby when a fault trips. */
  faultFallS: number;
  /** Hash-rail DC power over wall power while the hash boards are powered. */
  psuEfficiency: number;
  coolantInletC: number;
  coolantFlowLPerMin: number;
  coolantDensityKgPerL: number;
  coolantCpJPerKgK: number;
  /** Share of wall power that ends up in the coolant (the rest leaves by air and radiation). */
  heatToCoolantFraction: number;
  /** Time constant of the outlet temperature's first-order lag behind its steady-state value. */
  thermalTimeConstantS: number;
  /** Outlet temperature above which the unit trips into a fault. */
  outletTripC: number;
  /** Average chip temperature above the coolant outlet, per kW of hash-rail power. */
  chipAboveOutletCPerKw: number;
  /** Hottest chip above the average chip, per kW of hash-rail power. */
  chipMaxAboveAvgCPerKw: number;
  /** Share of hashes lost to errors: the clock-derived (nominal) hashrate is actual / (1 − this). */
  hashErrorFraction: number;
  /** Per-unit deviation of power from the model's mode figures, ± this fraction, fixed by the seed. */
  unitPowerSpread: number;
  /** Per-unit deviation of hashrate from the model's mode figures, ± this fraction, fixed by the seed. */
  unitHashrateSpread: number;
  /** Short-term hashrate wobble, ± this fraction, changing every `hashrateRipplePeriodS`. */
  hashrateRipple: number;
  hashrateRipplePeriodS: number;
  /** Accepted work-level range (the A1566HA's is undocumented; levels have no physical effect here). */
  workLevelMin: number;
  workLevelMax: number;
}

export const DEFAULT_MINER_PHYSICS_PARAMS: Readonly<MinerPhysicsParams> = Object.freeze({
  bootS: 60,
  bootPowerFraction: 0.1,
  rampS: 240,
  calibrateAfterBoot: true,
  softOffFallS: 3,
  modeChangeS: 5,
  modeChangeCalibrationS: 120,
  faultFallS: 1,
  psuEfficiency: 0.94,
  coolantInletC: 35,
  coolantFlowLPerMin: 9,
  coolantDensityKgPerL: 1,
  coolantCpJPerKgK: 4186,
  heatToCoolantFraction: 1,
  thermalTimeConstantS: 60,
  outletTripC: 65,
  chipAboveOutletCPerKw: 2,
  chipMaxAboveAvgCPerKw: 0.8,
  hashErrorFraction: 0.012,
  unitPowerSpread: 0.01,
  unitHashrateSpread: 0.02,
  hashrateRipple: 0.005,
  hashrateRipplePeriodS: 5,
  workLevelMin: 0,
  workLevelMax: 0,
});

export function resolvePhysicsParams(overrides: Partial<MinerPhysicsParams> = {}): MinerPhysicsParams {
  const p: MinerPhysicsParams = { ...DEFAULT_MINER_PHYSICS_PARAMS };
  for (const [key, value] of Object.entries(overrides) as [keyof MinerPhysicsParams, unknown][]) {
    if (value !== undefined) (p as unknown as Record<string, unknown>)[key] = value;
  }
  const nonNegative: (keyof MinerPhysicsParams)[] = [
    "bootS",
    "rampS",
    "softOffFallS",
    "modeChangeS",
    "modeChangeCalibrationS",
    "faultFallS",
    "coolantFlowLPerMin",
    "thermalTimeConstantS",
    "unitPowerSpread",
    "unitHashrateSpread",
    "hashrateRipple",
  ];
  for (const key of nonNegative) {
    const v = p[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new Error(`physics parameter ${key}: expected a finite number ≥ 0, got ${String(v)}`);
    }
  }
  const positive: (keyof MinerPhysicsParams)[] = [
    "psuEfficiency",
    "coolantDensityKgPerL",
    "coolantCpJPerKgK",
    "hashrateRipplePeriodS",
  ];
  for (const key of positive) {
    const v = p[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new Error(`physics parameter ${key}: expected a finite number > 0, got ${String(v)}`);
    }
  }
  if (p.hashErrorFraction < 0 || p.hashErrorFraction >= 1) {
    throw new Error(`physics parameter hashErrorFraction: expected 0 ≤ x < 1, got ${p.hashErrorFraction}`);
  }
  if (p.workLevelMin > p.workLevelMax) throw new Error("physics parameters: workLevelMin > workLevelMax");
  return p;
}
