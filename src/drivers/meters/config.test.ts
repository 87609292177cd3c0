import { describe, expect, it } from "vitest";
import { toModbusMeterConfig } from "./config.js";

describe("meter settings", () => {
  it("fills defaults for a SunSpec site meter", () => {
    expect(
      toModbusMeterConfig({
        name: "site-import",
        role: "site-import",
        host: "192.168.10.20",
        protocol: { kind: "sunspec" },
      }),
    ).toEqual({
      name: "site-import",
      role: "site-import",
      endpoint: { host: "192.168.10.20", port: 502 },
      unitId: 1,
      protocol: { kind: "sunspec", baseAddresses: [40000, 40001, 0, 50000] },
      powerSign: "import-positive",
      pollIntervalMs: 1000,
      timeoutMs: 1000,
      maxAgeMs: 5000,
    });
  });

  it("accepts a register map and rejects unknown keys and bad points", () => {
    const plant = toModbusMeterConfig({
      name: "pv-plant",
      role: "plant",
      host: "192.168.10.21",
      unitId: 3,
      powerSign: "export-positive",
      protocol: {
        kind: "register-map",
        map: { powerW: { address: 100, type: "int32", wordOrder: "little", scale: 0.1 } },
      },
    });
    expect(plant.protocol).toEqual({
      kind: "register-map",
      map: { powerW: { address: 100, type: "int32", wordOrder: "little", scale: 0.1 } },
    });
    expect(() =>
      toModbusMeterConfig({
        name: "x",
        role: "plant",
        host: "h",
        protocol: { kind: "sunspec" },
        pollMs: 5,
      } as never),
    ).toThrow(/pollMs/);
    expect(() =>
      toModbusMeterConfig({
        name: "x",
        role: "plant",
        host: "h",
        protocol: { kind: "register-map", map: { powerW: { address: 100, type: "int24" } } },
      } as never),
    ).toThrow();
  });
});
