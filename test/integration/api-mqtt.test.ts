// Site state and Home Assistant discovery on a real Mosquitto at 127.0.0.1:1883. The site id is unique per run and
// every retained message is cleared afterwards, since the broker may be shared.
import { randomBytes } from "node:crypto";
import { connect as netConnect } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { MqttStatePublisher } from "../../src/api/integrations/mqtt-publisher.js";
import { fakeSite } from "../../src/api/testing.js";

const URL_ = "mqtt://127.0.0.1:1883";

function brokerAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ host: "127.0.0.1", port: 1883 });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

const up = await brokerAnswers();
const suite = up ? describe : describe.skip;
const run = randomBytes(3).toString("hex");
const seen = new Set<string>();
let peer: MqttClient | undefined;

afterAll(async () => {
  if (!peer) return;
  for (const t of seen) await peer.publishAsync(t, "", { qos: 1, retain: true });
  await peer.endAsync();
});

function collect(client: MqttClient, filter: string): Map<string, { payload: string; retain: boolean }> {
  const got = new Map<string, { payload: string; retain: boolean }>();
  const prefix = filter.slice(0, filter.search(/[+#]/));
  client.on("message", (topic, payload, packet) => {
    seen.add(topic);
    if (!topic.startsWith(prefix)) return;
    got.set(topic, { payload: payload.toString("utf8"), retain: packet.retain });
  });
  void client.subscribeAsync(filter, { qos: 1 });
  return got;
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite(up ? "MQTT site state" : "MQTT site state (skipped: no broker answers at 127.0.0.1:1883)", () => {
  it("publishes retained Home Assistant discovery, availability and the state after each tick", async () => {
    const site = fakeSite({ siteName: `GM Test ${run}` });
    const siteId = `gm_test_${run}`;
    const pub = new MqttStatePublisher(site, { url: URL_, minIntervalMs: 0 });
    expect(pub.siteId).toBe(siteId);
    pub.start();
    site.tick(1_200_000);
    await until("a state message", () => pub.published >= 1);
    await pub.stop();

    // A client that connects afterwards gets everything from the broker's retained store.
    peer = await mqtt.connectAsync(URL_, { reconnectPeriod: 0 });
    const discovery = collect(peer, `homeassistant/sensor/${siteId}/+/config`);
    const ours = collect(peer, `gridminer/${siteId}/site/#`);
    await until("six discovery configs and the state", () => discovery.size === 6 && ours.size === 2);

    const power = JSON.parse(
      discovery.get(`homeassistant/sensor/${siteId}/site_power/config`)?.payload ?? "{}",
    );
    expect(power).toMatchObject({
      unique_id: `gridminer_${siteId}_site_power`,
      state_topic: `gridminer/${siteId}/site/state`,
      value_template: "{{ value_json.power_w }}",
      unit_of_measurement: "W",
      device_class: "power",
      state_class: "measurement",
      availability_topic: `gridminer/${siteId}/site/availability`,
    });
    expect([...discovery.keys()].map((t) => t.split("/")[3]).sort()).toEqual([
      "hashrate",
      "price",
      "site_power",
      "surplus",
      "target_power",
      "units_hashing",
    ]);
    expect([...discovery.values()].every((m) => m.retain)).toBe(true);
    const state = ours.get(`gridminer/${siteId}/site/state`);
    expect(state?.retain).toBe(true);
    expect(JSON.parse(state?.payload ?? "{}")).toMatchObject({
      site: `GM Test ${run}`,
      power_w: 1_201_000,
      target_w: 1_200_000,
      hashrate_ths: 960,
      surplus_w: 2_000_000,
      price_jpy_per_kwh: 11.5,
      units_hashing: 2,
      units_total: 4,
    });
    // A clean stop says offline (the last will says the same after a crash).
    expect(ours.get(`gridminer/${siteId}/site/availability`)?.payload).toBe("offline");
  });

  it("sends at most one state per interval", async () => {
    const site = fakeSite({ siteName: `GM Rate ${run}` });
    const pub = new MqttStatePublisher(site, { url: URL_, minIntervalMs: 10_000, discoveryPrefix: null });
    pub.start();
    seen.add(pub.stateTopic);
    seen.add(pub.availabilityTopic);
    for (let i = 0; i < 5; i++) {
      site.testClock.advance(1000);
      site.tick();
    }
    await until("one state message", () => pub.published >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(pub.published).toBe(1);
    site.testClock.advance(10_000);
    site.tick();
    await until("a second state message", () => pub.published === 2);
    await pub.stop();
  });
});
