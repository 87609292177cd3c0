// The client's reconnect and bookkeeping logic against a scripted connection; the real broker is exercised in
// test/integration/mqtt-signals.test.ts.
import { EventEmitter } from "node:events";
import type { IClientOptions } from "mqtt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type MqttConnection, MqttSignalClient } from "./client.js";
import type { MqttSignalsConfig } from "./config.js";

class FakeConnection extends EventEmitter implements MqttConnection {
  readonly url: string;
  readonly options: IClientOptions;
  readonly subscribed: string[] = [];
  readonly published: { topic: string; payload: string; retain: boolean }[] = [];
  ended: boolean | undefined;

  constructor(url: string, options: IClientOptions) {
    super();
    this.url = url;
    this.options = options;
  }
  subscribe(topics: string[], _o: { qos: 0 | 1 | 2 }, callback: (error: Error | null) => void): this {
    this.subscribed.push(...topics);
    callback(null);
    return this;
  }
  publish(topic: string, payload: string, o: { retain: boolean }, callback: (error?: Error) => void): this {
    this.published.push({ topic, payload, retain: o.retain });
    callback();
    return this;
  }
  end(force: boolean, callback: () => void): this {
    this.ended = force;
    callback();
    return this;
  }
  refuse(): void {
    this.emit("error", new Error("connect ECONNREFUSED 127.0.0.1:1883"));
    this.emit("close");
  }
  deliver(topic: string, payload: string, retain = false): void {
    this.emit("message", topic, Buffer.from(payload), { retain });
  }
}

const CONFIG: MqttSignalsConfig = {
  url: "mqtt://127.0.0.1:1883",
  topicPrefix: "gridminer/kyushu-1",
  topics: { surplusW: "grid/surplus", frequencyHz: "grid/frequency", importLimitW: "grid/import-limit" },
  backoff: { initialMs: 1000, maxMs: 8000 },
};

describe("MqttSignalClient", () => {
  let nowMs: number;
  let connections: FakeConnection[];
  let client: MqttSignalClient;
  const last = (): FakeConnection => {
    const c = connections.at(-1);
    if (c === undefined) throw new Error("no connection attempted");
    return c;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    nowMs = Date.parse("2026-11-25T01:00:00Z");
    connections = [];
    client = new MqttSignalClient(CONFIG, {
      clock: { nowMs: () => nowMs },
      connect: (url, options) => {
        const c = new FakeConnection(url, options);
        connections.push(c);
        return c;
      },
    });
  });
  afterEach(async () => {
    await client.stop();
    vi.useRealTimers();
  });

  const advance = async (ms: number) => {
    nowMs += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it("connects with its own backoff instead of mqtt.js's and a retained offline will", () => {
    client.start();
    expect(connections).toHaveLength(1);
    expect(last().options).toMatchObject({
      reconnectPeriod: 0,
      clean: true,
      will: { topic: "gridminer/kyushu-1/availability", qos: 1, retain: true },
    });
    expect(String(last().options.will?.payload)).toBe("offline");
  });

  it("retries after 1, 2, 4, 8, 8 s while the broker refuses, then resets on success", async () => {
    client.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      last().refuse();
      const status = client.link();
      expect(status.state).toBe("backoff");
      expect(status.failedAttempts).toBe(i + 1);
      expect(status.linkError).toContain("ECONNREFUSED");
      const waitMs = (status.nextAttemptAtMs ?? 0) - nowMs;
      delays.push(waitMs);
      await advance(waitMs - 1);
      expect(connections).toHaveLength(i + 1);
      await advance(1);
      expect(connections).toHaveLength(i + 2);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);

    last().emit("connect");
    expect(client.link()).toMatchObject({
      state: "connected",
      failedAttempts: 0,
      nextAttemptAtMs: undefined,
    });
    expect(last().subscribed.sort()).toEqual(["grid/frequency", "grid/import-limit", "grid/surplus"]);
    expect(last().published).toEqual([
      { topic: "gridminer/kyushu-1/availability", payload: "online", retain: true },
    ]);

    // A broken session counts as a failure: the next attempt waits the initial delay again.
    last().emit("close");
    expect(client.link()).toMatchObject({
      state: "backoff",
      failedAttempts: 1,
      nextAttemptAtMs: nowMs + 1000,
    });
    expect(last().ended).toBe(true);
  });

  it("keeps values with their age across a reconnect, and they go stale by age", async () => {
    client.start();
    last().emit("connect");
    last().deliver("grid/frequency", "59.98");
    const reader = client.reader("frequencyHz");
    expect(reader?.reading()).toEqual({ ok: true, value: 59.98, atMs: nowMs });
    last().emit("close");
    await advance(4000);
    expect(reader?.ageMs(nowMs)).toBe(4000);
    expect(reader?.isStale(nowMs)).toBe(false);
    await advance(1001);
    expect(reader?.isStale(nowMs)).toBe(true);
    expect(reader?.status(nowMs)).toMatchObject({ stale: true, state: "connecting", ageMs: 5001 });
  });

  it("records a malformed payload against its topic and keeps the last good value", () => {
    client.start();
    last().emit("connect");
    last().deliver("grid/surplus", '{"value": 3.2, "unit": "MW"}');
    last().deliver("grid/surplus", '{"value": 3.3, "unit": "GW"}');
    const reader = client.reader("surplusW");
    expect(reader?.lastValue()).toEqual({ value: 3_200_000, atMs: nowMs });
    expect(reader?.reading()).toEqual({
      ok: false,
      error: 'mqtt topic "grid/surplus" (surplusW): unknown unit "GW" (expected W, kW, MW)',
      atMs: nowMs,
      lastGood: { value: 3_200_000, atMs: nowMs },
    });
    expect(reader?.isStale(nowMs)).toBe(true);
    last().deliver("grid/surplus", "3300000");
    expect(reader?.reading()).toMatchObject({ ok: true, value: 3_300_000 });
    expect(reader?.lastError()).toContain("GW");
  });

  it("does not take a retained value without ts as fresh", () => {
    client.start();
    last().emit("connect");
    last().deliver("grid/import-limit", "4000000", true);
    const reader = client.reader("importLimitW");
    expect(reader?.lastValue()).toBeUndefined();
    expect(reader?.lastError()).toMatch(/retained value 4000000 without "ts" has an unknown age/);
    last().deliver("grid/import-limit", '{"value": 4, "unit": "MW", "ts": "2026-11-25T00:59:00Z"}', true);
    expect(reader?.reading()).toEqual({ ok: true, value: 4_000_000, atMs: nowMs - 60_000 });
  });

  it("holds the newest state while disconnected and publishes it on connect", async () => {
    client.start();
    expect(await client.publishState({ powerW: 1, mode: "green-only" })).toBe(false);
    expect(await client.publishState({ powerW: 2, mode: "green-only" })).toBe(false);
    last().emit("connect");
    await vi.advanceTimersByTimeAsync(0);
    const state = last().published.find((p) => p.topic === "gridminer/kyushu-1/state");
    expect(state?.retain).toBe(true);
    expect(JSON.parse(state?.payload ?? "{}")).toEqual({
      powerW: 2,
      mode: "green-only",
      ts: "2026-11-25T01:00:00.000Z",
    });
    expect(await client.publishState({ powerW: 3 })).toBe(true);
  });

  it("says offline and disconnects cleanly on stop, and stops retrying", async () => {
    client.start();
    const first = last();
    first.emit("connect");
    await client.stop();
    expect(first.published.at(-1)).toEqual({
      topic: "gridminer/kyushu-1/availability",
      payload: "offline",
      retain: true,
    });
    expect(first.ended).toBe(false);
    expect(client.link().state).toBe("stopped");
    await advance(60_000);
    expect(connections).toHaveLength(1);
  });

  it("ignores topics it did not subscribe to and rejects an invalid configuration at construction", () => {
    client.start();
    last().emit("connect");
    expect(() => last().deliver("grid/other", "1")).not.toThrow();
    expect(client.reader("setpointW")).toBeUndefined();
    expect(
      () =>
        new MqttSignalClient(
          { ...CONFIG, topics: { surplusW: "grid/#" } },
          { clock: { nowMs: () => 0 }, connect: () => new FakeConnection("", {}) },
        ),
    ).toThrow(/wildcards/);
  });
});
