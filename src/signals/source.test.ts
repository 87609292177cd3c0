import { describe, expect, it } from "vitest";
import { backoffDelayMs, ReconnectBackoff, SignalCell } from "./source.js";

describe("SignalCell", () => {
  it("is empty, then fresh, then stale by age", () => {
    const cell = new SignalCell<number>("meter.powerW", 5000);
    expect(cell.reading()).toBeUndefined();
    expect(cell.isStale(0)).toBe(true);
    expect(cell.ageMs(0)).toBeUndefined();
    cell.accept(42, 1000);
    expect(cell.reading()).toEqual({ ok: true, value: 42, atMs: 1000 });
    expect(cell.isStale(6000)).toBe(false);
    expect(cell.isStale(6001)).toBe(true);
    expect(cell.ageMs(500)).toBe(0);
  });

  it("reads failed after an error, with the last good value, until the next good value", () => {
    const cell = new SignalCell<number>("x", 5000);
    cell.reject("timeout", 100);
    expect(cell.reading()).toEqual({ ok: false, error: "timeout", atMs: 100 });
    cell.accept(1, 200);
    cell.reject("reset", 300);
    expect(cell.reading()).toEqual({
      ok: false,
      error: "reset",
      atMs: 300,
      lastGood: { value: 1, atMs: 200 },
    });
    expect(cell.isStale(300)).toBe(true);
    cell.accept(2, 400);
    expect(cell.reading()).toEqual({ ok: true, value: 2, atMs: 400 });
    expect(cell.status(400)).toMatchObject({
      name: "x",
      stale: false,
      lastError: "reset",
      lastErrorAtMs: 300,
      state: "idle",
    });
  });

  it("ignores a value older than the one it holds", () => {
    const cell = new SignalCell<number>("x", 5000);
    expect(cell.accept(2, 400)).toBe(true);
    expect(cell.accept(1, 300)).toBe(false);
    expect(cell.lastValue()).toEqual({ value: 2, atMs: 400 });
  });
});

describe("backoff", () => {
  it("doubles from the initial delay up to the cap", () => {
    const policy = { initialMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 2000].map((n) => backoffDelayMs(n, policy))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("tracks failures and the next permitted attempt", () => {
    const b = new ReconnectBackoff({ initialMs: 100, maxMs: 1000, factor: 3 });
    expect(b.waitMs(0)).toBe(0);
    expect(b.fail(1000)).toBe(100);
    expect(b.fail(1100)).toBe(300);
    expect(b.waitMs(1200)).toBe(200);
    expect(b.failedAttempts).toBe(2);
    b.succeed();
    expect({ failed: b.failedAttempts, next: b.nextAttemptAtMs, wait: b.waitMs(0) }).toEqual({
      failed: 0,
      next: undefined,
      wait: 0,
    });
    expect(() => new ReconnectBackoff({ initialMs: 0, maxMs: 10 })).toThrow(RangeError);
  });
});
