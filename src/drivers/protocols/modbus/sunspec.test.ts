import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import {
  decodeCommonModel,
  discoverSunSpec,
  readCommonModel,
  sunspecAcc32,
  sunspecInt16,
  sunspecScaleFactor,
  sunspecString,
  sunspecUint16,
} from "./sunspec.js";
import { loadRegisterImage, RegisterTable } from "./test-register-table.js";

const IMAGE = loadRegisterImage(
  fileURLToPath(new URL("../../../../fixtures/modbus/sunspec-meters.json", import.meta.url)),
);
const holding = (table: RegisterTable, unitId: number) => (address: number, count: number) =>
  table.read({ unitId, functionCode: 3, address, count });

describe("SunSpec point types", () => {
  it("maps the not-implemented values to undefined", () => {
    expect(sunspecInt16(0x8000)).toBeUndefined();
    expect(sunspecInt16(0xfa10)).toBe(-1520);
    expect(sunspecUint16(0xffff)).toBeUndefined();
    expect(sunspecUint16(0xfffe)).toBe(65534);
    expect(sunspecScaleFactor(0x8000)).toBeUndefined();
    expect(sunspecScaleFactor(0xfffe)).toBe(-2);
    expect(sunspecScaleFactor(11)).toBeNaN();
    expect(sunspecAcc32(0, 0)).toBeUndefined();
    expect(sunspecAcc32(0x075b, 0xcd15)).toBe(123_456_789);
  });

  it("reads NUL-padded two-character registers", () => {
    // "GMT-203": 0x474D "GM", 0x542D "T-", 0x3230 "20", 0x3300 "3\0"
    expect(sunspecString([0x474d, 0x542d, 0x3230, 0x3300, 0, 0])).toBe("GMT-203");
    expect(sunspecString([0, 0])).toBe("");
  });
});

describe("discovery", () => {
  it("finds the marker at 40000 and walks common, vendor and meter models to the end marker", async () => {
    const table = new RegisterTable(IMAGE, "meter");
    const layout = await discoverSunSpec(holding(table, 1));
    expect(layout).toEqual({
      baseAddress: 40000,
      models: [
        { id: 1, length: 66, bodyAddress: 40004 },
        { id: 64100, length: 4, bodyAddress: 40072 },
        { id: 203, length: 105, bodyAddress: 40078 },
      ],
    });
    expect(await readCommonModel(holding(table, 1), layout)).toEqual({
      manufacturer: "GridMeterTest",
      model: "GMT-203",
      options: "",
      version: "1.4.2",
      serialNumber: "SIM-0042-7781",
    });
  });

  it("moves on to 40001 after an exception at 40000", async () => {
    const table = new RegisterTable(IMAGE, "meter");
    const layout = await discoverSunSpec(holding(table, 4));
    expect(layout.baseAddress).toBe(40001);
    expect(layout.models.map((m) => [m.id, m.length])).toEqual([
      [1, 65],
      [201, 105],
    ]);
  });

  it("ends the walk at an exception where the end marker should be", async () => {
    const table = new RegisterTable(IMAGE, "meter");
    table.set(7, 3, 0, [0x5375, 0x6e53, 1, 65]);
    const layout = await discoverSunSpec(holding(table, 7), "meter unit 7", [0]);
    expect(layout).toEqual({ baseAddress: 0, models: [{ id: 1, length: 65, bodyAddress: 4 }] });
  });

  it("names what it tried when no base holds the marker", async () => {
    const table = new RegisterTable(IMAGE, "meter");
    table.set(8, 3, 40000, [0x1234, 0x5678]);
    const error = await discoverSunSpec(holding(table, 8), "10.0.0.5:502 unit 8").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).message).toBe(
      '10.0.0.5:502 unit 8: no SunSpec marker "SunS" (tried 40000: no marker; 40001: rejected; 0: rejected; 50000: rejected)',
    );
    expect((error as DriverError).kind).toBe("unsupported");
  });

  it("lets a lost connection end discovery at once", async () => {
    const lost = () => Promise.reject(new DriverError("reset", "meter: connection lost"));
    await expect(discoverSunSpec(lost)).rejects.toMatchObject({ kind: "reset" });
  });

  it("refuses a common model too short to hold its strings", () => {
    expect(() => decodeCommonModel(new Array(40).fill(0), "meter")).toThrow("common model is 40 registers");
  });
});
