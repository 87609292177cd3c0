// What a meter reports, whatever its protocol. Sign convention (the domain's, see SiteSnapshot.meteredImportW):
// power is positive when it flows from the grid side of the meter into the site side (import), negative on export.
// A PV or wind plant meter therefore reads negative while the plant generates.
import type { DriverError } from "../../domain/errors.js";

export interface MeterSample {
  /** Total active power, import positive. */
  readonly powerW: number;
  /** Per-phase active power, import positive, for the phases the meter reports (L1, L2, L3 in order). */
  readonly phasePowerW?: readonly (number | undefined)[];
  readonly frequencyHz?: number;
  /** Lifetime energy counters in the same direction convention: import = drawn from the grid side. */
  readonly energyImportWh?: number;
  readonly energyExportWh?: number;
}

/** A sample, plus per-quantity problems that did not stop the rest of the sample from being read. */
export interface DecodedMeter {
  readonly sample: MeterSample;
  readonly problems: Partial<Record<MeterQuantity, DriverError>>;
}

/** The scalar quantities a reader can follow one by one. */
export type MeterQuantity = "powerW" | "frequencyHz" | "energyImportWh" | "energyExportWh";

export const METER_QUANTITIES: readonly MeterQuantity[] = [
  "powerW",
  "frequencyHz",
  "energyImportWh",
  "energyExportWh",
];

/**
 * How the device itself signs power. "export-positive" devices (and meters wired the other way round) are turned
 * into the domain convention by negating power and swapping the energy counters.
 */
export type PowerSign = "import-positive" | "export-positive";

export function toImportPositive(sample: MeterSample, sign: PowerSign): MeterSample {
  if (sign === "import-positive") return sample;
  const out: {
    powerW: number;
    phasePowerW?: readonly (number | undefined)[];
    frequencyHz?: number;
    energyImportWh?: number;
    energyExportWh?: number;
  } = { powerW: negate(sample.powerW) };
  if (sample.phasePowerW !== undefined)
    out.phasePowerW = sample.phasePowerW.map((w) => (w === undefined ? w : negate(w)));
  if (sample.frequencyHz !== undefined) out.frequencyHz = sample.frequencyHz;
  if (sample.energyExportWh !== undefined) out.energyImportWh = sample.energyExportWh;
  if (sample.energyImportWh !== undefined) out.energyExportWh = sample.energyImportWh;
  return out;
}

/** -0 would print as "-0" in logs and JSON-compare unequal to 0 in tests. */
const negate = (w: number): number => (w === 0 ? 0 : -w);

/** Power flowing out of the site side of the meter: what a plant meter's generation looks like. */
export function exportPowerW(sample: MeterSample): number {
  return negate(sample.powerW);
}
