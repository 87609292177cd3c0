export {
  AVAILABILITY_OFFLINE,
  AVAILABILITY_ONLINE,
  type JsonValue,
  type MqttConnect,
  type MqttConnection,
  MqttSignalClient,
} from "./client.js";
export {
  availabilityTopic,
  DEFAULT_MAX_AGE_MS,
  MQTT_DEFAULTS,
  type MqttSignalsConfig,
  mqttSignalsSchema,
  type ResolvedMqttSignalsConfig,
  stateTopic,
} from "./config.js";
export {
  MAX_PAYLOAD_BYTES,
  MQTT_QUANTITIES,
  type MqttQuantity,
  type ParsedPayload,
  parseSignalPayload,
} from "./payload.js";
