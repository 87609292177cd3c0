// The MQTT signal client against a real Mosquitto broker on 127.0.0.1:1883. Topics live under a per-run prefix, and
// every retained message the tests leave is cleared afterwards, since the broker may be shared.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/domain/clock.js";
import { type MqttConnection, MqttSignalClient } from "../../src/signals/mqtt/client.js";
import type { MqttSignalsConfig } from "../../src/signals/mqtt/config.js";
import { freePort } from "./peers/modbus-peer.js";

const HOST = "127.0.0.1";
const PORT = 1883;
const MOSQUITTO = "/usr/sbin/mosquitto";
const clock: Clock = { nowMs: () => Date.now() };

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A plain mqtt.js client playing the grid operator or a dashboard. */
async function peer(port = PORT): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://${HOST}:${port}`, { reconnectPeriod: 0, connectTimeout: 5000 });
}

/** The first message on a topic, retained ones included. */
function nextMessage(client: MqttClient, topic: string): Promise<{ payload: string; retain: boolean }> {
  return new Promise((resolve, reject) => {
    client.on("message", (t, payload, packet) => {
      if (t === topic) resolve({ payload: payload.toString("utf8"), retain: packet.retain });
    });
    client.subscribe(topic, { qos: 1 }, (error) => {
      if (error) reject(error);
    });
  });
}

const brokerUp = await portAnswers(PORT);
const suite = brokerUp ? describe : describe.skip;
const title = brokerUp
  ? ""
  : ` (skipped: no MQTT broker answers on ${HOST}:${PORT}; CI runs Mosquitto there)`;

suite(`MQTT signals against Mosquitto${title}`, () => {
  const prefix = `gridminer-test/${process.pid}-${Date.now()}`;
  const topics = {
    setpointW: `${prefix}/in/setpoint`,
    importLimitW: `${prefix}/in/import-limit`,
    surplusW: `${prefix}/in/surplus`,
    frequencyHz: `${prefix}/in/frequency`,
  };
  const config: MqttSignalsConfig = {
    url: `mqtt://${HOST}:${PORT}`,
    topicPrefix: `${prefix}/site`,
    topics,
    backoff: { initialMs: 100, maxMs: 400 },
  };
  let client: MqttSignalClient;
  let operator: MqttClient;
  let captured: MqttClient | undefined;

  beforeAll(async () => {
    client = new MqttSignalClient(config, {
      clock,
      connect: (url, options) => {
        captured = mqtt.connect(url, options);
        return captured satisfies MqttConnection;
      },
    });
    client.start();
    operator = await peer();
    await waitFor("the client to connect", () => client.link().state === "connected");
  });

  afterAll(async () => {
    await client?.stop();
    // Clear every retained message the run left on the shared broker.
    for (const topic of [...Object.values(topics), client.stateTopic, client.availabilityTopic]) {
      await operator?.publishAsync(topic, "", { retain: true, qos: 1 });
    }
    await operator?.endAsync();
  });

  const send = (topic: string, payload: string) => operator.publishAsync(topic, payload, { qos: 1 });

  it("round-trips a plain number with its age", async () => {
    const before = Date.now();
    await send(topics.surplusW, "4500000");
    const reader = client.reader("surplusW");
    await waitFor("the surplus value", () => reader?.lastValue()?.value === 4_500_000);
    const reading = reader?.reading();
    expect(reading?.ok).toBe(true);
    expect(reading?.atMs).toBeGreaterThanOrEqual(before);
    expect(reader?.ageMs(Date.now())).toBeLessThan(2000);
    expect(reader?.isStale(Date.now())).toBe(false);
  });

  it("converts kW and MW and takes the publisher's timestamp", async () => {
    const ts = new Date(Date.now() - 2000).toISOString();
    await send(topics.importLimitW, JSON.stringify({ value: 4.2, unit: "MW", ts }));
    await send(topics.setpointW, JSON.stringify({ value: 3150, unit: "kW" }));
    await send(topics.frequencyHz, JSON.stringify({ value: 59.97, unit: "Hz" }));
    await waitFor("all three values", () =>
      [client.reader("importLimitW"), client.reader("setpointW"), client.reader("frequencyHz")].every(
        (r) => r?.reading()?.ok === true,
      ),
    );
    expect(client.reader("importLimitW")?.lastValue()).toEqual({ value: 4_200_000, atMs: Date.parse(ts) });
    expect(client.reader("setpointW")?.lastValue()?.value).toBe(3_150_000);
    expect(client.reader("frequencyHz")?.lastValue()?.value).toBe(59.97);
  });

  it("names the topic of a malformed payload and keeps the last good value", async () => {
    await send(topics.setpointW, "2000000");
    const reader = client.reader("setpointW");
    await waitFor("the good value", () => reader?.lastValue()?.value === 2_000_000);
    await send(topics.setpointW, "two megawatts");
    await waitFor("the error", () => reader?.reading()?.ok === false);
    expect(reader?.lastError()).toBe(
      `mqtt topic "${topics.setpointW}" (setpointW): payload "two megawatts" is neither a number nor a JSON object`,
    );
    expect(reader?.lastValue()?.value).toBe(2_000_000);
    await send(topics.setpointW, JSON.stringify({ value: 1, unit: "GW" }));
    await waitFor("the unit error", () => reader?.lastError()?.includes("GW") === true);
    expect(reader?.lastError()).toContain(`"${topics.setpointW}"`);
    expect(reader?.lastValue()?.value).toBe(2_000_000);
  });

  it("publishes retained state and availability that a second client sees", async () => {
    expect(await client.publishState({ powerW: 4_213_000, mode: "green-and-economic", units: [1, 2] })).toBe(
      true,
    );
    const dashboard = await peer();
    try {
      const [state, availability] = await Promise.all([
        nextMessage(dashboard, client.stateTopic),
        nextMessage(dashboard, client.availabilityTopic),
      ]);
      expect(state.retain).toBe(true);
      expect(JSON.parse(state.payload)).toMatchObject({
        powerW: 4_213_000,
        mode: "green-and-economic",
        units: [1, 2],
      });
      expect(Date.parse(JSON.parse(state.payload).ts)).toBeGreaterThan(Date.now() - 10_000);
      expect(availability).toEqual({ payload: "online", retain: true });
    } finally {
      await dashboard.endAsync();
    }
  });

  it("has the broker announce offline when the connection dies, then reconnects with backoff", async () => {
    const watcher = await peer();
    try {
      const offline = new Promise<void>((resolve) => {
        watcher.on("message", (t, payload) => {
          if (t === client.availabilityTopic && payload.toString() === "offline") resolve();
        });
      });
      await watcher.subscribeAsync(client.availabilityTopic, { qos: 1 });
      // Cut the TCP connection under the client without an MQTT DISCONNECT: the broker must send the will.
      captured?.stream.destroy();
      await offline;
      await waitFor("the reconnect", () => client.link().state === "connected");
      await send(topics.surplusW, "1234");
      await waitFor(
        "a value after reconnecting",
        () => client.reader("surplusW")?.lastValue()?.value === 1234,
      );
    } finally {
      await watcher.endAsync();
    }
  });

  it("treats a retained input without ts as of unknown age", async () => {
    await operator.publishAsync(topics.frequencyHz, "60.02", { qos: 1, retain: true });
    const late = new MqttSignalClient({ ...config, topicPrefix: `${prefix}/late` }, { clock });
    late.start();
    try {
      await waitFor("the retained message", () => late.reader("frequencyHz")?.lastError() !== undefined);
      expect(late.reader("frequencyHz")?.lastError()).toMatch(
        /retained value 60.02 without "ts" has an unknown age/,
      );
      expect(late.reader("frequencyHz")?.isStale(Date.now())).toBe(true);
    } finally {
      await late.stop();
      await operator.publishAsync(`${prefix}/late/availability`, "", { retain: true, qos: 1 });
    }
  });
});

// The shared broker is not ours to restart; a private one on a free port is.
const mosquittoRunnable =
  spawnSync(MOSQUITTO, ["-h"], { encoding: "utf8" }).stdout?.includes("mosquitto") === true;
describe.skipIf(!mosquittoRunnable)(
  `MQTT broker restart (private ${MOSQUITTO})${mosquittoRunnable ? "" : ` (skipped: ${MOSQUITTO} not installed)`}`,
  () => {
    it("goes stale while the broker is down and recovers when it is back", async () => {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), "gridminer-mosquitto-"));
      const conf = join(dir, "mosquitto.conf");
      writeFileSync(conf, `listener ${port} ${HOST}\nallow_anonymous true\npersistence false\n`);
      const startBroker = async () => {
        const broker = spawn(MOSQUITTO, ["-c", conf], { stdio: "ignore" });
        await waitFor("the private broker", () => broker.exitCode === null, 1000);
        const deadline = Date.now() + 10_000;
        while (!(await portAnswers(port))) {
          if (Date.now() > deadline || broker.exitCode !== null)
            throw new Error("private mosquitto did not start");
          await new Promise((r) => setTimeout(r, 50));
        }
        return broker;
      };
      const stopBroker = async (broker: ReturnType<typeof spawn>) => {
        if (broker.exitCode !== null || broker.signalCode !== null) return;
        const exited = new Promise((r) => broker.once("exit", r));
        broker.kill("SIGKILL");
        await exited;
      };
      let broker = await startBroker();
      const c = new MqttSignalClient(
        {
          url: `mqtt://${HOST}:${port}`,
          topicPrefix: "site",
          topics: { frequencyHz: "grid/frequency" },
          maxAgeMs: { frequencyHz: 300 },
          backoff: { initialMs: 100, maxMs: 400 },
        },
        { clock },
      );
      try {
        c.start();
        await waitFor("connect", () => c.link().state === "connected");
        const p = await peer(port);
        await p.publishAsync("grid/frequency", "59.99", { qos: 1 });
        await p.endAsync(true);
        await waitFor("a value", () => c.reader("frequencyHz")?.reading()?.ok === true);

        await stopBroker(broker);
        await waitFor("backoff", () => c.link().failedAttempts >= 2);
        await waitFor("stale", () => c.reader("frequencyHz")?.isStale(Date.now()) === true);

        broker = await startBroker();
        await waitFor("reconnect", () => c.link().state === "connected");
        const q = await peer(port);
        await q.publishAsync("grid/frequency", "60.01", { qos: 1 });
        await q.endAsync(true);
        await waitFor("a fresh value", () => c.reader("frequencyHz")?.lastValue()?.value === 60.01);
        expect(c.reader("frequencyHz")?.isStale(Date.now())).toBe(false);
      } finally {
        await c.stop();
        await stopBroker(broker);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
