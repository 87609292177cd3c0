// Numbers stored in 16-bit Modbus registers. Bytes inside a register are always big-endian (the protocol fixes
// that); devices differ only in the order of the registers of a multi-register value.

export type RegisterType = "int16" | "uint16" | "int32" | "uint32" | "float32" | "float64";

export const REGISTER_TYPES: readonly RegisterType[] = [
  "int16",
  "uint16",
  "int32",
  "uint32",
  "float32",
  "float64",
];

/** "big": most significant register first (the Modbus convention). "little": registers reversed (word swap). */
export type WordOrder = "big" | "little";

export const WORD_ORDERS: readonly WordOrder[] = ["big", "little"];

export function registerCount(type: RegisterType): 1 | 2 | 4 {
  switch (type) {
    case "int16":
    case "uint16":
      return 1;
    case "int32":
    case "uint32":
    case "float32":
      return 2;
    case "float64":
      return 4;
  }
}

/**
 * The number held in `words`, which MUST be exactly registerCount(type) registers of 0..65535.
 * NaN and ±Infinity of the float types come back as they are; judging them is the caller's job.
 */
export function decodeRegisters(
  words: readonly number[],
  type: RegisterType,
  wordOrder: WordOrder = "big",
): number {
  const count = registerCount(type);
  if (words.length !== count) {
    throw new RangeError(`${type} needs ${count} register(s), got ${words.length}`);
  }
  const view = new DataView(new ArrayBuffer(count * 2));
  for (let i = 0; i < count; i++) {
    const word = words[wordOrder === "big" ? i : count - 1 - i];
    if (word === undefined || !Number.isInteger(word) || word < 0 || word > 0xffff) {
      throw new RangeError(`register value ${String(word)} is not a 16-bit word`);
    }
    view.setUint16(i * 2, word);
  }
  switch (type) {
    case "int16":
      return view.getInt16(0);
    case "uint16":
      return view.getUint16(0);
    case "int32":
      return view.getInt32(0);
    case "uint32":
      return view.getUint32(0);
    case "float32":
      return view.getFloat32(0);
    case "float64":
      return view.getFloat64(0);
  }
}

/** Registers as hex for error messages: [0x7FC0, 0x0000]. */
export function formatWords(words: readonly number[]): string {
  return `[${words.map((w) => `0x${w.toString(16).toUpperCase().padStart(4, "0")}`).join(", ")}]`;
}

/**
 * value × 10^exponent. A negative exponent divides by the exact power of ten so that 5998 × 10^-2 is 59.98,
 * not 59.980000000000004.
 */
export function scaleByPowerOfTen(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
}
