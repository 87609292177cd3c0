// SunSpec over Modbus: the "SunS" marker at a base address, then a chain of models [ID, L, L registers ...] ending
// with ID 0xFFFF. Point types and their "not implemented" values follow the SunSpec Information Model:
// int16 / sunssf 0x8000, uint16 0xFFFF, acc32 0 ("not accumulated"), string all NUL.
import { DriverError } from "../../../domain/errors.js";
import { MAX_REGISTERS_PER_READ } from "./connection.js";

/** "SunS" as two big-endian registers. */
export const SUNSPEC_MARKER: readonly [number, number] = [0x5375, 0x6e53];

/**
 * Where devices put the marker, in the order tried. 40000 is the usual one; 40001 comes from manuals that number
 * registers from 1 and devices built to match them; 0 and 50000 are the other bases the specification allows.
 */
export const SUNSPEC_BASE_ADDRESSES: readonly number[] = [40000, 40001, 0, 50000];

export const COMMON_MODEL_ID = 1;
export const END_MODEL_ID = 0xffff;
/** A real device has a handful of models; a chain this long means the walk is reading garbage. */
const MAX_MODELS = 64;

export interface ModelHeader {
  readonly id: number;
  readonly length: number;
  /** Address of the first register after ID and L: point offsets count from here. */
  readonly bodyAddress: number;
}

export interface SunSpecCommon {
  readonly manufacturer: string;
  readonly model: string;
  readonly options: string;
  readonly version: string;
  readonly serialNumber: string;
}

export interface SunSpecLayout {
  readonly baseAddress: number;
  readonly models: readonly ModelHeader[];
}

/** Holding-register reads at one unit; the discovery below needs nothing else. */
export type ReadHolding = (address: number, count: number) => Promise<number[]>;

export const isNotImplementedInt16 = (word: number): boolean => word === 0x8000;
export const isNotImplementedUint16 = (word: number): boolean => word === 0xffff;

/** int16 point: undefined when not implemented. */
export function sunspecInt16(word: number): number | undefined {
  if (isNotImplementedInt16(word)) return undefined;
  return word >= 0x8000 ? word - 0x10000 : word;
}

export function sunspecUint16(word: number): number | undefined {
  return isNotImplementedUint16(word) ? undefined : word;
}

/** Scale factors the specification allows: 10^-10 .. 10^10. */
export const SCALE_FACTOR_RANGE = { min: -10, max: 10 } as const;

/** sunssf point: undefined when not implemented, NaN when outside -10..10 (a bad value the caller must report). */
export function sunspecScaleFactor(word: number): number | undefined {
  const sf = sunspecInt16(word);
  if (sf === undefined) return undefined;
  return sf < SCALE_FACTOR_RANGE.min || sf > SCALE_FACTOR_RANGE.max ? Number.NaN : sf;
}

/** acc32 point (high register first): undefined when 0, which SunSpec reserves for "not accumulated". */
export function sunspecAcc32(high: number, low: number): number | undefined {
  const value = high * 0x10000 + low;
  return value === 0 ? undefined : value;
}

/** string point: two characters per register, high byte first, NUL-padded. */
export function sunspecString(words: readonly number[]): string {
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  const end = bytes.indexOf(0);
  return String.fromCharCode(...(end < 0 ? bytes : bytes.slice(0, end))).trim();
}

export function hasSunSpecMarker(words: readonly number[]): boolean {
  return words[0] === SUNSPEC_MARKER[0] && words[1] === SUNSPEC_MARKER[1];
}

/** First base address whose two registers hold "SunS"; an exception reply at a candidate just moves on. */
export async function findSunSpecBase(
  read: ReadHolding,
  candidates: readonly number[] = SUNSPEC_BASE_ADDRESSES,
  host = "",
): Promise<number> {
  const tried: string[] = [];
  for (const base of candidates) {
    try {
      const words = await read(base, 2);
      if (hasSunSpecMarker(words)) return base;
      tried.push(`${base}: no marker`);
    } catch (e) {
      // An exception reply means "nothing here"; a lost connection ends the search.
      if (!(e instanceof DriverError) || e.kind !== "rejected") throw e;
      tried.push(`${base}: ${e.kind}`);
    }
  }
  throw new DriverError("unsupported", `${host}: no SunSpec marker "SunS" (tried ${tried.join("; ")})`, {
    host,
    field: "SunSpec base address",
  });
}

/** Model headers from base + 2 to the end marker. A device that answers the end marker's address with an exception
 * ends the chain there too: some omit the marker. */
export async function walkModels(read: ReadHolding, baseAddress: number, host = ""): Promise<ModelHeader[]> {
  const models: ModelHeader[] = [];
  let address = baseAddress + 2;
  while (models.length < MAX_MODELS && address + 2 <= 0x10000) {
    let header: number[];
    try {
      header = await read(address, 2);
    } catch (e) {
      if (models.length > 0 && e instanceof DriverError && e.kind === "rejected") break;
      throw e;
    }
    const [id, length] = header;
    if (id === undefined || length === undefined || id === END_MODEL_ID) break;
    models.push({ id, length, bodyAddress: address + 2 });
    address += 2 + length;
  }
  if (models.length === 0) {
    throw new DriverError(
      "unsupported",
      `${host}: SunSpec marker at ${baseAddress} but no models follow it`,
      {
        host,
        field: `register ${baseAddress + 2}`,
      },
    );
  }
  if (models.length >= MAX_MODELS) {
    throw new DriverError("malformed", `${host}: more than ${MAX_MODELS} SunSpec models; not a model chain`, {
      host,
    });
  }
  return models;
}

export async function discoverSunSpec(
  read: ReadHolding,
  host = "",
  candidates: readonly number[] = SUNSPEC_BASE_ADDRESSES,
): Promise<SunSpecLayout> {
  const baseAddress = await findSunSpecBase(read, candidates, host);
  return { baseAddress, models: await walkModels(read, baseAddress, host) };
}

/** Body of a model in reads of at most 125 registers. */
export async function readModelBody(
  read: ReadHolding,
  model: ModelHeader,
  count = model.length,
): Promise<number[]> {
  const words: number[] = [];
  for (let offset = 0; offset < count; offset += MAX_REGISTERS_PER_READ) {
    const n = Math.min(MAX_REGISTERS_PER_READ, count - offset);
    words.push(...(await read(model.bodyAddress + offset, n)));
  }
  return words;
}

/** Offsets in the common model (1): Mn 0, Md 16, Opt 32, Vr 40, SN 48; strings of 16, 16, 8, 8 and 16 registers. */
export function decodeCommonModel(body: readonly number[], host = ""): SunSpecCommon {
  if (body.length < 64) {
    throw new DriverError(
      "malformed",
      `${host}: SunSpec common model is ${body.length} registers, expected 65`,
      {
        host,
        field: "common model",
      },
    );
  }
  return {
    manufacturer: sunspecString(body.slice(0, 16)),
    model: sunspecString(body.slice(16, 32)),
    options: sunspecString(body.slice(32, 40)),
    version: sunspecString(body.slice(40, 48)),
    serialNumber: sunspecString(body.slice(48, 64)),
  };
}

export async function readCommonModel(
  read: ReadHolding,
  layout: SunSpecLayout,
  host = "",
): Promise<SunSpecCommon> {
  const common = layout.models.find((m) => m.id === COMMON_MODEL_ID);
  if (common === undefined) {
    throw new DriverError("unsupported", `${host}: no SunSpec common model (1)`, {
      host,
      field: "common model",
    });
  }
  return decodeCommonModel(await readModelBody(read, common, Math.min(common.length, 64)), host);
}
