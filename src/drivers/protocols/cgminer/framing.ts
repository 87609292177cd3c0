import { DriverError } from "../../../domain/errors.js";
import { looksLikeTextReply, textReplyToObject } from "./text-reply.js";

/** A decoded cgminer reply: `{ STATUS: [...], <SECTION>: [...], id: 1 }`. Shapes are checked by the reader. */
export type CgminerReply = Record<string, unknown>;

export interface DecodeContext {
  host: string;
  command?: string;
}

// Repairs observed in the wild (pyasic `_load_api_data` collects the same list): a trailing NUL after every reply;
// bare `inf`/`nan` printed by `%f` on a division by zero; quoted "inf"/"nan"; a reply that begins with a stray comma
// (`,"id":1}`); trailing commas and `}{` without a comma inside arrays (bmminer); raw newlines inside strings
// (Canaan `setpool` messages); several objects back to back. A reply that ends early is NOT repaired: cutting it at
// the last comma, as some clients do, would silently drop fields.
const NON_FINITE_RE = /-?(?:infinity|inf|nan)(?![A-Za-z0-9_])/iy;

export function decodeReply(bytes: Uint8Array | string, ctx: DecodeContext): CgminerReply {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  const chunks = text
    .split("\0")
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (chunks.length === 0) throw fail("malformed", ctx, "empty reply");
  const decoded = chunks.flatMap((chunk) => decodeChunk(chunk, ctx));
  // Back-to-back objects: the first one wins on a key clash, later ones only add keys.
  return Object.assign({}, ...decoded.reverse()) as CgminerReply;
}

/** First bytes of a reply, escaped, for messages about peers that are not cgminer. */
export function previewBytes(bytes: Uint8Array | string, max = 48): string {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("latin1");
  const head = text.slice(0, max);
  return JSON.stringify(head) + (text.length > max ? "…" : "");
}

function decodeChunk(chunk: string, ctx: DecodeContext): CgminerReply[] {
  if (/^HTTP\/\d/.test(chunk)) {
    throw fail("unsupported", ctx, `an HTTP server answered, not a cgminer API: ${previewBytes(chunk)}`);
  }
  if (chunk.startsWith("<")) {
    throw fail("unsupported", ctx, `an HTML/XML page came back, not a cgminer API: ${previewBytes(chunk)}`);
  }
  if (looksLikeTextReply(chunk)) return [textReplyToObject(chunk)];
  const body = chunk.startsWith(",") ? `{${chunk.slice(1)}` : chunk;
  if (!body.startsWith("{")) {
    throw fail("malformed", ctx, `not a cgminer reply (neither JSON nor text form): ${previewBytes(chunk)}`);
  }
  const repaired = repairJson(body);
  if (repaired.truncated) {
    throw fail(
      "malformed",
      ctx,
      `truncated JSON (${body.length} bytes, ends ${previewBytes(body.slice(-32))}): the reply stopped mid-object`,
    );
  }
  if (repaired.trailing.trim() !== "") {
    throw fail(
      "malformed",
      ctx,
      `unexpected bytes after the JSON object: ${previewBytes(repaired.trailing)}`,
    );
  }
  return repaired.objects.map((json) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw fail("malformed", ctx, `invalid JSON (${(e as Error).message}): ${previewBytes(json)}`, e);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw fail("unsupported", ctx, `reply is JSON but not an object: ${previewBytes(json)}`);
    }
    return replaceNonFiniteStrings(value) as CgminerReply;
  });
}

interface Repaired {
  objects: string[];
  truncated: boolean;
  trailing: string;
}

// One pass over the text, tracking strings and nesting, so that repairs never touch the inside of a string value.
function repairJson(text: string): Repaired {
  const objects: string[] = [];
  const stack: string[] = [];
  let out = "";
  let inString = false;
  let escaped = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      out += c < " " ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
      i++;
      continue;
    }
    if (stack.length === 0 && c !== "{") {
      // Between top-level objects only separators may appear.
      if (c === "," || /\s/.test(c)) {
        i++;
        continue;
      }
      return { objects, truncated: false, trailing: text.slice(i) };
    }
    NON_FINITE_RE.lastIndex = i;
    const nonFinite = c === "-" || /[A-Za-z]/.test(c) ? NON_FINITE_RE.exec(text) : null;
    if (nonFinite !== null) {
      out += "null";
      i += nonFinite[0].length;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "{" || c === "[") {
      if (c === "{" && lastSignificant(out) === "}" && stack[stack.length - 1] === "[") out += ",";
      stack.push(c);
      out += c;
    } else if (c === "}" || c === "]") {
      stack.pop();
      out = dropTrailingComma(out) + c;
      if (stack.length === 0) {
        objects.push(out);
        out = "";
      }
    } else if (c === ",") {
      const prev = lastSignificant(out);
      if (prev !== "[" && prev !== "{" && prev !== ",") out += c;
    } else {
      out += c;
    }
    i++;
  }
  return { objects, truncated: stack.length > 0 || inString, trailing: "" };
}

function lastSignificant(s: string): string | undefined {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i] as string;
    if (!/\s/.test(c)) return c;
  }
  return undefined;
}

function dropTrailingComma(s: string): string {
  const trimmed = s.trimEnd();
  return trimmed.endsWith(",") ? trimmed.slice(0, -1) : s;
}

function replaceNonFiniteStrings(value: unknown): unknown {
  if (typeof value === "string") return /^-?(?:inf|infinity|nan)$/i.test(value) ? null : value;
  if (Array.isArray(value)) return value.map(replaceNonFiniteStrings);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceNonFiniteStrings(v);
    return out;
  }
  return value;
}

function fail(
  kind: "malformed" | "unsupported",
  ctx: DecodeContext,
  why: string,
  cause?: unknown,
): DriverError {
  const what = ctx.command === undefined ? "reply" : `reply to ${ctx.command}`;
  return new DriverError(kind, `${ctx.host}: ${what}: ${why}`, {
    host: ctx.host,
    field: "reply",
    ...(cause === undefined ? {} : { cause }),
  });
}
