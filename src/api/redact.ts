// Configuration as the API shows it: every credential replaced, URLs without their password.
import { redactUrl } from "../store/open-store.js";

const SECRET_KEY = /pass(word)?|secret|token|credential|private|apikey|api_key/i;

export function redactConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactConfig);
  if (value === null || typeof value !== "object") {
    return typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)
      ? redactUrl(value)
      : value;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) && v !== undefined && v !== null ? "[redacted]" : redactConfig(v),
    ]),
  );
}
