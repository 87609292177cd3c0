// A Modbus TCP client that connects on demand, runs one read at a time, and after a broken connection waits an
// exponentially growing, capped delay before the next attempt. Reads never hang past their timeout and never throw
// synchronously; every failure is a DriverError.
import type { Clock } from "../../../domain/clock.js";
import { DriverError } from "../../../domain/errors.js";
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  type LinkStatus,
  ReconnectBackoff,
} from "../../../signals/source.js";
import {
  describeRead,
  type ModbusEndpoint,
  ModbusTcpConnection,
  modbusEndpointLabel,
  type ReadRequest,
  validateReadRequest,
} from "./connection.js";

export const DEFAULT_MODBUS_TIMEOUT_MS = 1000;

export interface ModbusClientOptions {
  readonly endpoint: ModbusEndpoint;
  readonly clock: Clock;
  /** Deadline for connecting and for each read. */
  readonly timeoutMs?: number;
  readonly backoff?: BackoffPolicy;
}

/** What meter drivers read through; a test can hand in a table-backed fake. */
export interface RegisterSource {
  readonly label: string;
  read(request: ReadRequest): Promise<number[]>;
}

export class ModbusClient implements RegisterSource {
  readonly endpoint: ModbusEndpoint;
  readonly label: string;
  readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly backoff: ReconnectBackoff;
  private connection: ModbusTcpConnection | undefined;
  private connecting = false;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped on every new connection, so that callers can tell a reconnect happened (e.g. to re-discover a map). */
  private generation = 0;
  /** Why the last connection attempt failed or the last connection ended, for the "not connected" error. */
  private lastFailure: string | undefined;

  constructor(opts: ModbusClientOptions) {
    this.endpoint = opts.endpoint;
    this.label = modbusEndpointLabel(opts.endpoint);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_MODBUS_TIMEOUT_MS;
    this.clock = opts.clock;
    this.backoff = new ReconnectBackoff(opts.backoff ?? DEFAULT_BACKOFF);
  }

  /** Increases each time a new connection is made. */
  get connectionGeneration(): number {
    return this.generation;
  }

  link(): LinkStatus {
    const state = this.closed
      ? "stopped"
      : this.connection?.isOpen === true
        ? "connected"
        : this.connecting
          ? "connecting"
          : this.backoff.failedAttempts > 0
            ? "backoff"
            : "idle";
    return {
      state,
      failedAttempts: this.backoff.failedAttempts,
      nextAttemptAtMs: state === "backoff" ? this.backoff.nextAttemptAtMs : undefined,
      linkError: this.lastFailure,
    };
  }

  /** Queued behind earlier reads; connects first when needed. Rejects (never throws) with a DriverError. */
  read(request: ReadRequest): Promise<number[]> {
    try {
      validateReadRequest(request, this.label);
    } catch (e) {
      return Promise.reject(e);
    }
    const run = this.queue.then(() => this.readNow(request));
    // The queue only orders work; each caller sees its own outcome through `run`.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the connection; later reads fail with "unreachable" until `reopen()`. */
  async close(): Promise<void> {
    this.closed = true;
    this.connection?.close("client closed");
    this.connection = undefined;
    await this.queue;
  }

  reopen(): void {
    this.closed = false;
  }

  private async readNow(request: ReadRequest): Promise<number[]> {
    const connection = await this.ensureConnected(request);
    return connection.read(request, this.timeoutMs);
  }

  private async ensureConnected(request: ReadRequest): Promise<ModbusTcpConnection> {
    if (this.closed) {
      throw new DriverError("unreachable", `${this.label}: client is closed`, { host: this.label });
    }
    if (this.connection?.isOpen === true) return this.connection;
    const waitMs = this.backoff.waitMs(this.clock.nowMs());
    if (waitMs > 0) {
      throw new DriverError(
        "unreachable",
        `${this.label}: ${describeRead(request)}: not connected (${this.lastFailure ?? "never connected"}); next attempt in ` +
          `${waitMs} ms after ${this.backoff.failedAttempts} failed`,
        { host: this.label },
      );
    }
    this.connecting = true;
    try {
      const connection = await ModbusTcpConnection.connect(this.endpoint, this.timeoutMs);
      if (this.closed) {
        connection.close("client closed while connecting");
        throw new DriverError("unreachable", `${this.label}: client is closed`, { host: this.label });
      }
      connection.onClose((reason) => {
        if (this.connection === connection) {
          this.lastFailure = reason;
          this.connection = undefined;
          // A broken connection counts as a failure: the next attempt waits, so a peer that accepts and then drops
          // every connection is not hammered.
          if (!this.closed) this.backoff.fail(this.clock.nowMs());
        }
      });
      this.connection = connection;
      this.generation += 1;
      this.backoff.succeed();
      return connection;
    } catch (e) {
      if (!this.closed) this.backoff.fail(this.clock.nowMs());
      this.lastFailure = e instanceof Error ? e.message.replace(`${this.label}: `, "") : String(e);
      throw e;
    } finally {
      this.connecting = false;
    }
  }
}
