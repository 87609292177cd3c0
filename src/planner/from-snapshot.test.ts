import { describe, expect, it } from "vitest";
import type { SiteSnapshot, UnitSnapshot } from "../domain/site.js";
import { groupsFromSnapshot } from "./from-snapshot.js";
import { mode } from "./testing/inputs.js";

const NOW = Date.UTC(2026, 10, 26, 3, 0);
const MODES = [mode(0, 6451, 413), mode(1, 8064, 480), mode(2, 8870, 509)];

function unit(id: string, o: Partial<UnitSnapshot>): UnitSnapshot {
  return {
    id,
    model: "A1566HA",
    state: "hashing",
    workMode: 1,
    powerW: 8064,
    hashrateThs: 480,
    modes: MODES,
    standbyPowerW: 120,
    sinceMs: NOW - 3_600_000,
    health: { score: 1, faultFlags: [] },
    readAtMs: NOW,
    ...o,
  };
}

describe("groupsFromSnapshot", () => {
  it("groups by model, turns states and sinceMs into cohorts, and sets aside units it cannot command", () => {
    const snapshot: SiteSnapshot = {
      atMs: NOW,
      units: [
        unit("u1", {}),
        unit("u2", {}),
        unit("u3", { state: "starting", sinceMs: NOW - 600_000 }),
        unit("u4", { state: "sleeping", powerW: 120, sinceMs: NOW - 300_000 }),
        unit("u5", { state: "unreachable", powerW: 8064 }),
        unit("u6", { powerW: 120, state: "sleeping", health: { score: 0, faultFlags: ["psu"] } }),
        unit("q1", { model: "Q", modes: [mode(0, 850, 55)], workMode: 0, standbyPowerW: 146, powerW: 850 }),
      ],
    };
    const params = { bootEnergyKwh: 0.3, minUpSlots: 2, minDownSlots: 1, maxStartsPerSlot: 100 };
    const out = groupsFromSnapshot(snapshot, NOW, () => params);
    expect(out.uncontrolledW).toBe(8064 + 120);
    expect(out.uncontrolledUnitIds).toEqual(["u5", "u6"]);
    expect(out.groups.map((g) => [g.id, g.count])).toEqual([
      ["A1566HA", 4],
      ["Q", 1],
    ]);
    expect(out.groups[0]).toMatchObject({
      standbyW: 120,
      minUpSlots: 2,
      initial: {
        running: [
          { mode: 1, count: 2, onForMs: 3_600_000 },
          { mode: 1, count: 1, onForMs: 600_000 },
        ],
        sleeping: [{ count: 1, offForMs: 300_000 }],
      },
    });
  });
});
