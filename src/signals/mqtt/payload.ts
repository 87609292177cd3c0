// Payloads of the signal topics: a plain number in the quantity's base unit ("4500000"), or JSON
// {"value": 4.5, "unit": "MW", "ts": "2026-11-25T10:00:00+09:00"}. Every rejection names the topic.
import { isPlausibleFrequencyHz, PLAUSIBLE_FREQUENCY_HZ } from "../frequency/sample.js";

/** What the site can be told over MQTT. Powers are site power at the grid connection, import positive. */
export type MqttQuantity = "setpointW" | "importLimitW" | "surplusW" | "frequencyHz";

export const MQTT_QUANTITIES: readonly MqttQuantity[] = [
  "setpointW",
  "importLimitW",
  "surplusW",
  "frequencyHz",
];

const POWER_UNIT_FACTORS: Readonly<Record<string, number>> = { W: 1, kW: 1_000, MW: 1_000_000 };
const FREQUENCY_UNIT_FACTORS: Readonly<Record<string, number>> = { Hz: 1 };

function unitsOf(quantity: MqttQuantity): Readonly<Record<string, number>> {
  return quantity === "frequencyHz" ? FREQUENCY_UNIT_FACTORS : POWER_UNIT_FACTORS;
}

/** Larger payloads are not a number and are refused before parsing. */
export const MAX_PAYLOAD_BYTES = 4096;

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** ISO 8601 with an explicit offset: a timestamp without one would be read in whatever zone the host is set to. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type ParsedPayload =
  | {
      readonly ok: true;
      /** In the quantity's base unit (W or Hz). */
      readonly value: number;
      readonly atMs: number;
      /** True when the publisher sent "ts"; false when the time is the moment of receipt. */
      readonly timestamped: boolean;
    }
  | { readonly ok: false; readonly error: string };

export function parseSignalPayload(
  topic: string,
  payload: Uint8Array | string,
  quantity: MqttQuantity,
  receivedAtMs: number,
): ParsedPayload {
  const fail = (why: string): ParsedPayload => ({
    ok: false,
    error: `mqtt topic "${topic}" (${quantity}): ${why}`,
  });
  const size = typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > MAX_PAYLOAD_BYTES) return fail(`payload of ${size} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  let text: string;
  try {
    text = typeof payload === "string" ? payload : new TextDecoder("utf-8", { fatal: true }).decode(payload);
  } catch {
    return fail("payload is not UTF-8 text");
  }
  const trimmed = text.trim();
  const units = unitsOf(quantity);
  const expected = Object.keys(units).join(", ");

  let raw: number;
  let factor = 1;
  let atMs = receivedAtMs;
  let timestamped = false;
  if (PLAIN_NUMBER.test(trimmed)) {
    raw = Number(trimmed);
  } else if (trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return fail(`payload ${preview(trimmed)} is neither a number nor valid JSON`);
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      return fail("JSON payload is not an object");
    const { value, unit, ts } = json as Record<string, unknown>;
    if (typeof value !== "number")
      return fail(`"value" must be a number, got ${preview(JSON.stringify(value))}`);
    raw = value;
    if (unit !== undefined) {
      if (typeof unit !== "string") return fail(`"unit" must be a string (${expected})`);
      const f = units[unit];
      if (f === undefined) return fail(`unknown unit "${unit}" (expected ${expected})`);
      factor = f;
    }
    if (ts !== undefined) {
      const parsed = typeof ts === "string" && ISO_WITH_OFFSET.test(ts) ? Date.parse(ts) : Number.NaN;
      if (Number.isNaN(parsed)) {
        return fail(
          `"ts" must be an ISO 8601 time with an offset, e.g. 2026-11-25T10:00:00+09:00; got ${preview(String(ts))}`,
        );
      }
      // A clock running ahead at the publisher must not make a value look fresher than the moment it arrived.
      atMs = Math.min(parsed, receivedAtMs);
      timestamped = true;
    }
  } else {
    return fail(`payload ${preview(trimmed)} is neither a number nor a JSON object`);
  }

  if (!Number.isFinite(raw)) return fail(`value ${raw} is not finite`);
  // 1.1 kW × 1000 is 1100.0000000000002 in binary floating point; a milliwatt is far below any meter's resolution.
  const value = factor === 1 ? raw : Math.round(raw * factor * 1000) / 1000;
  if (quantity === "frequencyHz") {
    if (!isPlausibleFrequencyHz(value)) {
      return fail(`${value} Hz is outside ${PLAUSIBLE_FREQUENCY_HZ.min}..${PLAUSIBLE_FREQUENCY_HZ.max} Hz`);
    }
  } else if (value < 0) {
    return fail(`${value} W is negative; ${quantity} is a site draw or allowance and cannot be`);
  }
  return { ok: true, value, atMs, timestamped };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return JSON.stringify(oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine);
}
