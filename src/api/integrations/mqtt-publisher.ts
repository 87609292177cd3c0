// Publishes the site state to MQTT after each tick (retained, at most every `minIntervalMs`), with Home Assistant
// discovery configs and an availability topic whose "offline" is the connection's last will. mqtt.js reconnects on
// its own; discovery and the latest state are sent again on every (re)connect.
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import type { SiteRuntime } from "../site-runtime.js";
import { siteState } from "../views.js";
import { discoveryMessages, mqttSiteState, siteIdOf } from "./ha-discovery.js";

export interface MqttPublisherOptions {
  /** mqtt://host:1883 or mqtts://… */
  url: string;
  username?: string;
  password?: string;
  /** Default gridminer/<siteId>. */
  topicPrefix?: string;
  /** Default "homeassistant"; null switches discovery off. */
  discoveryPrefix?: string | null;
  minIntervalMs?: number;
  version?: string;
  onError?: (e: Error) => void;
}

export class MqttStatePublisher {
  readonly stateTopic: string;
  readonly availabilityTopic: string;
  readonly siteId: string;
  private readonly runtime: SiteRuntime;
  private readonly o: MqttPublisherOptions;
  private client: MqttClient | undefined;
  private off: (() => void) | undefined;
  private lastSentMs = Number.NEGATIVE_INFINITY;
  published = 0;

  constructor(runtime: SiteRuntime, o: MqttPublisherOptions) {
    this.runtime = runtime;
    this.o = o;
    this.siteId = siteIdOf(runtime.siteName);
    const prefix = o.topicPrefix ?? `gridminer/${this.siteId}`;
    this.stateTopic = `${prefix}/site/state`;
    this.availabilityTopic = `${prefix}/site/availability`;
  }

  /** Connects in the background: a broker that is down delays nothing; mqtt.js keeps retrying. */
  start(): void {
    const options: IClientOptions = {
      connectTimeout: 5000,
      reconnectPeriod: 5000,
      will: { topic: this.availabilityTopic, payload: Buffer.from("offline"), qos: 1, retain: true },
      ...(this.o.username === undefined ? {} : { username: this.o.username }),
      ...(this.o.password === undefined ? {} : { password: this.o.password }),
    };
    const client = mqtt.connect(this.o.url, options);
    this.client = client;
    client.on("error", (e) => this.o.onError?.(e));
    client.on("connect", () => void this.announce());
    this.off = this.runtime.onTick(() => void this.publishState());
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  private async announce(): Promise<void> {
    const c = this.client;
    if (!c) return;
    try {
      await c.publishAsync(this.availabilityTopic, "online", { qos: 1, retain: true });
      if (this.o.discoveryPrefix !== null) {
        for (const m of discoveryMessages({
          discoveryPrefix: this.o.discoveryPrefix ?? "homeassistant",
          siteId: this.siteId,
          siteName: this.runtime.siteName,
          stateTopic: this.stateTopic,
          availabilityTopic: this.availabilityTopic,
          version: this.o.version ?? "0.1.0",
        }))
          await c.publishAsync(m.topic, m.payload, { qos: 1, retain: true });
      }
      if (this.runtime.lastTick()) await this.publishState(true);
    } catch (e) {
      this.o.onError?.(e as Error);
    }
  }

  /** Sends the current state unless one went out less than minIntervalMs ago (force: send anyway). */
  async publishState(force = false): Promise<boolean> {
    const c = this.client;
    const nowMs = this.runtime.clock.nowMs();
    if (!c?.connected) return false;
    if (!force && nowMs - this.lastSentMs < (this.o.minIntervalMs ?? 5000)) return false;
    this.lastSentMs = nowMs;
    try {
      await c.publishAsync(this.stateTopic, JSON.stringify(mqttSiteState(siteState(this.runtime))), {
        qos: 1,
        retain: true,
      });
      this.published++;
      return true;
    } catch (e) {
      this.o.onError?.(e as Error);
      return false;
    }
  }

  /** Says "offline" and disconnects; the retained discovery configs stay so Home Assistant keeps the entities. */
  async stop(): Promise<void> {
    this.off?.();
    this.off = undefined;
    const c = this.client;
    this.client = undefined;
    if (!c) return;
    if (c.connected)
      await c.publishAsync(this.availabilityTopic, "offline", { qos: 1, retain: true }).catch(() => {});
    await c.endAsync(!c.connected);
  }

  /** Removes the retained discovery configs and state (for uninstalling or tests on a shared broker). */
  async clearRetained(): Promise<void> {
    const c = this.client;
    if (!c) return;
    const topics = [
      this.stateTopic,
      this.availabilityTopic,
      ...discoveryMessages({
        discoveryPrefix: this.o.discoveryPrefix ?? "homeassistant",
        siteId: this.siteId,
        siteName: this.runtime.siteName,
        stateTopic: this.stateTopic,
        availabilityTopic: this.availabilityTopic,
        version: "",
      }).map((m) => m.topic),
    ];
    for (const t of topics) await c.publishAsync(t, "", { qos: 1, retain: true });
  }
}
