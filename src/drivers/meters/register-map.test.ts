import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DriverError } from "../../domain/errors.js";
import { loadRegisterImage, RegisterTable } from "../protocols/modbus/test-register-table.js";
import { type RegisterMap, readRegisterMap, validateRegisterMap } from "./register-map.js";

const IMAGE = loadRegisterImage(
  fileURLToPath(new URL("../../../fixtures/modbus/custom-map.json", import.meta.url)),
);

describe("readRegisterMap", () => {
  it("reads every quantity of the custom-map fixture with its encoding and scale", async () => {
    const table = new RegisterTable(IMAGE, "10.0.0.7:502");
    const map: RegisterMap = {
      powerW: { address: 100, type: "int32", wordOrder: "little", scale: 0.1 },
      powerL1W: { address: 110, type: "int16", scaleFactorRegister: 111 },
      frequencyHz: { address: 200, type: "float32", functionCode: 4 },
      energyImportWh: { address: 130, type: "float32", wordOrder: "little", scale: 1000 },
    };
    expect(await readRegisterMap(table, map, 1)).toEqual({
      sample: {
        powerW: 4_213_500.5,
        phasePowerW: [-12_340],
        frequencyHz: Math.fround(59.97),
        energyImportWh: 1_234_567_500,
      },
      problems: {},
    });
    expect(table.requests.map((r) => [r.functionCode, r.address, r.count])).toEqual([
      [3, 100, 2],
      [3, 110, 1],
      [3, 111, 1],
      [4, 200, 2],
      [3, 130, 2],
    ]);
  });

  it("keeps power when an optional quantity is bad, and fails on a bad total power", async () => {
    const table = new RegisterTable(IMAGE, "10.0.0.7:502");
    const decoded = await readRegisterMap(
      table,
      { powerW: { address: 112, type: "uint16" }, frequencyHz: { address: 102, type: "int32" } },
      1,
    );
    expect(decoded.sample).toEqual({ powerW: 40_000 });
    expect(decoded.problems.frequencyHz?.message).toBe(
      "10.0.0.7:502: unit 1 holding register 102..103 (frequencyHz): -1520000 Hz is outside 40..70 Hz",
    );
    await expect(readRegisterMap(table, { powerW: { address: 150, type: "float32" } }, 1)).rejects.toThrow(
      "10.0.0.7:502: unit 1 holding register 150..151 (powerW): float32 [0x7FC0, 0x0000] is NaN, not a number",
    );
  });

  it("reports an out-of-range scale-factor register by its address", async () => {
    const table = new RegisterTable(IMAGE, "m");
    table.set(1, 3, 111, [0x0020]);
    await expect(
      readRegisterMap(table, { powerW: { address: 110, type: "int16", scaleFactorRegister: 111 } }, 1),
    ).rejects.toThrow("m: unit 1 holding register 111 (scale factor of powerW): exponent 32 outside -10..10");
  });

  it("passes connection failures through instead of blaming the quantity", async () => {
    const source = {
      label: "m",
      read: (r: { address: number }) =>
        r.address === 100
          ? Promise.resolve([0, 5])
          : Promise.reject(new DriverError("timeout", "m: no reply")),
    };
    await expect(
      readRegisterMap(
        source,
        { powerW: { address: 100, type: "int32" }, frequencyHz: { address: 200, type: "float32" } },
        1,
      ),
    ).rejects.toMatchObject({ kind: "timeout" });
  });
});

describe("validateRegisterMap", () => {
  it("names every bad entry", () => {
    expect(() =>
      validateRegisterMap(
        {
          powerW: { address: 65535, type: "int32" },
          frequencyHz: { address: 1, type: "float32", scale: 0 },
          energyImportWh: { address: 1, type: "uint32", scaleFactorRegister: 70000 },
        },
        "pv-plant",
      ),
    ).toThrow(
      "meter pv-plant: register map: powerW: address 65535 with 2 register(s) is outside 0..65535; " +
        "frequencyHz: scale 0 must be a finite non-zero number; energyImportWh: scaleFactorRegister 70000 is outside 0..65535",
    );
  });
});
