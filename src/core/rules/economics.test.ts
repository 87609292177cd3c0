import { describe, expect, it } from "vitest";
import type { SitePolicy } from "../../domain/policy.js";
import { decide } from "../decide.js";
import { restrictUnits } from "../envelope.js";
import { modeEconomics } from "../profit.js";
import { fresh, freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { economicsRule } from "./economics.js";

const economic = (over: Partial<SitePolicy> = {}) =>
  policyWith({ mode: "economic", marginJpyPerKwh: 0, economicHysteresisJpyPerKwh: 0, ...over });
const prices = (price: number, hashprice = 7, surplusW: number | null = null) =>
  freshSignals(T0, { priceJpyPerKwh: price, hashpriceJpyPerThsDay: hashprice, surplusW });
const onlyMode1 = restrictUnitsTo([1]);

function restrictUnitsTo(modes: number[]) {
  return (env: Parameters<typeof restrictUnits>[0]) =>
    restrictUnits(env, "test", () => ({ stay: (m) => modes.includes(m) }));
}

describe("modeEconomics", () => {
  it("A1566HA mode 1 at 7 JPY/TH/day: 3,360 JPY/day = 140 JPY/h, break-even 17.36 JPY/kWh", () => {
    const e = modeEconomics(480, 8_064, 7, 17.36, 0);
    expect(e.revenueJpyPerH).toBe(140);
    expect(e.energyCostJpyPerH).toBeCloseTo(8.064 * 17.36, 10);
    expect(e.breakEvenJpyPerKwh).toBeCloseTo(17.3611, 4);
    expect(e.profitJpyPerH).toBeGreaterThan(0);
    expect(modeEconomics(480, 8_064, 7, 17.37, 0).profitJpyPerH).toBeLessThan(0);
    // A margin comes straight off the break-even price.
    expect(modeEconomics(480, 8_064, 7, 0, 0.5).breakEvenJpyPerKwh).toBeCloseTo(16.8611, 4);
  });
});

describe("economics rule", () => {
  it("runs mode 1 up to its break-even price and not a yen beyond", () => {
    const s = referenceSnapshot({ units: 10 });
    const at1736 = runRule(economicsRule, s, prices(17.36), economic(), T0, onlyMode1);
    expect(at1736.envelope.units.get("u000")?.stayModes).toEqual([1]);
    expect(at1736.envelope.window.maxW).toBe(10 * 8_064 + 100_000);
    // The model-level reason judges all three modes, so it also names Eco as the better choice.
    const r = at1736.reasons.find((x) => x.effect === "A1566HA mode 1 off");
    expect(r?.detail).toBe(
      "A1566HA mode 1 (Standard, 480 TH/s, 8,064 W): revenue 140.00 JPY/h − 8.064 kWh × (17.36 + 0.00 margin) JPY/kWh = " +
        "0.01 JPY/h (break-even 17.36 JPY/kWh): less profitable than mode 0, not run",
    );
    const at1737 = runRule(economicsRule, s, prices(17.37), economic(), T0, onlyMode1);
    expect(at1737.envelope.units.get("u000")?.stayModes).toEqual([]);
    expect(at1737.envelope.window.maxW).toBe(10 * 120 + 100_000);
    const d = decide(s, prices(17.37), economic(), T0);
    expect(d.commands.some((c) => c.unitId === "u000" && c.action === "set-mode" && c.mode === 0)).toBe(true);
  });

  it("keeps only the most profitable mode and those below it", () => {
    const s = referenceSnapshot({ units: 1 });
    // At 15 JPY/kWh: Eco 23.69, Standard 19.04, Super 15.41 JPY/h: Eco only.
    const at15 = runRule(economicsRule, s, prices(15), economic(), T0);
    expect(at15.envelope.units.get("u000")).toEqual({
      stayModes: [0],
      enterModes: [0],
      restrictedBy: "economics",
    });
    expect(at15.reasons.map((r) => r.effect)).toEqual([
      "A1566HA mode 0 allowed",
      "A1566HA mode 1 off",
      "A1566HA mode 2 off",
      "max 106,451 W",
    ]);
    // At 5 JPY/kWh Super earns most (104.11 JPY/h) and every mode is allowed.
    const at5 = runRule(economicsRule, s, prices(5), economic(), T0);
    expect(at5.envelope.units.get("u000")?.stayModes).toEqual([0, 1, 2]);
    expect(at5.envelope.window.maxW).toBe(8_870 + 100_000);
  });

  it("lets a running unit stay within the hysteresis band but not enter it", () => {
    // Standard at 16.5 JPY/kWh earns 6.94 JPY/h; the 1 JPY/kWh hysteresis asks for 8.06 JPY/h to enter.
    const s = referenceSnapshot({ units: 1 });
    const out = runRule(
      economicsRule,
      s,
      prices(16.5),
      economic({ economicHysteresisJpyPerKwh: 1 }),
      T0,
      onlyMode1,
    );
    expect(out.envelope.units.get("u000")).toEqual({ stayModes: [1], enterModes: [], restrictedBy: "test" });
    expect(out.reasons[1]?.detail).toMatch(/: less profitable than mode 0, not run$/);
    expect(decide(s, prices(16.5), economic({ economicHysteresisJpyPerKwh: 1 }), T0).commands).toEqual([
      { unitId: "u000", action: "set-mode", mode: 0, cause: "economics" },
    ]);
  });

  it("counts units held by dwell at their current power so that others are not shed for them", () => {
    const s = referenceSnapshot({ units: 4, mode: 2, sinceMs: T0 - 60_000 });
    const d = decide(s, prices(15), economic(), T0);
    expect(d.window.maxW).toBe(4 * 8_870 + 100_000);
    expect(d.commands).toEqual([]);
    expect(d.reasons.find((r) => r.rule === "dwell")?.detail).toBe(
      "kept in a mode the rules no longer allow until their minimum on time ends: u000 (540 s left), u001 (540 s left), u002 (540 s left), u003 (540 s left)",
    );
  });

  it("treats energy inside the surplus as free in green-and-economic mode", () => {
    const s = referenceSnapshot({ units: 10 });
    const p = policyWith({ marginJpyPerKwh: 0.5 });
    const big = runRule(economicsRule, s, prices(30, 7, 1_000_000), p, T0);
    expect(big.envelope.window.maxW).toBe(10 * 8_870 + 100_000);
    expect(big.envelope.units.get("u000")?.stayModes).toEqual([0, 1, 2]);
    expect(big.reasons.at(-1)?.detail).toBe(
      "surplus 1,000,000 W covers the 101,200 W that pays at the grid price of 30.00 JPY/kWh: energy inside the surplus is free, every unit-mode earning its margin runs",
    );
    const small = runRule(economicsRule, s, prices(30, 7, 50_000), p, T0);
    expect(small.envelope.window.maxW).toBe(101_200);
    expect(small.envelope.units.get("u000")?.stayModes).toEqual([]);
  });

  it("falls back when the price or hashprice is stale", () => {
    const s = referenceSnapshot({ units: 10 });
    const stalePrice = freshSignals(
      T0,
      { priceJpyPerKwh: null },
      { energyPriceJpyPerKwh: fresh(1, T0 - 7_200_000) },
    );
    const out = runRule(economicsRule, s, stalePrice, economic(), T0);
    expect(out.envelope.window.maxW).toBe(180_640);
    expect(out.reasons[0]?.detail).toBe(
      'energy price 7200 s old (limit 3600 s): holding current power 180,640 W (stale-data fallback "hold")',
    );
    const noHashprice = runRule(
      economicsRule,
      s,
      freshSignals(T0, { hashpriceJpyPerThsDay: null }),
      economic(),
      T0,
    );
    expect(noHashprice.reasons[0]?.detail).toBe(
      'hashprice missing: holding current power 180,640 W (stale-data fallback "hold")',
    );
  });

  it("does not apply in green-only mode", () => {
    const out = runRule(
      economicsRule,
      referenceSnapshot(),
      prices(100),
      policyWith({ mode: "green-only" }),
      T0,
    );
    expect(out.envelope).toBe(out.before);
    expect(out.reasons[0]?.detail).toBe("green-only mode: surplus energy runs at any price");
  });
});
