import { describe, expect, it } from "vitest";
import { hasEventEnded, intervalsAt, resolveEvent } from "./intervals.js";
import { type ReceivedEvent, randomizationSites, seededRandom } from "./model.js";
import type { OadrVersion } from "./version.js";
import type { WireEvent } from "./wire.js";

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.parse("2025-06-25T00:00:00Z");
const OBTAINED = Date.parse("2025-06-25T10:17:00Z");
const pay = (v: number) => [{ type: "SIMPLE", values: [v] }];

function received(
  event: Omit<WireEvent, "programID">,
  opts: { version?: OadrVersion; draws?: number[] } = {},
) {
  const r: ReceivedEvent = {
    version: opts.version ?? "3.1.0",
    event: { id: "e-1", programID: "p-1", ...event },
    obtainedAtMs: OBTAINED,
    randomDraws: opts.draws ?? [],
  };
  return r;
}

const spans = (r: ReceivedEvent) => resolveEvent(r).intervals.map((i) => [i.id, i.startMs, i.endMs]);

describe("interval timing", () => {
  it("takes start and duration of every interval from the event's intervalPeriod", () => {
    const r = received({
      intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" },
      intervals: [0, 1, 2].map((id) => ({ id, payloads: pay(1) })),
    });
    expect(spans(r)).toEqual([
      [0, T0, T0 + H],
      [1, T0 + H, T0 + 2 * H],
      [2, T0 + 2 * H, T0 + 3 * H],
    ]);
  });

  it("lets an interval override the duration and the following ones continue after it (User Guide 7.4-1)", () => {
    const r = received({
      intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" },
      intervals: [
        { id: 0, payloads: pay(1) },
        { id: 1, intervalPeriod: { duration: "PT2H" }, payloads: pay(2) },
        { id: 2, payloads: pay(3) },
      ],
    });
    expect(spans(r)).toEqual([
      [0, T0, T0 + H],
      [1, T0 + H, T0 + 3 * H],
      [2, T0 + 3 * H, T0 + 4 * H],
    ]);
  });

  it("reads start 0001-01-01 on the event as the moment the event was obtained, and P9999Y as no end", () => {
    const r = received({
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [{ id: 0, payloads: pay(3) }],
    });
    const resolved = resolveEvent(r);
    expect(spans(r)).toEqual([[0, OBTAINED, Number.POSITIVE_INFINITY]]);
    expect(intervalsAt(resolved, OBTAINED - 1)).toEqual([]);
    expect(intervalsAt(resolved, OBTAINED)).toHaveLength(1);
    expect(intervalsAt(resolved, Date.parse("2999-01-01T00:00:00Z"))).toHaveLength(1);
  });

  it("reads 0001-01-01 with PT0S as a cancelled event: never in force", () => {
    const r = received({
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "PT0S" },
      intervals: [{ id: 0, payloads: pay(1) }],
    });
    const resolved = resolveEvent(r);
    expect(intervalsAt(resolved, OBTAINED)).toEqual([]);
    expect(hasEventEnded(resolved, OBTAINED)).toBe(true);
  });

  it("starts the first interval at the event start, and later 0001-01-01 intervals right after the previous one", () => {
    const r = received(
      {
        intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT30M" },
        intervals: [
          { id: 7, intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "PT1H" }, payloads: pay(1) },
          { id: 8, intervalPeriod: { start: "0001-01-01T00:00:00Z" }, payloads: pay(2) },
        ],
      },
      { version: "3.0.1" },
    );
    expect(spans(r)).toEqual([
      [7, T0, T0 + H],
      [8, T0 + H, T0 + H + 30 * MIN],
    ]);
  });

  it("without an event intervalPeriod takes each interval's own, gaps included", () => {
    const r = received({
      intervals: [
        { id: 0, intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" }, payloads: pay(1) },
        { id: 1, intervalPeriod: { start: "2025-06-25T05:00:00Z", duration: "PT15M" }, payloads: pay(2) },
      ],
    });
    expect(spans(r)).toEqual([
      [0, T0, T0 + H],
      [1, T0 + 5 * H, T0 + 5 * H + 15 * MIN],
    ]);
    expect(intervalsAt(resolveEvent(r), T0 + 2 * H)).toEqual([]);
  });

  it("shifts the first interval and every following one by one draw within ±randomizeStart", () => {
    // draw 0.75 → (2 × 0.75 − 1) × 10 min = +5 min
    const r = received(
      {
        intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H", randomizeStart: "PT10M" },
        intervals: [
          { id: 0, payloads: pay(1) },
          { id: 1, payloads: pay(2) },
          { id: 2, intervalPeriod: { start: "2025-06-25T04:00:00Z", duration: "PT1H" }, payloads: pay(3) },
        ],
      },
      { draws: [0.75] },
    );
    expect(spans(r)).toEqual([
      [0, T0 + 5 * MIN, T0 + H + 5 * MIN],
      [1, T0 + H + 5 * MIN, T0 + 2 * H + 5 * MIN],
      [2, T0 + 4 * H + 5 * MIN, T0 + 5 * H + 5 * MIN],
    ]);
  });

  it("draws anew for an interval with its own randomizeStart, and keeps that shift for later intervals", () => {
    const r = received(
      {
        intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H", randomizeStart: "PT10M" },
        intervals: [
          { id: 0, payloads: pay(1) },
          {
            id: 1,
            intervalPeriod: { start: "2025-06-25T03:00:00Z", randomizeStart: "PT20M" },
            payloads: pay(2),
          },
          { id: 2, payloads: pay(3) },
        ],
      },
      { draws: [0.5, 0.25] }, // 0 min, then (2 × 0.25 − 1) × 20 min = −10 min
    );
    expect(spans(r)).toEqual([
      [0, T0, T0 + H],
      [1, T0 + 3 * H - 10 * MIN, T0 + 4 * H - 10 * MIN],
      [2, T0 + 4 * H - 10 * MIN, T0 + 5 * H - 10 * MIN],
    ]);
  });

  it("is reproducible with a seeded source and stays within the range", () => {
    const event = {
      intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H", randomizeStart: "PT15M" },
      intervals: [{ id: 0, payloads: pay(1) }],
    };
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      const draws = Array.from({ length: randomizationSites({ programID: "p", ...event }) }, random);
      return resolveEvent(received(event, { draws })).startMs;
    };
    expect(draw(42)).toBe(draw(42));
    const expected = T0 + Math.round((2 * seededRandom(42)() - 1) * 15 * MIN);
    expect(draw(42)).toBe(expected);
    for (let seed = 1; seed < 50; seed++) expect(Math.abs(draw(seed) - T0)).toBeLessThanOrEqual(15 * MIN);
  });

  it("loops the interval set when event.duration is longer (3.1.0)", () => {
    const event = {
      duration: "P1D",
      intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" },
      intervals: [
        { id: 0, payloads: pay(1) },
        { id: 1, payloads: pay(2) },
      ],
    };
    const resolved = resolveEvent(received(event));
    expect(resolved.endMs).toBe(T0 + 24 * H);
    const at = intervalsAt(resolved, T0 + 2 * H + 10 * MIN);
    expect(at.map((i) => [i.id, i.startMs, i.endMs])).toEqual([[0, T0 + 2 * H, T0 + 3 * H]]);
    expect(intervalsAt(resolved, T0 + 24 * H)).toEqual([]);
    // 3.0.1 has no event.duration: the two intervals only.
    expect(intervalsAt(resolveEvent(received(event, { version: "3.0.1" })), T0 + 2 * H)).toEqual([]);
  });

  it("truncates the interval set when event.duration is shorter (3.1.0)", () => {
    const resolved = resolveEvent(
      received({
        duration: "PT1H30M",
        intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H" },
        intervals: [
          { id: 0, payloads: pay(1) },
          { id: 1, payloads: pay(2) },
        ],
      }),
    );
    expect(intervalsAt(resolved, T0 + H + 10 * MIN).map((i) => i.endMs)).toEqual([T0 + H + 30 * MIN]);
    expect(intervalsAt(resolved, T0 + H + 30 * MIN)).toEqual([]);
  });

  it("reports unreadable timing fields instead of throwing", () => {
    const resolved = resolveEvent(
      received({
        intervalPeriod: { start: "2025-06-25T00:00:00Z", randomizeStart: "P1M" },
        intervals: [{ id: 0, payloads: pay(1) }],
      }),
    );
    expect(resolved.problems).toEqual([
      'intervalPeriod.randomizeStart "P1M" is not a fixed-length duration; not randomised',
    ]);
  });
});
