// The two cookie operations the session needs; a dependency for them would bring more than it saves.

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeS: number;
  secure: boolean;
}

/** HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it). Value MUST be base64url. */
export function sessionCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.floor(o.maxAgeS))}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}
