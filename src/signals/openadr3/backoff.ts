// Retry with exponential backoff and jitter, for requests whose failure is likely passing (network, 5xx, timeouts).

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  /** Fraction of the delay drawn at random either way, so that many VENs do not retry in step. */
  readonly jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.2,
};

/** Delay before retry number `retry` (1 = the first retry). `random` is uniform in [0, 1). */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, retry - 1));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base + spread));
}

export type Sleep = (ms: number) => Promise<void>;

/** Waits ms, or less when `signal` aborts first (a stopping owner does not sit out a 30 s backoff). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

export const realSleep: Sleep = (ms) => abortableSleep(ms);

/** Outcome of one try: done (stop with this value) or retry (try again after backoff, unless out of tries). */
export type Attempt<T> = { readonly done: T } | { readonly retry: T };

/** Runs `attempt` until it is done or the policy's tries are used up; returns the last value. Never throws. */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<Attempt<T>>,
  deps: { readonly sleep: Sleep; readonly random: () => number },
): Promise<T> {
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if ("done" in result) return result.done;
    if (n >= policy.maxAttempts) return result.retry;
    await deps.sleep(backoffDelayMs(policy, n, deps.random));
  }
}
