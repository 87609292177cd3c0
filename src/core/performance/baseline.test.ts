import { describe, expect, it } from "vitest";
import type { PowerInterval } from "../../domain/series.js";
import { computeBaseline, DEFAULT_BASELINE, dayTypeOf, eventSlots } from "./baseline.js";
import { eventPerformance } from "./event-performance.js";

const JST = 9 * 3_600_000;
const at = (local: string) => Date.parse(`${local}+09:00`);
const kw = (v: number) => v * 1000;

/** A whole local day at one power. */
const day = (date: string, powerKw: number): PowerInterval => ({
  startMs: at(`${date}T00:00:00`),
  durationMs: 86_400_000,
  powerW: kw(powerKw),
});
const span = (from: string, to: string, powerKw: number): PowerInterval => ({
  startMs: at(from),
  durationMs: at(to) - at(from),
  powerW: kw(powerKw),
});

// Wednesday 2023-04-12, 13:00-15:00 JST. Thursday 04-06 had an event; the weekend is a different day type.
const history: PowerInterval[] = [
  day("2023-04-04", 3500),
  day("2023-04-05", 1000),
  day("2023-04-06", 5000),
  day("2023-04-07", 4000),
  day("2023-04-08", 100),
  day("2023-04-09", 100),
  day("2023-04-10", 2000),
  day("2023-04-11", 3000),
  span("2023-04-12T00:00:00", "2023-04-12T13:00:00", 3625),
  span("2023-04-12T13:00:00", "2023-04-12T13:30:00", 1700),
  span("2023-04-12T13:30:00", "2023-04-12T15:00:00", 1000),
];
const input = {
  startMs: at("2023-04-12T13:00:00"),
  endMs: at("2023-04-12T15:00:00"),
  history,
  utcOffsetMs: JST,
  eventDates: new Set(["2023-04-06"]),
  holidays: new Set<string>(),
};

describe("High 4 of 5 baseline", () => {
  it("averages the four highest of the five latest like days and adds the same-day adjustment", () => {
    const b = computeBaseline(input);
    expect(b.method).toBe("high-x-of-y");
    expect(b.dayType).toBe("weekday");
    expect(b.days.map((d) => [d.date, d.used, d.excludedBecause])).toEqual([
      ["2023-04-11", true, undefined],
      ["2023-04-10", true, undefined],
      ["2023-04-07", true, undefined],
      ["2023-04-06", false, "event-day"],
      ["2023-04-05", false, "not-highest"],
      ["2023-04-04", true, undefined],
    ]);
    // (3000 + 2000 + 4000 + 3500) / 4 = 3125 kW; the morning ran at 3625 kW, so +500 kW.
    expect(b.slots).toHaveLength(4);
    expect(b.slots.map((s) => s.unadjustedW)).toEqual([kw(3125), kw(3125), kw(3125), kw(3125)]);
    expect(b.adjustmentW).toBe(kw(500));
    expect(b.slots.map((s) => s.baselineW)).toEqual([kw(3625), kw(3625), kw(3625), kw(3625)]);
  });

  it("leaves out a day below a quarter of the candidates' average", () => {
    const low = history.map((h) => (h.startMs === at("2023-04-05T00:00:00") ? { ...h, powerW: kw(300) } : h));
    const b = computeBaseline({ ...input, history: low });
    // Average of 3000, 2000, 4000, 300, 3500 is 2560 kW; 300 kW is under 640 kW.
    expect(b.days.find((d) => d.date === "2023-04-05")?.excludedBecause).toBe("low-usage");
    expect(b.slots[0]?.unadjustedW).toBe(kw(3125));
  });

  it("uses High 2 of 3 on weekends and holidays, and counts configured holidays as such", () => {
    expect(dayTypeOf("2023-04-08", new Set())).toBe("non-weekday");
    expect(dayTypeOf("2023-04-10", new Set(["2023-04-10"]))).toBe("non-weekday");
    const sunday = {
      ...input,
      startMs: at("2023-04-16T13:00:00"),
      endMs: at("2023-04-16T14:00:00"),
      history: [...history.slice(0, 8), day("2023-04-12", 700), day("2023-04-15", 600)],
      holidays: new Set(["2023-04-12"]),
    };
    const b = computeBaseline(sunday, {
      ...DEFAULT_BASELINE,
      adjustment: { ...DEFAULT_BASELINE.adjustment, enabled: false },
    });
    expect(b.dayType).toBe("non-weekday");
    expect(b.days.filter((d) => d.used).map((d) => d.date)).toEqual(["2023-04-15", "2023-04-12"]);
    // 100 kW on 04-09 is under a quarter of the three days' 466.7 kW average.
    expect(b.days.find((d) => d.date === "2023-04-09")?.excludedBecause).toBe("low-usage");
    expect(b.slots[0]?.baselineW).toBe(kw(650));
    expect(b.adjustmentW).toBeNull();
  });

  it("cuts the window at local half hours and bounds the adjustment when asked", () => {
    expect(eventSlots(at("2023-04-12T13:10:00"), at("2023-04-12T14:00:00"), JST, 30)).toEqual([
      { startMs: at("2023-04-12T13:10:00"), endMs: at("2023-04-12T13:30:00") },
      { startMs: at("2023-04-12T13:30:00"), endMs: at("2023-04-12T14:00:00") },
    ]);
    const b = computeBaseline(input, {
      ...DEFAULT_BASELINE,
      adjustment: { ...DEFAULT_BASELINE.adjustment, capShare: 0.1 },
    });
    expect(b.adjustmentW).toBeCloseTo(kw(312.5), 6);
  });

  it("falls back to the pre-event mean when no like day is on record, and says so", () => {
    const b = computeBaseline({ ...input, history: history.slice(-3) });
    expect(b.method).toBe("pre-event-mean");
    expect(b.slots[0]?.baselineW).toBe(kw(3625));
    expect(b.notes).toEqual([
      "0 of 5 like days on record within 30 days",
      "mean of the 60 minutes before the event",
    ]);
  });
});

describe("event performance", () => {
  const policy = { importLimitW: kw(4500), floorW: kw(50), shedLevelMaxFraction: [1, 0.5, 0.2, 0] };
  const event = {
    id: "ev-1",
    kind: "import-limit" as const,
    limitW: kw(1200),
    startMs: input.startMs,
    endMs: input.endMs,
  };
  const samples = [
    { atMs: at("2023-04-12T12:59:55"), powerW: kw(3625) },
    { atMs: at("2023-04-12T13:00:00"), powerW: kw(3625) },
    { atMs: at("2023-04-12T13:00:05"), powerW: kw(3000) },
    { atMs: at("2023-04-12T13:00:10"), powerW: kw(1205) },
  ];
  const decisions = [
    { atMs: at("2023-04-12T12:59:55"), targetPowerW: kw(3600) },
    { atMs: at("2023-04-12T13:00:00"), targetPowerW: kw(1200) },
  ];

  it("credits the reduction delivered per slot up to what was asked", () => {
    const p = eventPerformance({
      event,
      receivedAtMs: at("2023-04-12T12:59:00"),
      baseline: computeBaseline(input),
      measured: history,
      samples,
      decisions,
      policy,
      toleranceW: kw(10),
      nowMs: at("2023-04-12T16:00:00"),
    });
    expect(p.status).toBe("complete");
    expect(p.capW).toBe(kw(1200));
    expect(p.slots.map((s) => s.requestedReductionW)).toEqual([kw(2425), kw(2425), kw(2425), kw(2425)]);
    expect(p.slots.map((s) => s.deliveredReductionW)).toEqual([kw(1925), kw(2625), kw(2625), kw(2625)]);
    expect(p.baselineKwh).toBeCloseTo(7250, 6);
    expect(p.actualKwh).toBeCloseTo(850 + 1500, 6);
    expect(p.deliveredReductionKwh).toBeCloseTo(7250 - 2350, 6);
    expect(p.requestedReductionKwh).toBeCloseTo(4850, 6);
    // (1925 + 3 × 2425) / (4 × 2425)
    expect(p.compliancePct).toBeCloseTo((100 * 9200) / 9700, 9);
    expect(p.capHeldPct).toBeCloseTo(75, 9);
    expect(p.responseLatencyMs).toBe(10_000);
    expect(p.decisionLatencyMs).toBe(0);
  });

  it("measures latency from receipt when the event arrives after its start, and stops at now while it runs", () => {
    const p = eventPerformance({
      event,
      receivedAtMs: at("2023-04-12T13:00:04"),
      baseline: computeBaseline(input),
      measured: history,
      samples,
      decisions,
      policy,
      toleranceW: kw(10),
      nowMs: at("2023-04-12T14:00:00"),
    });
    expect(p.status).toBe("in-progress");
    expect(p.slots).toHaveLength(2);
    expect(p.responseLatencyMs).toBe(6_000);
    expect(p.decisionLatencyMs).toBeNull();
  });
});
