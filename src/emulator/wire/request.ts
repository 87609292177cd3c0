import { CODE } from "./reply.js";

export type ParsedRequest =
  | { ok: true; json: boolean; command: string; parameter: string | null }
  | {
      ok: false;
      json: true;
      code: typeof CODE.INVALID_JSON | typeof CODE.MISSING_COMMAND | typeof CODE.INVALID_COMMAND;
    };

/**
 * Reads a request the way Canaan's api.c does: JSON iff the first byte is `{` (`command` plus an optional string,
 * integer or real `parameter`), otherwise text `cmd|param` split at the first `|`. Nothing is trimmed: a text
 * command with a trailing newline is an unknown command on the real firmware too.
 */
export function parseRequest(bytes: Buffer): ParsedRequest {
  const nul = bytes.indexOf(0);
  const text = (nul >= 0 ? bytes.subarray(0, nul) : bytes).toString("utf8");
  if (!text.startsWith("{")) {
    const bar = text.indexOf("|");
    return bar < 0
      ? { ok: true, json: false, command: text, parameter: null }
      : { ok: true, json: false, command: text.slice(0, bar), parameter: text.slice(bar + 1) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, json: true, code: CODE.INVALID_JSON };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, json: true, code: CODE.INVALID_JSON };
  }
  const obj = value as Record<string, unknown>;
  if (!("command" in obj)) return { ok: false, json: true, code: CODE.MISSING_COMMAND };
  const command = obj.command;
  if (typeof command !== "string") return { ok: false, json: true, code: CODE.INVALID_COMMAND };
  const p = obj.parameter;
  let parameter: string | null = null;
  if (typeof p === "string") parameter = p;
  else if (typeof p === "number" && Number.isFinite(p)) {
    parameter = Number.isInteger(p) ? String(p | 0) : p.toFixed(6);
  }
  return { ok: true, json: true, command, parameter };
}
