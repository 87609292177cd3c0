// Configuration of the MQTT signal link, as a strict schema that the site config can embed.
import { z } from "zod";
import type { BackoffPolicy } from "../source.js";
import type { MqttQuantity } from "./payload.js";

/**
 * How old a value may be before it reads stale. Frequency matches the dispatcher's default limit; powers assume the
 * publisher repeats its value at least every few seconds, and an import limit changes rarely.
 */
export const DEFAULT_MAX_AGE_MS: Readonly<Record<MqttQuantity, number>> = {
  setpointW: 60_000,
  importLimitW: 900_000,
  surplusW: 60_000,
  frequencyHz: 5_000,
};

export const MQTT_DEFAULTS = {
  connectTimeoutMs: 5_000,
  keepaliveS: 30,
  backoff: { initialMs: 1_000, maxMs: 60_000, factor: 2 } satisfies BackoffPolicy,
} as const;

const topicName = z
  .string()
  .min(1)
  .refine((t) => !/[+#\0]/.test(t), "must be a plain topic: no + or # wildcards, no NUL");

const maxAge = z.number().positive();

export const mqttSignalsSchema = z.strictObject({
  url: z
    .string()
    .regex(/^mqtts?:\/\//, "must start with mqtt:// or mqtts://")
    .describe("Broker, e.g. mqtt://127.0.0.1:1883"),
  clientId: z.string().min(1).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  topicPrefix: topicName.describe("State goes to <prefix>/state, availability to <prefix>/availability"),
  topics: z
    .strictObject({
      setpointW: topicName.optional(),
      importLimitW: topicName.optional(),
      surplusW: topicName.optional(),
      frequencyHz: topicName.optional(),
    })
    .refine(
      (t) => new Set(Object.values(t)).size === Object.values(t).length,
      "each topic may feed one quantity only",
    ),
  maxAgeMs: z
    .strictObject({
      setpointW: maxAge.optional(),
      importLimitW: maxAge.optional(),
      surplusW: maxAge.optional(),
      frequencyHz: maxAge.optional(),
    })
    .default({}),
  connectTimeoutMs: z.number().positive().default(MQTT_DEFAULTS.connectTimeoutMs),
  keepaliveS: z.number().int().min(0).default(MQTT_DEFAULTS.keepaliveS),
  backoff: z
    .strictObject({
      initialMs: z.number().positive(),
      maxMs: z.number().positive(),
      factor: z.number().min(1).optional(),
    })
    .refine((b) => b.maxMs >= b.initialMs, "maxMs must be >= initialMs")
    .default(MQTT_DEFAULTS.backoff),
});

/** As written in the site config; defaults not yet applied. */
export type MqttSignalsConfig = z.input<typeof mqttSignalsSchema>;
export type ResolvedMqttSignalsConfig = z.output<typeof mqttSignalsSchema>;

export function stateTopic(prefix: string): string {
  return `${prefix}/state`;
}

export function availabilityTopic(prefix: string): string {
  return `${prefix}/availability`;
}

export function maxAgeFor(config: ResolvedMqttSignalsConfig, quantity: MqttQuantity): number {
  return config.maxAgeMs[quantity] ?? DEFAULT_MAX_AGE_MS[quantity];
}
