import { describe, expect, it } from "vitest";
import { buildPlanModel } from "./build-model.js";
import type { PlanInput } from "./input.js";
import { LP_MAX_LINE_CHARS, writeLp } from "./lp-text.js";
import { DAY0_MS, group, input, mode, SLOT_MS, slots } from "./testing/inputs.js";

/**
 * One group of 2 units (Eco 800 W / 90 TH/s, Standard 1,000 W / 100 TH/s, standby 50 W), three slots.
 * One unit has run for 30 minutes of a 3-slot minimum up time: it must stay on in slots 0 and 1.
 * Commitment: ≤ 1.5 kW in slot 1; cooling 2.5 kW at 30 °C in slot 2; 100 W auxiliary.
 */
function tiny(): PlanInput {
  const s = slots([10, 20, 30], { importLimitW: 3_000 });
  return input(
    s.map((slot, t) => (t === 2 ? { ...slot, ambientC: 30 } : slot)),
    [
      group("hall-a", 2, [mode(0, 800, 90), mode(1, 1000, 100)], {
        standbyW: 50,
        bootEnergyKwh: 0.2,
        minUpSlots: 3,
        minDownSlots: 2,
        maxStartsPerSlot: 1,
        initial: { running: [{ mode: 1, count: 1, onForMs: SLOT_MS }] },
      }),
    ],
    {
      auxiliaryW: 100,
      pricing: { networkChargeJpyPerKwh: 4, taxJpyPerKwh: 1, surplusPriceJpyPerKwh: 2 },
      coolingCurve: [
        { ambientC: 20, capacityW: 3_000 },
        { ambientC: 40, capacityW: 2_000 },
      ],
      commitments: [
        {
          kind: "max-power",
          id: "dr-1",
          startMs: DAY0_MS + SLOT_MS,
          endMs: DAY0_MS + 2 * SLOT_MS,
          maxPowerW: 1_500,
        },
      ],
    },
  );
}

function rowLine(lp: string, name: string): string | undefined {
  return lp.split("\n").find((l) => l.startsWith(` ${name}:`));
}

describe("buildPlanModel: LP text of a tiny site", () => {
  const { model, mustRun, mustSleep } = buildPlanModel(tiny());
  const lp = writeLp(model);

  it("prices revenue on the mode counts, energy on site power and grid import, boot energy on wakes", () => {
    const objective = lp.slice(0, lp.indexOf("Subject To")).replace(/\n +/g, " ");
    // Hashprice 48 JPY/TH/day over half an hour: 1 JPY per TH/s.
    expect(objective).toContain("+ 90 x_g0_k0_t0 + 100 x_g0_k1_t0");
    // Surplus price 2 JPY/kWh on all site energy (kW × 0.5 h); grid pays spot + 5 − 2 more.
    expect(objective).toMatch(/^Maximize obj: - 1 site_t0 - 6\.5 grid_t0 /);
    expect(objective).toContain("- 11.5 grid_t1");
    // Boot: 0.2 kWh at the grid price (10 + 5) = 3 JPY.
    expect(objective).toContain("- 3 s_g0_t0");
  });

  it("balances site power: running units above standby, the standby floor and auxiliaries on the right", () => {
    // (800 − 50) W = 0.75 kW, (1000 − 50) W = 0.95 kW; 2 × 50 W standby + 100 W auxiliary = 0.2 kW.
    expect(rowLine(lp, "def_power_t0")).toBe(
      " def_power_t0: 1 site_t0 - 0.75 x_g0_k0_t0 - 0.95 x_g0_k1_t0 = 0.2",
    );
    expect(rowLine(lp, "def_grid_t0")).toBe(" def_grid_t0: 1 grid_t0 - 1 site_t0 >= 0");
  });

  it("writes the caps: import limit, the commitment only in its slot, cooling on miner heat only", () => {
    expect(rowLine(lp, "import_t1")).toBe(" import_t1: 1 site_t1 <= 3");
    expect(rowLine(lp, "dr_c0_t1")).toBe(" dr_c0_t1: 1 site_t1 <= 1.5");
    expect(rowLine(lp, "dr_c0_t0")).toBeUndefined();
    expect(rowLine(lp, "dr_c0_t2")).toBeUndefined();
    // 2.5 kW of heat at 30 °C, plus the 0.1 kW auxiliary that is on the site side of the row.
    expect(rowLine(lp, "cool_t2")).toBe(" cool_t2: 1 site_t2 <= 2.6");
    expect(rowLine(lp, "cool_t0")).toBeUndefined();
  });

  it("writes state transitions, ramp, min-up with the initial hold and min-down", () => {
    expect(rowLine(lp, "def_state_g0_t0")).toBe(" def_state_g0_t0: 1 u_g0_t0 - 1 s_g0_t0 + 1 d_g0_t0 = 1");
    expect(rowLine(lp, "def_state_g0_t1")).toBe(
      " def_state_g0_t1: 1 u_g0_t1 - 1 s_g0_t1 + 1 d_g0_t1 - 1 u_g0_t0 = 0",
    );
    expect(rowLine(lp, "ramp_g0_t1")).toBe(" ramp_g0_t1: 1 s_g0_t1 <= 1");
    expect(mustRun).toEqual([[1, 1, 0]]);
    expect(mustSleep).toEqual([[0, 0, 0]]);
    expect(rowLine(lp, "minup_g0_t0")).toBe(" minup_g0_t0: 1 u_g0_t0 - 1 s_g0_t0 >= 1");
    expect(rowLine(lp, "minup_g0_t2")).toBe(
      " minup_g0_t2: 1 u_g0_t2 - 1 s_g0_t0 - 1 s_g0_t1 - 1 s_g0_t2 >= 0",
    );
    expect(rowLine(lp, "mindown_g0_t2")).toBe(" mindown_g0_t2: 1 u_g0_t2 + 1 d_g0_t1 + 1 d_g0_t2 <= 2");
  });

  it("declares counts integer with the group size as bound, and keeps every line short", () => {
    expect(lp).toContain(" 0 <= x_g0_k1_t2 <= 2");
    const generals = lp.slice(lp.indexOf("Generals"), lp.indexOf("End"));
    for (const name of ["x_g0_k0_t0", "u_g0_t1", "s_g0_t2", "d_g0_t0"]) expect(generals).toContain(name);
    expect(generals).not.toContain("site_t0");
    for (const line of lp.split("\n")) expect(line.length).toBeLessThanOrEqual(LP_MAX_LINE_CHARS);
  });

  it("tags rows with family and slot for the diagnosis", () => {
    const families = new Set(model.rows.map((r) => r.family));
    expect([...families].sort()).toEqual([
      "cooling",
      "definition",
      "demand-response",
      "import-limit",
      "min-down",
      "min-up",
      "ramp",
    ]);
    expect(model.rows.find((r) => r.name === "dr_c0_t1")).toMatchObject({ slotIndex: 1, commitmentIndex: 0 });
  });
});
