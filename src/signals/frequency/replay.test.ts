// Trip and droop over the real Continental-Europe days in data/grid-frequency-ce/ (50 Hz, 1-s samples, times in
// Berlin summer time = UTC+2), with a synthetic under-frequency step laid over them.
import { beforeAll, describe, expect, it } from "vitest";
import type { CeFrequencyData } from "./ce-csv.js";
import { bundledCeFrequencyFile, loadCeFrequencyFile } from "./ce-file.js";
import { ReplayFrequencySource } from "./replay.js";
import { replayResponse, responseParamsFromPolicy } from "./response.js";
import type { FrequencySample } from "./sample.js";
import { toFrequencySignal } from "./signal.js";
import { withFrequencyStep } from "./synthetic.js";

/** 2024-08-24 HH:MM:SS Berlin summer time, as UTC ms. */
const aug24 = (h: number, m: number, s: number) => Date.UTC(2024, 7, 24, h - 2, m, s);
const FCR_50HZ = responseParamsFromPolicy(
  { enabled: true, tripDeltaHz: 0.2, restoreDelayS: 300, droopDeadbandHz: 0.02, droopFullDeltaHz: 0.2 },
  50,
);

let aug: CeFrequencyData;
let sep: CeFrequencyData;
beforeAll(async () => {
  [aug, sep] = await Promise.all([
    loadCeFrequencyFile(bundledCeFrequencyFile("2024-08-24")),
    loadCeFrequencyFile(bundledCeFrequencyFile("2024-09-06")),
  ]);
});

const range = (samples: readonly FrequencySample[]) => ({
  min: Math.min(...samples.map((s) => s.frequencyHz)),
  max: Math.max(...samples.map((s) => s.frequencyHz)),
});

describe("bundled CE frequency days", () => {
  it("load with the row counts, duplicates and ranges of SOURCE.md", () => {
    expect(aug.samples).toHaveLength(86_334 - 2);
    expect(aug.duplicateLines).toEqual([22_834, 29_431]);
    expect(aug.implausibleLines).toEqual([]);
    expect(range(aug.samples)).toEqual({ min: 49.867, max: 50.078 });
    expect(aug.samples[0]).toEqual({ atMs: Date.UTC(2024, 7, 23, 22, 0, 0), frequencyHz: 50.01 });
    expect(sep.samples).toHaveLength(86_376 - 1);
    expect(range(sep.samples)).toEqual({ min: 49.892, max: 50.105 });
  });
});

describe("frequency response on real samples", () => {
  it("never trips on the real days: the lowest sample, 49.867 Hz, is above 50 − 0.2 Hz", () => {
    for (const day of [aug, sep]) {
      const out = replayResponse(day.samples, FCR_50HZ);
      expect(out.filter((p) => p.event !== undefined)).toEqual([]);
    }
  });

  it("trips at the exact second of an injected step to 49.75 Hz and releases 300 s after it ends", () => {
    const stepped = withFrequencyStep(aug.samples, {
      fromMs: aug24(12, 0, 0),
      toMs: aug24(12, 0, 30),
      frequencyHz: 49.75,
    });
    const out = replayResponse(stepped, FCR_50HZ);
    expect(
      out.filter((p) => p.event !== undefined).map((p) => [new Date(p.atMs).toISOString(), p.event]),
    ).toEqual([
      ["2024-08-24T10:00:00.000Z", "trip"],
      // Recovering from 12:00:30 (50.04 Hz, the recording again); 300 s later.
      ["2024-08-24T10:05:30.000Z", "release"],
    ]);
    const at = (ms: number) => out.find((p) => p.atMs === ms);
    expect(at(aug24(11, 59, 59))).toMatchObject({ frequencyHz: 50.05, allowedFraction: 1, tripped: false });
    expect(at(aug24(12, 0, 29))).toMatchObject({ frequencyHz: 49.75, allowedFraction: 0, tripped: true });
    expect(at(aug24(12, 5, 29))).toMatchObject({ frequencyHz: 50.017, allowedFraction: 0, tripped: true });
    expect(at(aug24(12, 5, 30))).toMatchObject({ frequencyHz: 50.018, allowedFraction: 1, tripped: false });
  });

  it("droops on the real 20:00 dip of 2024-08-24 (deadband 20 mHz, full response at 200 mHz)", () => {
    const out = replayResponse(aug.samples, FCR_50HZ);
    const dip = out.filter((p) => p.atMs >= aug24(20, 0, 12) && p.atMs <= aug24(20, 0, 27));
    // allowed = 1 − (50 − f − 0.02) / 0.18
    const expected: [number, number][] = [
      [49.913, 1 - 0.067 / 0.18],
      [49.907, 1 - 0.073 / 0.18],
      [49.898, 1 - 0.082 / 0.18],
      [49.896, 1 - 0.084 / 0.18],
      [49.891, 1 - 0.089 / 0.18],
      [49.887, 1 - 0.093 / 0.18],
      [49.881, 0.45],
      [49.877, 1 - 0.103 / 0.18],
      [49.876, 1 - 0.104 / 0.18],
      [49.875, 1 - 0.105 / 0.18],
      [49.873, 1 - 0.107 / 0.18],
      [49.872, 1 - 0.108 / 0.18],
    ];
    const got = dip.slice(0, expected.length);
    expect(got.map((p) => p.frequencyHz)).toEqual(expected.map(([hz]) => hz));
    for (const [i, p] of got.entries())
      expect(p.allowedFraction).toBeCloseTo(expected[i]?.[1] ?? Number.NaN, 12);
    expect(dip.at(-1)).toMatchObject({ frequencyHz: 49.867 });
    expect(dip.at(-1)?.allowedFraction).toBeCloseTo(1 - 0.113 / 0.18, 12);
  });
});

describe("ReplayFrequencySource", () => {
  it("plays the recording against a clock and goes stale in the logger's 55 s gap", () => {
    let nowMs = Date.parse("2026-11-25T00:00:00Z");
    const source = new ReplayFrequencySource({
      samples: aug.samples,
      clock: { nowMs: () => nowMs },
      fromMs: aug24(19, 14, 40),
      maxAgeMs: 3000,
    });
    expect(source.reading()).toBeUndefined();
    source.start();
    nowMs += 4000; // plays 19:14:44
    expect(source.reading()).toEqual({ ok: true, value: 50.045, atMs: nowMs });
    expect(toFrequencySignal(source, 50)).toEqual({
      hz: { ok: true, value: 50.045, atMs: nowMs },
      nominalHz: 50,
    });

    nowMs += 6000; // 19:14:50, inside the gap that ends at 19:15:39
    expect(source.ageMs(nowMs)).toBe(6000);
    expect(source.isStale(nowMs)).toBe(true);
    expect(source.status(nowMs)).toMatchObject({ stale: true, state: "connected", ageMs: 6000 });

    nowMs += 49_000; // 19:15:39
    expect(source.isStale(nowMs)).toBe(false);
    expect(source.lastValue()).toEqual({ value: 50.025, atMs: nowMs });
  });

  it("reports the end of the recording, and plays faster than real time when asked", async () => {
    let nowMs = 0;
    const source = new ReplayFrequencySource({
      samples: sep.samples,
      clock: { nowMs: () => nowMs },
      fromMs: Date.UTC(2024, 8, 6, 21, 59, 50),
      speed: 10,
    });
    source.start();
    nowMs = 900; // 9 recorded seconds: 23:59:59 Berlin, the last sample
    expect(source.lastValue()?.value).toBe(sep.samples.at(-1)?.frequencyHz);
    expect(source.isStale(nowMs)).toBe(false);
    nowMs = 1200;
    expect(source.reading()?.ok).toBe(false);
    expect(source.lastError()).toBe("frequency-replay: the recording ended at 2024-09-06T21:59:59.000Z");
    await source.stop();
    expect(source.status(nowMs).state).toBe("stopped");
  });
});
