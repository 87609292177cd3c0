import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { intervalAt } from "../../domain/series.js";
import { DataFormatError } from "../prices/data-format-error.js";
import { type AreaSupplyDemandHour, loadKyushuAreaFiles } from "./kyushu-area.js";
import { bundledKyushuAreaFiles } from "./kyushu-area-files.js";
import { coLocatedSurplus, estimateAreaInstalledMw, surplusWAt } from "./site-surplus.js";
import { loadSurplusSetpoints, parseSurplusSetpointsCsv } from "./surplus-setpoints.js";

const jst = (s: string) => Date.parse(`${s}+09:00`);
const formats = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/data/formats/${name}`, import.meta.url));
const H = 3_600_000;

describe("co-located plant surplus (Kyushu 2023)", () => {
  let hours: AreaSupplyDemandHour[] = [];
  let peakHour: AreaSupplyDemandHour[] = [];
  beforeAll(async () => {
    const all = (await loadKyushuAreaFiles(bundledKyushuAreaFiles(2023, 2023))).hours;
    hours = all.filter((h) => h.startMs >= jst("2023-01-01T00:00"));
    const h = intervalAt(hours, jst("2023-04-09T12:00"));
    peakHour = h === undefined ? [] : [h];
  });

  it("estimates area installed capacity from peak delivered + curtailed output", () => {
    expect(estimateAreaInstalledMw(hours, "solar")).toBe(10_245);
    expect(estimateAreaInstalledMw(hours, "solar+wind")).toBe(10_490);
    expect(estimateAreaInstalledMw(hours, "wind")).toBe(361);
  });

  it("10 MW of 10,000 MW solar: 0.1 % of the 5,848 MW curtailed = 5,848,000 W", () => {
    const [s] = coLocatedSurplus(peakHour, { capacityMw: 10, technology: "solar", areaInstalledMw: 10_000 });
    expect(s).toEqual({
      startMs: jst("2023-04-09T12:00"),
      durationMs: H,
      powerW: 5_848_000,
      fromCurtailmentW: 5_848_000,
      aboveExportLimitW: 0,
    });
  });

  it("adds delivered output above a 3 MW export limit: 3.934 MW − 3 MW = 934,000 W", () => {
    const [s] = coLocatedSurplus(peakHour, {
      capacityMw: 10,
      technology: "solar",
      areaInstalledMw: 10_000,
      exportLimitMw: 3,
    });
    expect([s?.fromCurtailmentW, s?.aboveExportLimitW, s?.powerW]).toEqual([5_848_000, 934_000, 6_782_000]);
  });

  it("uses the estimated capacity by default: 10 MW / 10,245 MW × 5,848 MW", () => {
    const s = coLocatedSurplus(hours, { capacityMw: 10, technology: "solar" });
    expect(intervalAt(s, jst("2023-04-09T12:00"))?.powerW).toBe(5_708_150);
    // Solar + wind: 20 MW / 10,490 MW × (5,848 + 34) MW.
    const both = coLocatedSurplus(hours, { capacityMw: 20 });
    expect(intervalAt(both, jst("2023-04-09T12:00"))?.powerW).toBe(11_214_490);
    // Over the year: 1,343,774 MWh curtailed × 10 / 10,245 ≈ 1,311.64 MWh for the site.
    const energyMwh = s.reduce((a, i) => a + (i.powerW * i.durationMs) / H, 0) / 1e6;
    expect(energyMwh).toBeCloseTo(1311.64, 2);
    expect(intervalAt(s, jst("2023-04-09T03:00"))?.powerW).toBe(0);
  });

  it("never lets the plant exceed its capacity when the area capacity is set too low", () => {
    // share 10/5000 × (3,934 + 5,848) = 19.564 MW would-be output, clipped to 10 MW keeping the split.
    const [s] = coLocatedSurplus(peakHour, { capacityMw: 10, technology: "solar", areaInstalledMw: 5_000 });
    expect(s?.fromCurtailmentW).toBe(5_978_328);
  });

  it("rejects a non-positive area capacity", () => {
    expect(() => coLocatedSurplus([], { capacityMw: 10 })).toThrow(RangeError);
  });
});

describe("utility surplus setpoints", () => {
  it("reads the CSV and JSON examples alike and looks up the current setpoint", async () => {
    const csv = await loadSurplusSetpoints(formats("surplus-setpoints-example.csv"));
    const json = await loadSurplusSetpoints(formats("surplus-setpoints-example.json"));
    expect(json.setpoints).toEqual(csv.setpoints);
    const s = csv.setpoints;
    expect(s).toHaveLength(3);
    expect(surplusWAt(s, jst("2023-04-09T08:59"))).toBe(0);
    expect(surplusWAt(s, jst("2023-04-09T09:00"))).toBe(3_000_000);
    expect(surplusWAt(s, jst("2023-04-09T12:00"))).toBe(4_500_000);
    expect(surplusWAt(s, jst("2023-04-09T15:59"))).toBe(1_500_000);
    expect(surplusWAt(s, jst("2023-04-09T16:00"))).toBe(0);
  });

  it("reports overlaps, negative power and reversed windows by line and column", () => {
    const text = [
      "start,end,surplus_w",
      "2023-04-09T09:00+09:00,2023-04-09T12:00+09:00,3000000",
      "2023-04-09T11:00+09:00,2023-04-09T13:00+09:00,1000000",
      "2023-04-09T14:00+09:00,2023-04-09T15:00+09:00,-5",
      "2023-04-09T16:00+09:00,2023-04-09T15:00+09:00,5",
    ].join("\n");
    const r = parseSurplusSetpointsCsv(text, { file: "sp.csv", errorPolicy: "skip" });
    expect(r.errors.map((e) => [e.line, e.column, e.detail])).toEqual([
      [4, 3, "surplus must be ≥ 0 W, got -5"],
      [5, 2, "end is not after start"],
      [3, 1, "overlapping time: already covered by line 2"],
    ]);
    expect(r.setpoints).toHaveLength(1);
    expect(() => parseSurplusSetpointsCsv(text, { file: "sp.csv" })).toThrow(DataFormatError);
  });
});
