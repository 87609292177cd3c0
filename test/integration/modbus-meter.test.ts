// Meters against pymodbus serving the register images in fixtures/modbus/ over real TCP on 127.0.0.1.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/domain/clock.js";
import { ModbusMeter, type ModbusMeterConfig } from "../../src/drivers/meters/modbus-meter.js";
import type { RegisterMap } from "../../src/drivers/meters/register-map.js";
import { exportPowerW } from "../../src/drivers/meters/sample.js";
import { ModbusPeer, pymodbusAvailability } from "./peers/modbus-peer.js";

const SUNSPEC_IMAGE = fileURLToPath(new URL("../../fixtures/modbus/sunspec-meters.json", import.meta.url));
const CUSTOM_IMAGE = fileURLToPath(new URL("../../fixtures/modbus/custom-map.json", import.meta.url));
const clock: Clock = { nowMs: () => Date.now() };
const availability = pymodbusAvailability();
const suite = availability.ok ? describe : describe.skip;
const title = availability.ok ? "" : ` (skipped: ${availability.reason})`;

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every quantity of custom-map.json, one encoding each. */
const CUSTOM_MAP: RegisterMap = {
  powerW: { address: 100, type: "int32", wordOrder: "little", scale: 0.1 },
  powerL1W: { address: 110, type: "int16", scaleFactorRegister: 111 },
  powerL2W: { address: 112, type: "uint16" },
  powerL3W: { address: 140, type: "float64" },
  frequencyHz: { address: 200, type: "float32", functionCode: 4 },
  energyImportWh: { address: 130, type: "float32", wordOrder: "little", scale: 1000 },
  energyExportWh: { address: 120, type: "uint32" },
};

suite(`Modbus TCP meters against pymodbus${title}`, () => {
  let sunspecPeer: ModbusPeer;
  let customPeer: ModbusPeer;
  const meters: ModbusMeter[] = [];

  beforeAll(async () => {
    [sunspecPeer, customPeer] = await Promise.all([
      ModbusPeer.start(SUNSPEC_IMAGE),
      ModbusPeer.start(CUSTOM_IMAGE),
    ]);
  });
  afterAll(async () => {
    await Promise.all(meters.map((m) => m.stop()));
    await Promise.all([sunspecPeer?.kill(), customPeer?.kill()]);
  });

  const meter = (peer: ModbusPeer, config: Omit<ModbusMeterConfig, "endpoint">): ModbusMeter => {
    const m = new ModbusMeter({ ...config, endpoint: { host: "127.0.0.1", port: peer.port } }, { clock });
    meters.push(m);
    return m;
  };

  describe("SunSpec", () => {
    it("finds the marker at 40000, skips a vendor model, reads the common block and model 203", async () => {
      const site = meter(sunspecPeer, { name: "site-import", unitId: 1, protocol: { kind: "sunspec" } });
      await site.pollOnce();
      expect(site.lastError()).toBeUndefined();
      expect(site.identity()).toEqual({
        manufacturer: "GridMeterTest",
        model: "GMT-203",
        options: "",
        version: "1.4.2",
        serialNumber: "SIM-0042-7781",
        sunspecModelId: 203,
        baseAddress: 40000,
      });
      // W 4213 × 10^3, phases 1404/1405/1404 × 10^3, Hz 5998 × 10^-2, TotWhImp 123456789 × 10^1.
      expect(site.lastValue()?.value).toEqual({
        powerW: 4_213_000,
        phasePowerW: [1_404_000, 1_405_000, 1_404_000],
        frequencyHz: 59.98,
        energyImportWh: 1_234_567_890,
      });
      expect(site.reader("frequencyHz").reading()).toMatchObject({ ok: true, value: 59.98 });
      // TotWhExp is 0: "not accumulated" in SunSpec, so export is absent rather than 0.
      const exported = site.reader("energyExportWh").reading();
      expect(exported?.ok).toBe(false);
      expect(exported?.ok === false && exported.error).toMatch(/energyExportWh is not provided/);
      const age = site.ageMs(Date.now());
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(2000);
      expect(site.isStale(Date.now())).toBe(false);
    });

    it("reads a single-phase plant meter: negative power on export, not-implemented points absent", async () => {
      const pv = meter(sunspecPeer, { name: "pv-plant", unitId: 2, protocol: { kind: "sunspec" } });
      await pv.pollOnce();
      const sample = pv.lastValue()?.value;
      // W -1520 × 10^2; WphB, WphC and Hz are 0x8000; TotWhImp is 0; TotWhExp 98765432 × 10^0.
      expect(sample).toEqual({
        powerW: -152_000,
        phasePowerW: [-152_000],
        energyExportWh: 98_765_432,
      });
      expect(sample === undefined ? undefined : exportPowerW(sample)).toBe(152_000);
      expect(pv.reader("frequencyHz").isStale(Date.now())).toBe(true);
      expect(pv.reader("frequencyHz").lastError()).toMatch(/unit 2: frequencyHz is not provided/);
    });

    it("turns an export-positive device into the import-positive convention", async () => {
      const pv = meter(sunspecPeer, {
        name: "pv-plant-reversed",
        unitId: 2,
        protocol: { kind: "sunspec" },
        powerSign: "export-positive",
      });
      await pv.pollOnce();
      expect(pv.lastValue()?.value).toEqual({
        powerW: 152_000,
        phasePowerW: [152_000],
        energyImportWh: 98_765_432,
      });
    });

    it("falls back to base 40001 when 40000 answers with an exception", async () => {
      const m = meter(sunspecPeer, { name: "shifted", unitId: 4, protocol: { kind: "sunspec" } });
      await m.pollOnce();
      expect(m.identity()).toMatchObject({
        baseAddress: 40001,
        serialNumber: "SIM-0041-0001",
        sunspecModelId: 201,
      });
      expect(m.lastValue()?.value.powerW).toBe(-152_000);
    });

    it("reports a bad scale factor with host, register and quantity, without throwing", async () => {
      const m = meter(sunspecPeer, { name: "broken", unitId: 3, protocol: { kind: "sunspec" } });
      await expect(m.pollOnce()).resolves.toBeUndefined();
      const reading = m.reading();
      expect(reading?.ok).toBe(false);
      const error = m.lastError() ?? "";
      expect(error).toContain(`127.0.0.1:${sunspecPeer.port}`);
      expect(error).toContain("register 40092 (W_SF, powerW)");
      expect(error).toMatch(/not implemented \(0x8000\)/);
      expect(m.reader("powerW").isStale(Date.now())).toBe(true);
    });
  });

  describe("register map", () => {
    it("decodes int16 + scale register, uint16, word-swapped int32, float32 (both orders), float64, uint32", async () => {
      const m = meter(customPeer, { name: "custom", protocol: { kind: "register-map", map: CUSTOM_MAP } });
      await m.pollOnce();
      expect(m.lastError()).toBeUndefined();
      expect(m.lastValue()?.value).toEqual({
        powerW: 4_213_500.5,
        phasePowerW: [-12_340, 40_000, 1404.25],
        frequencyHz: Math.fround(59.97),
        energyImportWh: 1_234_567_500,
        energyExportWh: 3_000_000_000,
      });
    });

    it("reads signed 32-bit values in both word orders and from input registers", async () => {
      const big = meter(customPeer, {
        name: "int32-big",
        protocol: { kind: "register-map", map: { powerW: { address: 102, type: "int32" } } },
      });
      const input = meter(customPeer, {
        name: "int32-input",
        protocol: {
          kind: "register-map",
          map: { powerW: { address: 210, type: "int32", wordOrder: "little", functionCode: 4 } },
        },
      });
      await Promise.all([big.pollOnce(), input.pollOnce()]);
      expect(big.lastValue()?.value.powerW).toBe(-1_520_000);
      expect(input.lastValue()?.value.powerW).toBe(-7);
    });

    it("names host, register and quantity for a NaN register; a bad optional quantity keeps power", async () => {
      const m = meter(customPeer, {
        name: "nan",
        protocol: {
          kind: "register-map",
          map: { powerW: { address: 102, type: "int32" }, frequencyHz: { address: 150, type: "float32" } },
        },
      });
      await m.pollOnce();
      expect(m.reader("powerW").reading()).toMatchObject({ ok: true, value: -1_520_000 });
      const error = m.reader("frequencyHz").lastError() ?? "";
      expect(error).toContain(`127.0.0.1:${customPeer.port}`);
      expect(error).toContain("holding register 150..151 (frequencyHz)");
      expect(error).toContain("[0x7FC0, 0x0000] is NaN");

      const fatal = meter(customPeer, {
        name: "nan-power",
        protocol: { kind: "register-map", map: { powerW: { address: 150, type: "float32" } } },
      });
      await fatal.pollOnce();
      expect(fatal.reading()?.ok).toBe(false);
      expect(fatal.lastError()).toContain("holding register 150..151 (powerW)");
    });

    it("reports an exception reply for an unmapped register", async () => {
      const m = meter(customPeer, {
        name: "missing",
        protocol: { kind: "register-map", map: { powerW: { address: 9000, type: "uint16" } } },
      });
      await m.pollOnce();
      expect(m.lastError()).toMatch(/holding register 9000: Modbus exception 2 \(illegal data address\)/);
    });
  });

  describe("connection loss", () => {
    it("goes stale when the server dies, backs off, and reconnects when it returns", async () => {
      const peer = await ModbusPeer.start(SUNSPEC_IMAGE);
      try {
        const m = meter(peer, {
          name: "site-import-flaky",
          protocol: { kind: "sunspec" },
          pollIntervalMs: 100,
          timeoutMs: 300,
          maxAgeMs: 500,
          backoff: { initialMs: 100, maxMs: 400 },
        });
        m.start();
        await waitFor("a first fresh sample", () => m.reading()?.ok === true);
        expect(m.isStale(Date.now())).toBe(false);

        await peer.kill();
        await waitFor("the meter to go stale", () => m.isStale(Date.now()));
        const failed = m.reading();
        expect(failed?.ok).toBe(false);
        expect(failed?.ok === false ? failed.lastGood?.value.powerW : undefined).toBe(4_213_000);
        expect(m.lastError()).toContain(`127.0.0.1:${peer.port}`);
        await waitFor("repeated failed attempts", () => m.status(Date.now()).failedAttempts >= 3);
        const status = m.status(Date.now());
        expect(["backoff", "connecting"]).toContain(status.state);

        await peer.restart();
        const backAtMs = Date.now();
        await waitFor("a fresh sample after the restart", () => {
          const r = m.reading();
          return r?.ok === true && r.atMs >= backAtMs;
        });
        expect(m.isStale(Date.now())).toBe(false);
        expect(m.status(Date.now())).toMatchObject({ state: "connected", failedAttempts: 0 });
        expect(m.identity()?.serialNumber).toBe("SIM-0042-7781");
        await m.stop();
        expect(m.status(Date.now()).state).toBe("stopped");
      } finally {
        await peer.kill();
      }
    });

    it("times out on a unit that never answers, without throwing", async () => {
      const m = meter(sunspecPeer, {
        name: "silent",
        unitId: 9,
        protocol: { kind: "sunspec" },
        timeoutMs: 300,
      });
      await expect(m.pollOnce()).resolves.toBeUndefined();
      expect(m.lastError()).toMatch(/unit 9 holding register 40000\.\.40001: no reply within 300 ms/);
    });
  });
});
