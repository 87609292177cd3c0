// The common face of every live input the control loop reads (a meter quantity, an MQTT topic, a frequency feed):
// the newest good value with its age, the newest error, and whether the loop may still act on the value.
// Adapters never throw into the loop; everything that goes wrong shows up here.
import type { Reading } from "../domain/reading.js";

export interface TimedValue<T> {
  readonly value: T;
  /** When the value was true at the source (its own timestamp when it sends one, else when it was read). */
  readonly atMs: number;
}

/** "backoff": the last attempt failed and the next one waits until nextAttemptAtMs. */
export type LinkState = "idle" | "connecting" | "connected" | "backoff" | "stopped";

export interface LinkStatus {
  readonly state: LinkState;
  /** Failed attempts since the last success; 0 while connected. */
  readonly failedAttempts: number;
  readonly nextAttemptAtMs: number | undefined;
  /** Why the connection last failed or ended; kept after reconnecting, for the log. */
  readonly linkError: string | undefined;
}

export interface SignalStatus extends LinkStatus {
  readonly name: string;
  readonly stale: boolean;
  /** Age of the last good value; undefined before the first. */
  readonly ageMs: number | undefined;
  readonly lastError: string | undefined;
  readonly lastErrorAtMs: number | undefined;
}

/** What the control loop reads each tick. */
export interface SignalReader<T> {
  readonly name: string;
  /** The newest good value; kept through later errors so that logs can show what was last known. */
  lastValue(): TimedValue<T> | undefined;
  ageMs(nowMs: number): number | undefined;
  /** True unless the newest update was good and is at most maxAgeMs old: the loop must not act on a stale value. */
  isStale(nowMs: number): boolean;
  /** The newest error, even after later good values (see status().lastErrorAtMs for when). */
  lastError(): string | undefined;
  /** For the SiteSnapshot: ok while the newest update was good, else the error with lastGood; undefined before any. */
  reading(): Reading<T> | undefined;
  status(nowMs: number): SignalStatus;
}

/** A reader that owns its connection or timer. */
export interface SignalSource<T> extends SignalReader<T> {
  /** Begins polling or subscribing. Never throws: failures show in status(). Calling it twice is harmless. */
  start(): void;
  /** Stops timers and closes connections; resolves when nothing of the source is left running. */
  stop(): Promise<void>;
}

const IDLE: LinkStatus = {
  state: "idle",
  failedAttempts: 0,
  nextAttemptAtMs: undefined,
  linkError: undefined,
};

/** Bookkeeping shared by every adapter: newest good value, newest error, and which of the two came last. */
export class SignalCell<T> implements SignalReader<T> {
  readonly name: string;
  readonly maxAgeMs: number;
  private readonly link: () => LinkStatus;
  private good: TimedValue<T> | undefined;
  private error: { readonly message: string; readonly atMs: number } | undefined;
  private failing = false;

  constructor(name: string, maxAgeMs: number, link: () => LinkStatus = () => IDLE) {
    if (!(maxAgeMs > 0)) throw new RangeError(`${name}: maxAgeMs must be > 0, got ${maxAgeMs}`);
    this.name = name;
    this.maxAgeMs = maxAgeMs;
    this.link = link;
  }

  /**
   * Records a good value. A value older than the one held is ignored (returns false): a delayed message must not
   * replace a newer one.
   */
  accept(value: T, atMs: number): boolean {
    if (this.good !== undefined && atMs < this.good.atMs) return false;
    this.good = { value, atMs };
    this.failing = false;
    return true;
  }

  /** Records a failure; the last good value is kept for the log but the signal reads as failed until the next good one. */
  reject(message: string, atMs: number): void {
    this.error = { message, atMs };
    this.failing = true;
  }

  lastValue(): TimedValue<T> | undefined {
    return this.good;
  }

  ageMs(nowMs: number): number | undefined {
    return this.good === undefined ? undefined : Math.max(0, nowMs - this.good.atMs);
  }

  isStale(nowMs: number): boolean {
    const age = this.ageMs(nowMs);
    return this.failing || age === undefined || age > this.maxAgeMs;
  }

  lastError(): string | undefined {
    return this.error?.message;
  }

  reading(): Reading<T> | undefined {
    if (this.failing && this.error !== undefined) {
      return this.good === undefined
        ? { ok: false, error: this.error.message, atMs: this.error.atMs }
        : { ok: false, error: this.error.message, atMs: this.error.atMs, lastGood: this.good };
    }
    return this.good === undefined ? undefined : { ok: true, value: this.good.value, atMs: this.good.atMs };
  }

  status(nowMs: number): SignalStatus {
    return {
      ...this.link(),
      name: this.name,
      stale: this.isStale(nowMs),
      ageMs: this.ageMs(nowMs),
      lastError: this.error?.message,
      lastErrorAtMs: this.error?.atMs,
    };
  }
}

/** Exponential backoff between connection attempts: initialMs after the first failure, doubling up to maxMs. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Growth per failed attempt; default 2. */
  readonly factor?: number | undefined;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Delay after the n-th consecutive failure (n ≥ 1). */
export function backoffDelayMs(failedAttempts: number, policy: BackoffPolicy): number {
  const n = Math.max(1, failedAttempts);
  // Capped before the power overflows: 2^1024 is Infinity, and Infinity * 0 would be NaN.
  const exponent = Math.min(n - 1, 64);
  return Math.min(policy.maxMs, policy.initialMs * (policy.factor ?? 2) ** exponent);
}

/** Tracks consecutive failures and when the next attempt may run. Time comes from the caller. */
export class ReconnectBackoff {
  readonly policy: BackoffPolicy;
  private failures = 0;
  private nextAtMs: number | undefined;

  constructor(policy: BackoffPolicy = DEFAULT_BACKOFF) {
    if (!(policy.initialMs > 0) || !(policy.maxMs >= policy.initialMs) || !((policy.factor ?? 2) >= 1)) {
      throw new RangeError(
        `backoff needs 0 < initialMs <= maxMs and factor >= 1, got ${JSON.stringify(policy)}`,
      );
    }
    this.policy = policy;
  }

  get failedAttempts(): number {
    return this.failures;
  }

  get nextAttemptAtMs(): number | undefined {
    return this.nextAtMs;
  }

  /** Records a failed attempt (or a broken connection) and returns the delay before the next one. */
  fail(nowMs: number): number {
    this.failures += 1;
    const delayMs = backoffDelayMs(this.failures, this.policy);
    this.nextAtMs = nowMs + delayMs;
    return delayMs;
  }

  succeed(): void {
    this.failures = 0;
    this.nextAtMs = undefined;
  }

  /** Milliseconds until the next attempt may run; 0 when it may run now. */
  waitMs(nowMs: number): number {
    return this.nextAtMs === undefined ? 0 : Math.max(0, this.nextAtMs - nowMs);
  }
}
