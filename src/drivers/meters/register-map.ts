// A meter described as data: where each quantity lives, how it is encoded, and how it scales into the unit in its
// name. For meters that do not speak SunSpec; one map per meter model.
import { DriverError, type DriverErrorKind } from "../../domain/errors.js";
import { isPlausibleFrequencyHz, PLAUSIBLE_FREQUENCY_HZ } from "../../signals/frequency/sample.js";
import type { RegisterSource } from "../protocols/modbus/client.js";
import {
  decodeRegisters,
  formatWords,
  type RegisterType,
  registerCount,
  scaleByPowerOfTen,
  type WordOrder,
} from "../protocols/modbus/codec.js";
import { describeRead, type ReadFunctionCode, type ReadRequest } from "../protocols/modbus/connection.js";
import type { DecodedMeter, MeterQuantity, MeterSample } from "./sample.js";

export type RegisterMapQuantity =
  | "powerW"
  | "powerL1W"
  | "powerL2W"
  | "powerL3W"
  | "frequencyHz"
  | "energyImportWh"
  | "energyExportWh";

export const REGISTER_MAP_QUANTITIES: readonly RegisterMapQuantity[] = [
  "powerW",
  "powerL1W",
  "powerL2W",
  "powerL3W",
  "frequencyHz",
  "energyImportWh",
  "energyExportWh",
];

export interface RegisterPoint {
  readonly address: number;
  readonly type: RegisterType;
  /** Multiplier into the quantity's unit: 0.1 for a register counting 0.1 W, 1000 for kWh into Wh. Default 1. */
  readonly scale?: number | undefined;
  /** Register (same table and unit) holding a signed power-of-ten exponent, applied on top of `scale`. */
  readonly scaleFactorRegister?: number | undefined;
  /** Default "big" (most significant register first). */
  readonly wordOrder?: WordOrder | undefined;
  /** Default 3 (holding registers). */
  readonly functionCode?: ReadFunctionCode | undefined;
  /** Default: the meter's unit id. */
  readonly unitId?: number | undefined;
}

/** Total power is required; everything else is optional. */
export type RegisterMap = { readonly powerW: RegisterPoint } & {
  readonly [Q in Exclude<RegisterMapQuantity, "powerW">]?: RegisterPoint | undefined;
};

const PHASE_QUANTITIES = ["powerL1W", "powerL2W", "powerL3W"] as const;

/** Kinds that mean the connection failed, not the value: the whole poll fails with them. */
const CONNECTION_KINDS: ReadonlySet<DriverErrorKind> = new Set(["unreachable", "timeout", "reset"]);

export async function readRegisterPoint(
  source: RegisterSource,
  quantity: RegisterMapQuantity,
  point: RegisterPoint,
  defaultUnitId: number,
): Promise<number> {
  const request: ReadRequest = {
    unitId: point.unitId ?? defaultUnitId,
    functionCode: point.functionCode ?? 3,
    address: point.address,
    count: registerCount(point.type),
  };
  const bad = (why: string): DriverError =>
    new DriverError("malformed", `${source.label}: ${describeRead(request)} (${quantity}): ${why}`, {
      host: source.label,
      field: `register ${point.address} (${quantity})`,
    });

  const words = await source.read(request);
  const raw = decodeRegisters(words, point.type, point.wordOrder ?? "big");
  if (!Number.isFinite(raw)) throw bad(`${point.type} ${formatWords(words)} is ${raw}, not a number`);

  let value = raw * (point.scale ?? 1);
  if (point.scaleFactorRegister !== undefined) {
    const sfRequest: ReadRequest = { ...request, address: point.scaleFactorRegister, count: 1 };
    const [sfWord = 0] = await source.read(sfRequest);
    const sf = decodeRegisters([sfWord], "int16");
    if (sf < -10 || sf > 10) {
      throw new DriverError(
        "malformed",
        `${source.label}: ${describeRead(sfRequest)} (scale factor of ${quantity}): exponent ${sf} outside -10..10`,
        { host: source.label, field: `register ${point.scaleFactorRegister} (scale factor of ${quantity})` },
      );
    }
    value = scaleByPowerOfTen(value, sf);
  }
  if (quantity === "frequencyHz" && !isPlausibleFrequencyHz(value)) {
    throw bad(`${value} Hz is outside ${PLAUSIBLE_FREQUENCY_HZ.min}..${PLAUSIBLE_FREQUENCY_HZ.max} Hz`);
  }
  return value;
}

/**
 * Reads every mapped quantity. Total power failing fails the poll; another quantity failing on its value or with an
 * exception reply is reported on its own, so that a bad frequency register does not hide a good power reading.
 */
export async function readRegisterMap(
  source: RegisterSource,
  map: RegisterMap,
  defaultUnitId: number,
): Promise<DecodedMeter> {
  const powerW = await readRegisterPoint(source, "powerW", map.powerW, defaultUnitId);
  const problems: Partial<Record<MeterQuantity, DriverError>> = {};
  const optional = async (quantity: RegisterMapQuantity): Promise<number | undefined> => {
    const point = map[quantity];
    if (point === undefined) return undefined;
    try {
      return await readRegisterPoint(source, quantity, point, defaultUnitId);
    } catch (e) {
      if (!(e instanceof DriverError) || CONNECTION_KINDS.has(e.kind)) throw e;
      if (quantity === "frequencyHz" || quantity === "energyImportWh" || quantity === "energyExportWh") {
        problems[quantity] = e;
      }
      return undefined;
    }
  };

  const sample: {
    powerW: number;
    phasePowerW?: readonly (number | undefined)[];
    frequencyHz?: number;
    energyImportWh?: number;
    energyExportWh?: number;
  } = { powerW };
  const phases: (number | undefined)[] = [];
  for (const q of PHASE_QUANTITIES) {
    if (map[q] !== undefined) phases.push(await optional(q));
  }
  if (phases.length > 0) sample.phasePowerW = phases;
  for (const q of ["frequencyHz", "energyImportWh", "energyExportWh"] as const) {
    const v = await optional(q);
    if (v !== undefined) sample[q] = v;
  }
  return { sample: sample satisfies MeterSample, problems };
}

/** Checks a map before any I/O: addresses, types, scales. Throws an "invalid-argument" DriverError naming the entry. */
export function validateRegisterMap(map: RegisterMap, meterName: string): void {
  const problems: string[] = [];
  for (const [quantity, point] of Object.entries(map) as [string, RegisterPoint | undefined][]) {
    if (point === undefined) continue;
    if (!(REGISTER_MAP_QUANTITIES as readonly string[]).includes(quantity)) {
      problems.push(`unknown quantity "${quantity}"`);
      continue;
    }
    const count = registerCount(point.type);
    if (!Number.isInteger(point.address) || point.address < 0 || point.address + count > 0x10000) {
      problems.push(`${quantity}: address ${point.address} with ${count} register(s) is outside 0..65535`);
    }
    if (point.scale !== undefined && !(Number.isFinite(point.scale) && point.scale !== 0)) {
      problems.push(`${quantity}: scale ${point.scale} must be a finite non-zero number`);
    }
    const sfr = point.scaleFactorRegister;
    if (sfr !== undefined && (!Number.isInteger(sfr) || sfr < 0 || sfr > 0xffff)) {
      problems.push(`${quantity}: scaleFactorRegister ${sfr} is outside 0..65535`);
    }
  }
  if (problems.length > 0) {
    throw new DriverError("invalid-argument", `meter ${meterName}: register map: ${problems.join("; ")}`);
  }
}
