import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY, withRetry } from "./backoff.js";

describe("backoff", () => {
  it("doubles from the initial delay up to the cap, with jitter either way", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10].map((n) => backoffDelayMs(DEFAULT_RETRY, n, mid))).toEqual([
      500, 1000, 2000, 30_000,
    ]);
    expect(backoffDelayMs(DEFAULT_RETRY, 1, () => 0)).toBe(400);
    expect(backoffDelayMs(DEFAULT_RETRY, 1, () => 0.999999)).toBe(600);
  });

  it("retries until done or out of tries, sleeping between tries", async () => {
    const slept: number[] = [];
    const deps = { sleep: async (ms: number) => void slept.push(ms), random: () => 0.5 };
    let calls = 0;
    const done = await withRetry(
      DEFAULT_RETRY,
      async (n) => {
        calls++;
        return n < 3 ? { retry: n } : { done: n };
      },
      deps,
    );
    expect([done, calls, slept]).toEqual([3, 3, [500, 1000]]);
    const last = await withRetry(DEFAULT_RETRY, async (n) => ({ retry: n }), deps);
    expect(last).toBe(4);
  });
});
