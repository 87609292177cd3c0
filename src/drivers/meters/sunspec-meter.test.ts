import { describe, expect, it } from "vitest";
import { DriverError } from "../../domain/errors.js";
import { decodeMeterModel, findMeterModel, METER_MODEL_READ_LENGTH } from "./sunspec-meter.js";

const NI = 0x8000;
const u16 = (n: number) => (n < 0 ? n + 0x10000 : n);
/** A model body with W at 16..20, Hz at 14..15 and the energy counters at 36/44 with TotWh_SF at 52. */
function body(points: Record<number, number>): number[] {
  const b = new Array<number>(METER_MODEL_READ_LENGTH).fill(0);
  for (const [offset, value] of Object.entries(points)) b[Number(offset)] = value;
  return b;
}
const ctx = (id: number) => ({
  host: "10.0.0.5:502",
  unitId: 1,
  model: { id, length: 105, bodyAddress: 40072 },
});

describe("decodeMeterModel", () => {
  it("applies each point's scale factor, signed", () => {
    const decoded = decodeMeterModel(
      body({
        14: 6001,
        15: u16(-2),
        16: u16(-320),
        17: u16(-100),
        18: u16(-110),
        19: u16(-110),
        20: 1,
        44: 0,
        45: 5000,
        52: u16(-1),
      }),
      ctx(204),
    );
    expect(decoded).toEqual({
      sample: { powerW: -3200, phasePowerW: [-1000, -1100, -1100], frequencyHz: 60.01, energyImportWh: 500 },
      problems: {},
    });
  });

  it("leaves out not-implemented phases, frequency and zero accumulators", () => {
    const decoded = decodeMeterModel(body({ 14: NI, 15: NI, 16: 500, 17: 250, 18: NI, 20: 0 }), ctx(202));
    expect(decoded.sample).toEqual({ powerW: 500, phasePowerW: [250, undefined] });
    expect(decoded.problems).toEqual({});
  });

  it("fails the sample when total power or its scale factor is unusable, naming register, point and quantity", () => {
    expect(() => decodeMeterModel(body({ 16: NI, 20: 0 }), ctx(203))).toThrow(
      "10.0.0.5:502 unit 1: SunSpec model 203 register 40088 (W, powerW): not implemented (0x8000)",
    );
    expect(() => decodeMeterModel(body({ 16: 5, 20: 12 }), ctx(203))).toThrow(
      "register 40092 (W_SF, powerW): scale factor 0x000C outside -10..10",
    );
  });

  it("reports a bad frequency or energy scale on its own quantity and keeps power", () => {
    const decoded = decodeMeterModel(body({ 14: 5000, 15: 0, 16: 5, 20: 0, 36: 0, 37: 9, 52: NI }), ctx(203));
    expect(decoded.sample).toEqual({ powerW: 5, phasePowerW: [0, 0, 0] });
    expect(decoded.problems.frequencyHz?.message).toContain(
      "register 40086 (Hz, frequencyHz): 5000 Hz is outside 40..70 Hz",
    );
    expect(decoded.problems.energyExportWh).toBeInstanceOf(DriverError);
    expect(decoded.problems.energyExportWh?.message).toContain("register 40124 (TotWh_SF, energyExportWh)");
  });
});

describe("findMeterModel", () => {
  it("picks the first of 201-204 and refuses a truncated one", () => {
    const models = [
      { id: 1, length: 66, bodyAddress: 40004 },
      { id: 203, length: 105, bodyAddress: 40072 },
    ];
    expect(findMeterModel({ baseAddress: 40000, models })).toBe(models[1]);
    const common = { id: 1, length: 66, bodyAddress: 40004 };
    expect(() => findMeterModel({ baseAddress: 40000, models: [common] }, "m")).toThrow(
      "m: no SunSpec meter model (201-204) among models 1",
    );
    expect(() =>
      findMeterModel({ baseAddress: 40000, models: [{ id: 201, length: 20, bodyAddress: 40072 }] }, "m"),
    ).toThrow("m: SunSpec model 201 at 40070 is 20 registers long, expected at least 53");
  });
});
