import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits, URL- and cookie-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Compares without leaking, through timing, how much of a secret matched. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

/** API tokens read "gm_<id>_<secret>": the id finds the row, the secret's hash must match. */
export function formatApiToken(id: string, secret: string): string {
  return `gm_${id}_${secret}`;
}

export function parseApiToken(token: string): { id: string; secret: string } | undefined {
  const m = /^gm_([a-z0-9]{8,32})_([A-Za-z0-9_-]{20,100})$/.exec(token);
  return m?.[1] && m[2] ? { id: m[1], secret: m[2] } : undefined;
}

export function newTokenId(): string {
  return randomBytes(6).toString("hex");
}
