// PSU error code = PS[0], a bit mask (Avalon A10 API manual, Appendix 1 "Power supply error Code Table").
const PSU_ERROR_BITS: ReadonlyArray<readonly [bit: number, name: string]> = [
  [1, "Input_UV (input voltage low)"],
  [2, "OT1 (over temperature)"],
  [4, "OT2 (over temperature)"],
  [8, "OT3 (over temperature)"],
  [16, "OC_Pri (input over current)"],
  [32, "UV_out (output voltage low)"],
  [64, "OC_out (output over current)"],
  [128, "CS_error"],
  [256, "OC_IOSA"],
  [512, "OC_IOSB"],
  [1024, "OC_IOSC"],
  [2048, "FAN_error (PSU fan failed)"],
];

const KNOWN_MASK = PSU_ERROR_BITS.reduce((mask, [bit]) => mask | bit, 0);

/** Readable names of the bits set in a PSU error code; bits the manual does not list are reported by value. */
export function decodePsuErrors(code: number): string[] {
  if (!Number.isInteger(code) || code <= 0) return [];
  const names = PSU_ERROR_BITS.filter(([bit]) => (code & bit) !== 0).map(([, name]) => name);
  const unknown = code & ~KNOWN_MASK;
  if (unknown !== 0) names.push(`unknown bits 0x${unknown.toString(16)}`);
  return names;
}
