import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DriverError } from "../../domain/errors.js";
import type { LinkStatus } from "../../signals/source.js";
import type { ReadRequest } from "../protocols/modbus/connection.js";
import { loadRegisterImage, RegisterTable } from "../protocols/modbus/test-register-table.js";
import { type MeterTransport, ModbusMeter } from "./modbus-meter.js";

const IMAGE = loadRegisterImage(
  fileURLToPath(new URL("../../../fixtures/modbus/sunspec-meters.json", import.meta.url)),
);

/** The register table behind a switch: while down, every read fails as a lost connection would. */
class FakeTransport implements MeterTransport {
  readonly label = "10.0.0.5:502";
  readonly table = new RegisterTable(IMAGE, this.label);
  down = false;
  connectionGeneration = 1;
  closed = false;
  link(): LinkStatus {
    return {
      state: this.down ? "backoff" : "connected",
      failedAttempts: this.down ? 1 : 0,
      nextAttemptAtMs: undefined,
      linkError: undefined,
    };
  }
  read(request: ReadRequest): Promise<number[]> {
    if (this.down)
      return Promise.reject(new DriverError("reset", `${this.label}: connection lost (peer closed)`));
    return this.table.read(request);
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
  reopen(): void {
    this.closed = false;
  }
}

describe("ModbusMeter", () => {
  let nowMs = 1_000_000;
  const clock = { nowMs: () => nowMs };
  afterEach(() => vi.useRealTimers());

  it("keeps the last good sample through failures and marks every quantity failed", async () => {
    const transport = new FakeTransport();
    const meter = new ModbusMeter(
      {
        name: "site-import",
        endpoint: { host: "10.0.0.5", port: 502 },
        protocol: { kind: "sunspec" },
        maxAgeMs: 5000,
      },
      { clock, transport },
    );
    await meter.pollOnce();
    expect(meter.reading()).toMatchObject({ ok: true, atMs: 1_000_000, value: { powerW: 4_213_000 } });
    expect(meter.reader("frequencyHz").reading()).toEqual({ ok: true, value: 59.98, atMs: 1_000_000 });

    transport.down = true;
    nowMs += 1000;
    await expect(meter.pollOnce()).resolves.toBeUndefined();
    expect(meter.isStale(nowMs)).toBe(true);
    expect(meter.reader("powerW").reading()).toEqual({
      ok: false,
      error: "10.0.0.5:502: connection lost (peer closed)",
      atMs: 1_001_000,
      lastGood: { value: 4_213_000, atMs: 1_000_000 },
    });
    expect(meter.status(nowMs)).toMatchObject({
      name: "site-import",
      stale: true,
      ageMs: 1000,
      state: "backoff",
    });

    transport.down = false;
    nowMs += 1000;
    await meter.pollOnce();
    expect(meter.isStale(nowMs)).toBe(false);
    expect(meter.lastError()).toBe("10.0.0.5:502: connection lost (peer closed)");
  });

  it("discovers once per connection and again after a reconnect", async () => {
    const transport = new FakeTransport();
    const meter = new ModbusMeter(
      { name: "m", endpoint: { host: "h", port: 502 }, protocol: { kind: "sunspec" } },
      { clock, transport },
    );
    await meter.pollOnce();
    await meter.pollOnce();
    const probes = () => transport.table.requests.filter((r) => r.address === 40000 && r.count === 2).length;
    expect(probes()).toBe(1);
    transport.connectionGeneration = 2;
    await meter.pollOnce();
    expect(probes()).toBe(2);
  });

  it("goes stale by age alone when polls stop arriving", async () => {
    const transport = new FakeTransport();
    const meter = new ModbusMeter(
      { name: "m", endpoint: { host: "h", port: 502 }, protocol: { kind: "sunspec" }, maxAgeMs: 3000 },
      { clock, transport },
    );
    await meter.pollOnce();
    expect(meter.isStale(nowMs + 3000)).toBe(false);
    expect(meter.isStale(nowMs + 3001)).toBe(true);
  });

  it("polls on its own timer without overlapping, and stops cleanly", async () => {
    vi.useFakeTimers();
    const transport = new FakeTransport();
    const meter = new ModbusMeter(
      { name: "m", endpoint: { host: "h", port: 502 }, protocol: { kind: "sunspec" }, pollIntervalMs: 1000 },
      { clock, transport },
    );
    meter.start();
    meter.start();
    await vi.advanceTimersByTimeAsync(0);
    const afterFirst = transport.table.requests.length;
    expect(meter.reading()?.ok).toBe(true);
    await vi.advanceTimersByTimeAsync(3000);
    // One discovery, then one 53-register model read per poll.
    expect(transport.table.requests.length - afterFirst).toBe(3);
    await meter.stop();
    expect(transport.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(transport.table.requests.length - afterFirst).toBe(3);
  });

  it("refuses an invalid register map when built, not while polling", () => {
    expect(
      () =>
        new ModbusMeter(
          {
            name: "bad",
            endpoint: { host: "h", port: 502 },
            protocol: { kind: "register-map", map: { powerW: { address: -1, type: "int16" } } },
          },
          { clock },
        ),
    ).toThrow("meter bad: register map: powerW: address -1");
  });
});
