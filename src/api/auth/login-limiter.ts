// Failed-login budget: `perKey` failures per window for one username from one address, and `perAddress` for one
// address across usernames (password spraying). Checked before the password is, so a blocked caller learns nothing.
export interface LoginLimits {
  windowMs: number;
  perKey: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perKey: 5, perAddress: 20 };

/** Bounds memory under a flood of distinct names; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly limits: LoginLimits;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.limits = limits;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterS(username: string, address: string, nowMs: number): number {
    const key = this.recent(`u:${username}|${address}`, nowMs);
    const addr = this.recent(`a:${address}`, nowMs);
    let untilMs = 0;
    if (key.length >= this.limits.perKey)
      untilMs = Math.max(untilMs, (key[key.length - this.limits.perKey] ?? 0) + this.limits.windowMs);
    if (addr.length >= this.limits.perAddress)
      untilMs = Math.max(untilMs, (addr[addr.length - this.limits.perAddress] ?? 0) + this.limits.windowMs);
    return untilMs > nowMs ? Math.ceil((untilMs - nowMs) / 1000) : 0;
  }

  fail(username: string, address: string, nowMs: number): void {
    for (const k of [`u:${username}|${address}`, `a:${address}`]) {
      const list = this.recent(k, nowMs);
      list.push(nowMs);
      this.failures.delete(k);
      this.failures.set(k, list);
    }
    while (this.failures.size > MAX_ENTRIES) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  succeed(username: string, address: string): void {
    this.failures.delete(`u:${username}|${address}`);
  }

  private recent(key: string, nowMs: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.limits.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
