// The site's MQTT link: subscribes to the configured signal topics, keeps each value with its age, publishes the
// site state (retained) and its availability (retained, with "offline" as the last will). mqtt.js's own fixed-period
// reconnect is switched off; reconnects follow an exponential, capped backoff instead. Nothing here throws into the
// caller: connection and payload problems show up in status() and in each topic's reader.
import mqtt, { type IClientOptions } from "mqtt";
import type { Clock } from "../../domain/clock.js";
import {
  type LinkState,
  type LinkStatus,
  ReconnectBackoff,
  SignalCell,
  type SignalReader,
} from "../source.js";
import {
  availabilityTopic,
  type MqttSignalsConfig,
  maxAgeFor,
  mqttSignalsSchema,
  type ResolvedMqttSignalsConfig,
  stateTopic,
} from "./config.js";
import { MQTT_QUANTITIES, type MqttQuantity, parseSignalPayload } from "./payload.js";

/** The part of an mqtt.js client this module uses; tests hand in a scripted fake. */
export interface MqttConnection {
  on(event: "connect", listener: () => void): unknown;
  on(event: "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(
    event: "message",
    listener: (topic: string, payload: Buffer, packet: { readonly retain: boolean }) => void,
  ): unknown;
  subscribe(topics: string[], options: { qos: 0 | 1 | 2 }, callback: (error: Error | null) => void): unknown;
  publish(
    topic: string,
    payload: string,
    options: { qos: 0 | 1 | 2; retain: boolean },
    // mqtt.js passes null, not undefined, on success despite its typings.
    callback: (error?: Error | null) => void,
  ): unknown;
  end(force: boolean, callback: () => void): unknown;
  removeAllListeners(): unknown;
}

export type MqttConnect = (url: string, options: IClientOptions) => MqttConnection;

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export const AVAILABILITY_ONLINE = "online";
export const AVAILABILITY_OFFLINE = "offline";

const noop = (): void => {};

export class MqttSignalClient {
  readonly stateTopic: string;
  readonly availabilityTopic: string;
  readonly config: ResolvedMqttSignalsConfig;
  private readonly clock: Clock;
  private readonly connectFn: MqttConnect;
  private readonly cells = new Map<MqttQuantity, SignalCell<number>>();
  private readonly quantityByTopic = new Map<string, MqttQuantity>();
  private readonly backoff: ReconnectBackoff;
  private connection: MqttConnection | undefined;
  private state: LinkState = "idle";
  private running = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private pendingState: string | undefined;
  private linkError: string | undefined;

  /** Throws on an invalid configuration (a startup error, never a runtime one). */
  constructor(config: MqttSignalsConfig, deps: { clock: Clock; connect?: MqttConnect }) {
    this.config = mqttSignalsSchema.parse(config);
    this.clock = deps.clock;
    this.connectFn = deps.connect ?? ((url, options) => mqtt.connect(url, options));
    this.stateTopic = stateTopic(this.config.topicPrefix);
    this.availabilityTopic = availabilityTopic(this.config.topicPrefix);
    this.backoff = new ReconnectBackoff(this.config.backoff);
    const link = () => this.link();
    for (const quantity of MQTT_QUANTITIES) {
      const topic = this.config.topics[quantity];
      if (topic === undefined) continue;
      this.quantityByTopic.set(topic, quantity);
      this.cells.set(
        quantity,
        new SignalCell<number>(`mqtt:${topic}`, maxAgeFor(this.config, quantity), link),
      );
    }
  }

  /** The reader of a configured quantity; undefined when no topic is configured for it. */
  reader(quantity: MqttQuantity): SignalReader<number> | undefined {
    return this.cells.get(quantity);
  }

  link(): LinkStatus {
    return {
      state: this.state,
      failedAttempts: this.backoff.failedAttempts,
      nextAttemptAtMs: this.state === "backoff" ? this.backoff.nextAttemptAtMs : undefined,
      linkError: this.linkError,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Publishes "offline", disconnects cleanly (so the broker does not also send the will) and stops reconnecting. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const connection = this.connection;
    const wasConnected = this.state === "connected";
    this.connection = undefined;
    this.state = "stopped";
    if (connection === undefined) return;
    if (wasConnected) await this.publishOn(connection, this.availabilityTopic, AVAILABILITY_OFFLINE);
    await withTimeout(
      new Promise<void>((resolve) => connection.end(false, resolve)),
      this.config.connectTimeoutMs,
      () => {
        connection.end(true, noop);
      },
    );
    retire(connection);
  }

  /**
   * Publishes the site state as retained JSON on <prefix>/state, with "ts" added. While disconnected the newest state
   * is kept and sent on reconnect. Resolves true once the broker acknowledged it; never rejects.
   */
  publishState(state: Readonly<Record<string, JsonValue>>): Promise<boolean> {
    this.pendingState = JSON.stringify({ ...state, ts: new Date(this.clock.nowMs()).toISOString() });
    return this.flushState();
  }

  private connect(): void {
    this.state = "connecting";
    const options: IClientOptions = {
      reconnectPeriod: 0,
      connectTimeout: this.config.connectTimeoutMs,
      keepalive: this.config.keepaliveS,
      clean: true,
      resubscribe: false,
      will: {
        topic: this.availabilityTopic,
        payload: Buffer.from(AVAILABILITY_OFFLINE),
        qos: 1,
        retain: true,
      },
      ...(this.config.clientId === undefined ? {} : { clientId: this.config.clientId }),
      ...(this.config.username === undefined ? {} : { username: this.config.username }),
      ...(this.config.password === undefined ? {} : { password: this.config.password }),
    };
    let connection: MqttConnection;
    try {
      connection = this.connectFn(this.config.url, options);
    } catch (e) {
      // mqtt.js throws synchronously for a URL it cannot use; treat it like any failed attempt.
      this.linkError = `mqtt ${this.config.url}: ${e instanceof Error ? e.message : String(e)}`;
      this.scheduleReconnect();
      return;
    }
    this.connection = connection;
    let attemptError: string | undefined;
    connection.on("error", (error) => {
      attemptError = `mqtt ${this.config.url}: ${error.message}`;
      if (connection === this.connection) this.linkError = attemptError;
    });
    connection.on("connect", () => {
      if (connection !== this.connection) return;
      attemptError = undefined;
      this.backoff.succeed();
      this.state = "connected";
      this.onConnected(connection);
    });
    connection.on("message", (topic, payload, packet) => this.onMessage(topic, payload, packet.retain));
    connection.on("close", () => {
      if (connection !== this.connection) return;
      this.connection = undefined;
      retire(connection);
      connection.end(true, noop);
      this.linkError = attemptError ?? `mqtt ${this.config.url}: connection closed`;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (!this.running) {
      this.state = "stopped";
      return;
    }
    const delayMs = this.backoff.fail(this.clock.nowMs());
    this.state = "backoff";
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) this.connect();
    }, delayMs);
  }

  private onConnected(connection: MqttConnection): void {
    const topics = [...this.quantityByTopic.keys()];
    if (topics.length > 0) {
      connection.subscribe(topics, { qos: 1 }, (error) => {
        if (error !== null && error !== undefined)
          this.linkError = `mqtt ${this.config.url}: subscribe failed: ${error.message}`;
      });
    }
    void this.publishOn(connection, this.availabilityTopic, AVAILABILITY_ONLINE);
    void this.flushState();
  }

  private onMessage(topic: string, payload: Buffer, retained: boolean): void {
    const quantity = this.quantityByTopic.get(topic);
    const cell = quantity === undefined ? undefined : this.cells.get(quantity);
    if (quantity === undefined || cell === undefined) return;
    const nowMs = this.clock.nowMs();
    const parsed = parseSignalPayload(topic, payload, quantity, nowMs);
    if (!parsed.ok) {
      cell.reject(parsed.error, nowMs);
      return;
    }
    if (retained && !parsed.timestamped) {
      // The broker may have held this value for hours; without "ts" its age is unknown, so it must not count as fresh.
      cell.reject(
        `mqtt topic "${topic}" (${quantity}): retained value ${parsed.value} without "ts" has an unknown age; ` +
          "waiting for a live update",
        nowMs,
      );
      return;
    }
    cell.accept(parsed.value, parsed.atMs);
  }

  private flushState(): Promise<boolean> {
    const connection = this.connection;
    const payload = this.pendingState;
    if (connection === undefined || this.state !== "connected" || payload === undefined)
      return Promise.resolve(false);
    return this.publishOn(connection, this.stateTopic, payload).then((ok) => {
      if (ok && this.pendingState === payload) this.pendingState = undefined;
      return ok;
    });
  }

  /** Retained, QoS 1. Resolves false on error or when no acknowledgement arrives within the connect timeout. */
  private publishOn(connection: MqttConnection, topic: string, payload: string): Promise<boolean> {
    return withTimeout(
      new Promise<boolean>((resolve) => {
        try {
          connection.publish(topic, payload, { qos: 1, retain: true }, (error) => {
            const failed = error !== undefined && error !== null;
            if (failed)
              this.linkError = `mqtt ${this.config.url}: publish to ${topic} failed: ${error.message}`;
            resolve(!failed);
          });
        } catch (e) {
          this.linkError = `mqtt ${this.config.url}: publish to ${topic} failed: ${e instanceof Error ? e.message : String(e)}`;
          resolve(false);
        }
      }),
      this.config.connectTimeoutMs,
      () => false,
    );
  }
}

/** A connection that is no longer ours: drop our listeners, keep one so that a late error cannot be thrown. */
function retire(connection: MqttConnection): void {
  connection.removeAllListeners();
  connection.on("error", noop);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
