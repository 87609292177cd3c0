import { endpointLabel, type MinerEndpoint } from "../../../domain/driver.js";

export const DEFAULT_MAX_IN_FLIGHT = 64;

export interface SchedulerOptions {
  /** Upper bound on requests in flight across all endpoints (sockets, file descriptors, switch load). */
  maxInFlight?: number;
}

// Present in the map while a request for the endpoint is running; holds the turns of those waiting behind it.
interface EndpointQueue {
  waiting: Array<() => void>;
}

/**
 * Canaan's API is single-threaded ("does not support concurrency … wait for the API command finish"), so each
 * host:port gets a FIFO queue with at most one request in flight. A global semaphore bounds the whole fleet.
 * A request takes its endpoint turn first and a global slot second, so waiting on a busy miner never holds a slot.
 */
export class CgminerScheduler {
  readonly maxInFlight: number;
  private readonly queues = new Map<string, EndpointQueue>();
  private readonly slotWaiters: Array<() => void> = [];
  private active = 0;
  private pending = 0;

  constructor(opts: SchedulerOptions = {}) {
    const max = opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`maxInFlight must be a positive integer: ${max}`);
    this.maxInFlight = max;
  }

  /** Requests currently holding a global slot. */
  get inFlight(): number {
    return this.active;
  }

  /** Requests accepted but not yet running. */
  get queued(): number {
    return this.pending;
  }

  async run<T>(endpoint: MinerEndpoint, task: () => Promise<T>): Promise<T> {
    const key = endpointLabel(endpoint);
    this.pending++;
    await this.takeEndpointTurn(key);
    try {
      await this.takeSlot();
      this.pending--;
      try {
        return await task();
      } finally {
        this.releaseSlot();
      }
    } finally {
      this.releaseEndpointTurn(key);
    }
  }

  private takeEndpointTurn(key: string): Promise<void> {
    const q = this.queues.get(key);
    if (q === undefined) {
      this.queues.set(key, { waiting: [] });
      return Promise.resolve();
    }
    return new Promise((resolve) => q.waiting.push(resolve));
  }

  private releaseEndpointTurn(key: string): void {
    const q = this.queues.get(key);
    if (q === undefined) return;
    const next = q.waiting.shift();
    if (next !== undefined) next();
    else this.queues.delete(key);
  }

  private takeSlot(): Promise<void> {
    if (this.active < this.maxInFlight) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.slotWaiters.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  private releaseSlot(): void {
    this.active--;
    this.slotWaiters.shift()?.();
  }
}
