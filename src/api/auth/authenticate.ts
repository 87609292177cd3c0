// Resolves the caller from a Bearer API token or the session cookie. Disabled users, revoked or expired tokens and
// expired sessions are anonymous.
import type { Clock } from "../../domain/clock.js";
import type { Store } from "../../store/store.js";
import { readCookie } from "../http/cookies.js";
import { HttpError } from "../http/errors.js";
import type { Principal } from "./principal.js";
import { parseApiToken, sameSecret, sha256Hex } from "./secrets.js";

export const SESSION_COOKIE = "gm_session";

/** Token use is recorded at most this often, so a busy scraper does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export async function authenticate(
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  store: Store,
  clock: Clock,
): Promise<Principal | undefined> {
  const nowMs = clock.nowMs();
  const auth = headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const parsed = m?.[1] === undefined ? undefined : parseApiToken(m[1]);
    // A malformed or unknown token is an error, not a silent fallback to the cookie.
    const invalid = new HttpError(401, "invalid, revoked or expired API token", {
      headers: { "www-authenticate": 'Bearer error="invalid_token"' },
    });
    if (!parsed) throw invalid;
    const t = await store.tokens.get(parsed.id);
    if (!t || t.revokedAtMs !== null || (t.expiresAtMs !== null && t.expiresAtMs <= nowMs)) throw invalid;
    if (!sameSecret(t.secretHash, sha256Hex(parsed.secret))) throw invalid;
    if (t.lastUsedAtMs === null || nowMs - t.lastUsedAtMs > TOUCH_EVERY_MS)
      await store.tokens.touch(t.id, nowMs);
    return { kind: "token", name: `token:${t.id}`, role: t.role };
  }
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  if (cookie === undefined || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return undefined;
  const idHash = sha256Hex(cookie);
  const session = await store.sessions.get(idHash);
  if (!session || session.expiresAtMs <= nowMs) return undefined;
  const user = await store.users.get(session.username);
  if (!user || user.disabledAtMs !== null) return undefined;
  return { kind: "user", name: user.username, role: user.role, sessionHash: idHash };
}
