// The two bundled data sets agree with each other the way the reference says: curtailment hours are mostly hours at
// the JEPX floor price. A check that both loaders put the same hour at the same epoch ms.

import { describe, expect, it } from "vitest";
import { valueAt } from "../../domain/series.js";
import { bundledJepxSpotFile } from "../prices/bundled-data.js";
import { loadJepxSpotFiles } from "../prices/jepx-spot.js";
import { loadKyushuAreaFiles } from "./kyushu-area.js";
import { bundledKyushuAreaFiles } from "./kyushu-area-files.js";

describe("Kyushu curtailment × JEPX Kyushu price, 2021–2023", () => {
  it("1,753 of 2,741 curtailed hours average ≤ 0.01 JPY/kWh; 2,490 hours are at the floor", async () => {
    const prices = (await loadJepxSpotFiles([2021, 2022, 2023].map(bundledJepxSpotFile))).intervals;
    const hours = (await loadKyushuAreaFiles(bundledKyushuAreaFiles(2021, 2023))).hours;
    const hourlyAvg = (startMs: number) => {
      const a = valueAt(prices, startMs, (p) => p.priceJpyPerKwh);
      const b = valueAt(prices, startMs + 1_800_000, (p) => p.priceJpyPerKwh);
      if (a === undefined || b === undefined)
        throw new Error(`no price at ${new Date(startMs).toISOString()}`);
      return (a + b) / 2;
    };
    const atFloor = hours.filter((h) => hourlyAvg(h.startMs) <= 0.01);
    const curtailed = hours.filter((h) => h.solarCurtailedMw + h.windCurtailedMw > 0);
    expect(hours).toHaveLength(26_280);
    expect(curtailed).toHaveLength(2_741);
    expect(atFloor).toHaveLength(2_490);
    expect(curtailed.filter((h) => hourlyAvg(h.startMs) <= 0.01)).toHaveLength(1_753);
  });
});
