import { describe, expect, it } from "vitest";
import type { MinerModelSpec } from "../../domain/miner.js";
import { breakEvenByMode, breakEvenPriceJpyPerKwh, revenueJpyPerHour } from "./break-even.js";

// The A1566HA's work modes as the Avalon driver plans with them (mode 1 = catalogue nameplate).
const A1566HA: MinerModelSpec = {
  vendor: "canaan",
  model: "A1566HA",
  hashBoards: 4,
  chipsPerBoard: 160,
  fans: 0,
  cooling: "hydro",
  nameplatePowerW: 8064,
  nameplateHashrateThs: 480,
  standbyPowerW: 120,
  modes: [
    { mode: 0, name: "Eco", powerW: 6451, hashrateThs: 413 },
    { mode: 1, name: "Standard", powerW: 8064, hashrateThs: 480 },
    { mode: 2, name: "Super", powerW: 8870, hashrateThs: 509 },
  ],
};

describe("break-even energy price", () => {
  it("A1566HA mode 1 at 7 JPY/TH/day: 480 × 7 / 24 = 140 JPY/h over 8.064 kWh = 17.36 JPY/kWh", () => {
    expect(revenueJpyPerHour(7, 480)).toBe(140);
    const price = breakEvenPriceJpyPerKwh({ hashpriceJpyPerThDay: 7, hashrateThs: 480, powerW: 8064 });
    expect(price).toBeCloseTo(17.361111111111, 10);
  });

  it("keeps a margin of revenue: 10 % margin → 15.625 JPY/kWh", () => {
    const price = breakEvenPriceJpyPerKwh({
      hashpriceJpyPerThDay: 7,
      hashrateThs: 480,
      powerW: 8064,
      marginFraction: 0.1,
    });
    expect(price).toBeCloseTo(15.625, 10);
  });

  it("net of standby draw the strike rises: 140 / 7.944 = 17.62 JPY/kWh", () => {
    const price = breakEvenPriceJpyPerKwh({
      hashpriceJpyPerThDay: 7,
      hashrateThs: 480,
      powerW: 8064,
      standbyPowerW: 120,
    });
    expect(price).toBeCloseTo(17.623363544813696, 10);
  });

  it("lists a strike price per mode: Eco is the most efficient", () => {
    const modes = breakEvenByMode(A1566HA, 7);
    expect(modes.map((m) => m.name)).toEqual(["Eco", "Standard", "Super"]);
    expect(modes[0]?.breakEvenPriceJpyPerKwh).toBeCloseTo(18.672815584147163, 10);
    expect(modes[1]?.breakEvenPriceJpyPerKwh).toBeCloseTo(17.361111111111, 10);
    expect(modes[2]?.breakEvenPriceJpyPerKwh).toBeCloseTo(16.737128898910186, 10);
    const withMargin = breakEvenByMode(A1566HA, 7, { marginFraction: 0.1, netOfStandby: true });
    expect(withMargin[1]?.breakEvenPriceJpyPerKwh).toBeCloseTo(17.623363544813696 * 0.9, 10);
  });

  it("rejects a 100 % margin and a standby draw at or above the running draw", () => {
    expect(() =>
      breakEvenPriceJpyPerKwh({ hashpriceJpyPerThDay: 7, hashrateThs: 480, powerW: 8064, marginFraction: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      breakEvenPriceJpyPerKwh({ hashpriceJpyPerThDay: 7, hashrateThs: 480, powerW: 100, standbyPowerW: 120 }),
    ).toThrow(RangeError);
  });
});
