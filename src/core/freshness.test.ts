import { describe, expect, it } from "vitest";
import { describeFreshness, freshness } from "./freshness.js";

describe("freshness", () => {
  const now = 1_000_000;

  it("judges ok readings by age, counting future timestamps as age 0", () => {
    expect(freshness({ ok: true, value: 5, atMs: now - 30_000 }, 30, now)).toEqual({
      status: "fresh",
      value: 5,
      ageMs: 30_000,
    });
    expect(freshness({ ok: true, value: 5, atMs: now - 30_001 }, 30, now).status).toBe("stale");
    expect(freshness({ ok: true, value: 5, atMs: now + 5_000 }, 30, now)).toEqual({
      status: "fresh",
      value: 5,
      ageMs: 0,
    });
  });

  it("treats failed readings as stale however recent, keeping the last good value for the log", () => {
    const f = freshness(
      { ok: false, error: "timeout", atMs: now, lastGood: { value: 7, atMs: now - 45_000 } },
      30,
      now,
    );
    expect(f).toEqual({ status: "stale", ageMs: 45_000, lastGood: 7, error: "timeout" });
    expect(describeFreshness(f, 30)).toBe("failed: timeout (last good 45 s old, limit 30 s)");
    expect(freshness(undefined, 30, now)).toEqual({ status: "missing" });
  });
});
