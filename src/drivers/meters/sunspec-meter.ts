// SunSpec meter models 201 (single phase), 202 (split phase), 203 (wye) and 204 (delta). All four share one point
// layout; the phases a model lacks read "not implemented". Point names (W, W_SF, TotWhImp …) stay in this file.
import { DriverError } from "../../domain/errors.js";
import { isPlausibleFrequencyHz, PLAUSIBLE_FREQUENCY_HZ } from "../../signals/frequency/sample.js";
import { scaleByPowerOfTen } from "../protocols/modbus/codec.js";
import {
  type ModelHeader,
  type ReadHolding,
  readModelBody,
  type SunSpecLayout,
  sunspecAcc32,
  sunspecInt16,
  sunspecScaleFactor,
} from "../protocols/modbus/sunspec.js";
import type { DecodedMeter, MeterQuantity } from "./sample.js";

export const SUNSPEC_METER_MODEL_IDS: readonly number[] = [201, 202, 203, 204];

const PHASES_BY_MODEL: Readonly<Record<number, number>> = { 201: 1, 202: 2, 203: 3, 204: 3 };

/** Offsets from the first register after ID and L. */
const POINT = {
  Hz: 14,
  Hz_SF: 15,
  W: 16,
  WphA: 17,
  W_SF: 20,
  TotWhExp: 36,
  TotWhImp: 44,
  TotWh_SF: 52,
} as const;

/** Registers read per poll: up to and including TotWh_SF. */
export const METER_MODEL_READ_LENGTH = POINT.TotWh_SF + 1;

export interface SunSpecMeterContext {
  readonly host: string;
  readonly unitId: number;
  readonly model: ModelHeader;
}

export function findMeterModel(layout: SunSpecLayout, host = ""): ModelHeader {
  const model = layout.models.find((m) => SUNSPEC_METER_MODEL_IDS.includes(m.id));
  if (model === undefined) {
    const ids = layout.models.map((m) => m.id).join(", ");
    throw new DriverError("unsupported", `${host}: no SunSpec meter model (201-204) among models ${ids}`, {
      host,
      field: "meter model",
    });
  }
  if (model.length < METER_MODEL_READ_LENGTH) {
    throw new DriverError(
      "malformed",
      `${host}: SunSpec model ${model.id} at ${model.bodyAddress - 2} is ${model.length} registers long, ` +
        `expected at least ${METER_MODEL_READ_LENGTH}`,
      { host, field: `register ${model.bodyAddress - 1} (L)` },
    );
  }
  return model;
}

export async function readSunSpecMeter(read: ReadHolding, ctx: SunSpecMeterContext): Promise<DecodedMeter> {
  return decodeMeterModel(await readModelBody(read, ctx.model, METER_MODEL_READ_LENGTH), ctx);
}

/** Decodes a meter model body. Throws when total power cannot be read; other quantities fail one by one. */
export function decodeMeterModel(body: readonly number[], ctx: SunSpecMeterContext): DecodedMeter {
  const { host, unitId, model } = ctx;
  const word = (offset: number): number => body[offset] ?? 0x8000;
  const bad = (
    offset: number,
    point: string,
    quantity: MeterQuantity,
    why: string,
    kind: "malformed" | "unsupported",
  ) => {
    const register = model.bodyAddress + offset;
    return new DriverError(
      kind,
      `${host} unit ${unitId}: SunSpec model ${model.id} register ${register} (${point}, ${quantity}): ${why}`,
      { host, field: `register ${register} (${point})` },
    );
  };
  const hex = (w: number) => `0x${w.toString(16).toUpperCase().padStart(4, "0")}`;

  const powerSf = sunspecScaleFactor(word(POINT.W_SF));
  if (powerSf === undefined || Number.isNaN(powerSf)) {
    const why =
      powerSf === undefined
        ? "scale factor not implemented (0x8000)"
        : `scale factor ${hex(word(POINT.W_SF))} outside -10..10`;
    throw bad(POINT.W_SF, "W_SF", "powerW", why, "malformed");
  }
  const rawPower = sunspecInt16(word(POINT.W));
  if (rawPower === undefined) throw bad(POINT.W, "W", "powerW", "not implemented (0x8000)", "unsupported");

  const phases = PHASES_BY_MODEL[model.id] ?? 3;
  const phasePowerW: (number | undefined)[] = [];
  for (let i = 0; i < phases; i++) {
    const raw = sunspecInt16(word(POINT.WphA + i));
    phasePowerW.push(raw === undefined ? undefined : scaleByPowerOfTen(raw, powerSf));
  }

  const sample: {
    powerW: number;
    phasePowerW: readonly (number | undefined)[];
    frequencyHz?: number;
    energyImportWh?: number;
    energyExportWh?: number;
  } = { powerW: scaleByPowerOfTen(rawPower, powerSf), phasePowerW };
  const problems: Partial<Record<MeterQuantity, DriverError>> = {};

  const rawHz = sunspecInt16(word(POINT.Hz));
  if (rawHz !== undefined) {
    const hzSf = sunspecScaleFactor(word(POINT.Hz_SF));
    if (hzSf === undefined || Number.isNaN(hzSf)) {
      problems.frequencyHz = bad(
        POINT.Hz_SF,
        "Hz_SF",
        "frequencyHz",
        `bad scale factor ${hex(word(POINT.Hz_SF))}`,
        "malformed",
      );
    } else {
      const hz = scaleByPowerOfTen(rawHz, hzSf);
      if (isPlausibleFrequencyHz(hz)) sample.frequencyHz = hz;
      else {
        const { min, max } = PLAUSIBLE_FREQUENCY_HZ;
        problems.frequencyHz = bad(
          POINT.Hz,
          "Hz",
          "frequencyHz",
          `${hz} Hz is outside ${min}..${max} Hz`,
          "malformed",
        );
      }
    }
  }

  const energySf = sunspecScaleFactor(word(POINT.TotWh_SF));
  const counters = [
    [POINT.TotWhImp, "energyImportWh"],
    [POINT.TotWhExp, "energyExportWh"],
  ] as const;
  for (const [offset, quantity] of counters) {
    const raw = sunspecAcc32(word(offset), word(offset + 1));
    if (raw === undefined) continue;
    if (energySf === undefined || Number.isNaN(energySf)) {
      problems[quantity] = bad(
        POINT.TotWh_SF,
        "TotWh_SF",
        quantity,
        `bad scale factor ${hex(word(POINT.TotWh_SF))}`,
        "malformed",
      );
      continue;
    }
    sample[quantity] = scaleByPowerOfTen(raw, energySf);
  }
  return { sample, problems };
}
