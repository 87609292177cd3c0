import { beforeAll, describe, expect, it } from "vitest";
import type { PriceInterval } from "../../domain/series.js";
import { bundledJepxSpotFile } from "./bundled-data.js";
import { dayAheadForecast, dayAheadVisibleUntilMs } from "./day-ahead.js";
import { loadJepxSpotFile } from "./jepx-spot.js";

const jst = (s: string) => Date.parse(`${s}+09:00`);

describe("dayAheadForecast on JEPX Kyushu 2023", () => {
  let series: PriceInterval[] = [];
  beforeAll(async () => {
    series = (await loadJepxSpotFile(bundledJepxSpotFile(2023))).intervals;
  });

  it("before 10:00 JST shows only today", () => {
    const seen = dayAheadForecast(series, jst("2023-04-08T09:59:59.999"));
    expect(seen).toHaveLength(48);
    expect(seen[0]?.startMs).toBe(jst("2023-04-08T00:00:00"));
    expect(seen[47]?.startMs).toBe(jst("2023-04-08T23:30:00"));
  });

  it("from 10:00 JST shows tomorrow too", () => {
    const seen = dayAheadForecast(series, jst("2023-04-08T10:00:00"));
    expect(seen).toHaveLength(96);
    expect(seen[95]?.startMs).toBe(jst("2023-04-09T23:30:00"));
    // 2023-04-09 12:00 JST (slot 25): the floor price, known the day before.
    expect(seen.find((i) => i.startMs === jst("2023-04-09T12:00:00"))?.priceJpyPerKwh).toBe(0.01);
  });

  it("resets at JST midnight: the new today, and tomorrow only after 10:00", () => {
    expect(dayAheadForecast(series, jst("2023-04-08T23:59:00"))).toHaveLength(96);
    const afterMidnight = dayAheadForecast(series, jst("2023-04-09T00:00:00"));
    expect(afterMidnight).toHaveLength(48);
    expect(afterMidnight[0]?.startMs).toBe(jst("2023-04-09T00:00:00"));
  });

  it("takes a configurable publish time", () => {
    const noon = { publishTimeOfDayMs: 12 * 3_600_000 };
    expect(dayAheadForecast(series, jst("2023-04-08T11:00:00"), noon)).toHaveLength(48);
    expect(dayAheadForecast(series, jst("2023-04-08T12:00:00"), noon)).toHaveLength(96);
  });

  it("ends with the data: nothing beyond the last day in the series", () => {
    expect(dayAheadForecast(series, jst("2023-12-31T15:00:00"))).toHaveLength(48);
    expect(dayAheadVisibleUntilMs(jst("2023-12-31T15:00:00"))).toBe(jst("2024-01-02T00:00:00"));
  });

  it("works for another fixed offset", () => {
    const utc = [0, 1, 2].map((d) => ({
      startMs: Date.UTC(2024, 0, 1 + d),
      durationMs: 86_400_000,
      powerW: d,
    }));
    expect(dayAheadForecast(utc, Date.UTC(2024, 0, 1, 9), { utcOffsetMs: 0 })).toHaveLength(1);
    expect(dayAheadForecast(utc, Date.UTC(2024, 0, 1, 10), { utcOffsetMs: 0 })).toHaveLength(2);
  });
});
