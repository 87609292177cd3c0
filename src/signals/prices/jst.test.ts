import { describe, expect, it } from "vitest";
import { parseIsoWithOffset } from "./iso-time.js";
import { formatJst, jstDayStartMs, jstToEpochMs, parseJstDate, parseJstDateTime } from "./jst.js";

describe("JST conversions", () => {
  it("maps JST wall-clock times with a fixed +9 h offset", () => {
    expect(jstToEpochMs(2021, 1, 1)).toBe(Date.parse("2020-12-31T15:00:00Z"));
    expect(parseJstDate("2021/1/1")).toBe(Date.parse("2021-01-01T00:00:00+09:00"));
    expect(parseJstDateTime("2023/4/9 12:00")).toBe(Date.parse("2023-04-09T12:00:00+09:00"));
  });

  it("rejects dates that do not exist", () => {
    expect(parseJstDate("2021/2/29")).toBeUndefined();
    expect(parseJstDate("2024/2/29")).toBe(Date.parse("2024-02-29T00:00:00+09:00"));
    expect(parseJstDate("2021/13/1")).toBeUndefined();
    expect(parseJstDateTime("2021/1/1 24:00")).toBeUndefined();
    expect(parseJstDate("1/1/2021")).toBeUndefined();
  });

  it("finds the JST day of an instant", () => {
    const t = Date.parse("2023-04-08T23:59:59.999+09:00");
    expect(jstDayStartMs(t)).toBe(Date.parse("2023-04-08T00:00:00+09:00"));
    expect(jstDayStartMs(t + 1)).toBe(Date.parse("2023-04-09T00:00:00+09:00"));
    expect(formatJst(Date.parse("2023-04-09T03:00:00Z"))).toBe("2023-04-09T12:00+09:00");
  });
});

describe("ISO timestamps with offset", () => {
  it("accepts Z and ±hh:mm offsets", () => {
    expect(parseIsoWithOffset("2023-04-09T03:00:00Z")).toEqual({
      ok: true,
      epochMs: Date.parse("2023-04-09T03:00Z"),
    });
    expect(parseIsoWithOffset("2023-04-09T12:00+09:00")).toEqual({
      ok: true,
      epochMs: Date.parse("2023-04-09T03:00Z"),
    });
    expect(parseIsoWithOffset("2023-10-29T02:30:00+01:00")).toEqual({
      ok: true,
      epochMs: Date.parse("2023-10-29T01:30Z"),
    });
  });

  it("rejects local times, which a daylight-saving fall-back makes ambiguous", () => {
    // 02:30 on 2023-10-29 happened twice in Central Europe.
    const r = parseIsoWithOffset("2023-10-29T02:30:00");
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toMatch(/no UTC offset/);
  });

  it("rejects impossible dates and malformed text", () => {
    expect(parseIsoWithOffset("2023-02-30T00:00Z").ok).toBe(false);
    expect(parseIsoWithOffset("2023-04-09 25:00Z").ok).toBe(false);
    expect(parseIsoWithOffset("yesterday").ok).toBe(false);
  });
});
