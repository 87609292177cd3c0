import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_BYTES, parseSignalPayload } from "./payload.js";

const T = "site/kyushu-1/surplus";
const NOW = Date.parse("2026-11-25T01:00:00Z");

describe("parseSignalPayload", () => {
  it("reads a plain number in the base unit, timed at receipt", () => {
    expect(parseSignalPayload(T, Buffer.from(" 4500000\n"), "surplusW", NOW)).toEqual({
      ok: true,
      value: 4_500_000,
      atMs: NOW,
      timestamped: false,
    });
    expect(parseSignalPayload(T, "59.97", "frequencyHz", NOW)).toMatchObject({ ok: true, value: 59.97 });
    expect(parseSignalPayload(T, "4.5e6", "importLimitW", NOW)).toMatchObject({ ok: true, value: 4_500_000 });
  });

  it("converts kW and MW to W without binary-fraction noise", () => {
    expect(parseSignalPayload(T, '{"value": 1.1, "unit": "kW"}', "setpointW", NOW)).toMatchObject({
      value: 1100,
    });
    expect(parseSignalPayload(T, '{"value": 4.213, "unit": "MW"}', "surplusW", NOW)).toMatchObject({
      value: 4_213_000,
    });
    expect(parseSignalPayload(T, '{"value": 250, "unit": "W"}', "surplusW", NOW)).toMatchObject({
      value: 250,
    });
    expect(parseSignalPayload(T, '{"value": 60.01, "unit": "Hz"}', "frequencyHz", NOW)).toMatchObject({
      value: 60.01,
    });
    expect(parseSignalPayload(T, '{"value": 3000}', "surplusW", NOW)).toMatchObject({ value: 3000 });
  });

  it("takes the publisher's ts as the value's time, but never later than receipt", () => {
    expect(
      parseSignalPayload(T, '{"value": 2, "unit": "MW", "ts": "2026-11-25T09:59:30+09:00"}', "surplusW", NOW),
    ).toEqual({
      ok: true,
      value: 2_000_000,
      atMs: NOW - 30_000,
      timestamped: true,
    });
    const ahead = parseSignalPayload(T, '{"value": 2, "ts": "2026-11-25T01:05:00Z"}', "surplusW", NOW);
    expect(ahead).toMatchObject({ ok: true, atMs: NOW, timestamped: true });
  });

  it("rejects unknown units naming the topic and the accepted ones", () => {
    expect(parseSignalPayload(T, '{"value": 4, "unit": "GW"}', "surplusW", NOW)).toEqual({
      ok: false,
      error: 'mqtt topic "site/kyushu-1/surplus" (surplusW): unknown unit "GW" (expected W, kW, MW)',
    });
    expect(parseSignalPayload(T, '{"value": 60, "unit": "kW"}', "frequencyHz", NOW)).toMatchObject({
      error: expect.stringContaining('unknown unit "kW" (expected Hz)'),
    });
    expect(parseSignalPayload(T, '{"value": 60, "unit": 5}', "frequencyHz", NOW)).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ["", "neither a number nor a JSON object"],
    ["abc", 'payload "abc" is neither a number nor a JSON object'],
    ["0x10", "neither a number"],
    ["{value: 3}", "neither a number nor valid JSON"],
    ["[1,2]", "neither a number nor a JSON object"],
    ['{"value": "3"}', '"value" must be a number, got "\\"3\\""'],
    ['{"value": 3, "ts": "2026-11-25 10:00"}', '"ts" must be an ISO 8601 time with an offset'],
    ['{"value": 3, "ts": "2026-11-25T10:00:00"}', '"ts" must be an ISO 8601 time with an offset'],
    ['{"value": 1e400}', "value Infinity is not finite"],
    ["-5", "-5 W is negative"],
  ])("rejects %j", (payload, message) => {
    const parsed = parseSignalPayload(T, payload, "surplusW", NOW);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && parsed.error).toContain(message);
    expect(parsed.ok === false && parsed.error).toContain(`"${T}"`);
  });

  it("rejects frequencies no grid can have, such as a logger's 0 Hz", () => {
    expect(parseSignalPayload(T, "0", "frequencyHz", NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining("0 Hz is outside 40..70 Hz"),
    });
  });

  it("rejects oversized and non-UTF-8 payloads before parsing", () => {
    const big = parseSignalPayload(T, Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x31), "surplusW", NOW);
    expect(big).toMatchObject({ ok: false, error: expect.stringContaining("exceeds 4096") });
    expect(parseSignalPayload(T, Buffer.from([0xff, 0xfe]), "surplusW", NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining("not UTF-8"),
    });
  });
});
