import { describe, expect, it } from "vitest";
import {
  intervalEmissionsKg,
  KYUSHU_EPCO_FY2022_ADJUSTED_EMISSION_FACTOR,
  KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR,
  summariseCarbon,
} from "./carbon.js";

const INTERVALS = [
  { energyKwh: 2250, surplusAvailableKwh: 1500 }, // 1 500 absorbed, 750 from the grid mix
  { energyKwh: 2250, surplusAvailableKwh: 0 }, // all 2 250 from the grid mix
  { energyKwh: 1000, surplusAvailableKwh: 3000 }, // all absorbed; the unused 2 000 is still curtailed
];

describe("carbon", () => {
  it("defaults to Kyushu Electric's FY2022 factors", () => {
    expect(KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR.emissionFactorKgPerKwh).toBe(0.399);
    expect(KYUSHU_EPCO_FY2022_ADJUSTED_EMISSION_FACTOR.emissionFactorKgPerKwh).toBe(0.453);
    expect(KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR.source).toMatch(/kyuden\.co\.jp/);
  });

  it("counts absorbed surplus as zero-carbon", () => {
    expect(
      intervalEmissionsKg(INTERVALS[0] ?? { energyKwh: 0 }, KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR),
    ).toBeCloseTo(299.25, 9);
  });

  it("summarises: 5 500 kWh, 2 500 absorbed, 3 000 × 0.399 = 1 197 kg", () => {
    const s = summariseCarbon(INTERVALS, KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR);
    expect(s.energyKwh).toBe(5500);
    expect(s.surplusAbsorbedKwh).toBe(2500);
    expect(s.gridEnergyKwh).toBe(3000);
    expect(s.emissionsKg).toBeCloseTo(1197, 9);
    expect(s.intensityKgPerKwh).toBeCloseTo(0.21763636363636363, 12);
    expect(s.surplusShareFraction).toBeCloseTo(0.45454545454545453, 12);
    expect(s.renewableShareFraction).toBeCloseTo(0.45454545454545453, 12);
  });

  it("adds the grid mix's renewable share to the reported share only", () => {
    const factor = { ...KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR, renewableShareFraction: 0.2 };
    const s = summariseCarbon(INTERVALS, factor);
    expect(s.renewableShareFraction).toBeCloseTo((2500 + 0.2 * 3000) / 5500, 12);
    expect(s.emissionsKg).toBeCloseTo(1197, 9);
  });

  it("reports NaN ratios for no energy and rejects bad factors", () => {
    const s = summariseCarbon([], KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR);
    expect(s.emissionsKg).toBe(0);
    expect(s.intensityKgPerKwh).toBeNaN();
    expect(() =>
      summariseCarbon(INTERVALS, {
        ...KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR,
        renewableShareFraction: 1.5,
      }),
    ).toThrow(RangeError);
    expect(() =>
      summariseCarbon(INTERVALS, { ...KYUSHU_EPCO_FY2022_BASIC_EMISSION_FACTOR, emissionFactorKgPerKwh: -1 }),
    ).toThrow(RangeError);
  });
});
