import { connect } from "node:net";
import { endpointLabel, type MinerEndpoint } from "../../../domain/driver.js";
import { DriverError } from "../../../domain/errors.js";
import { type CgminerReply, decodeReply } from "./framing.js";
import { joinParams, type ParamPart, validateCommand } from "./params.js";
import { CgminerScheduler } from "./scheduler.js";

export const CGMINER_PORT = 4028;
export const DEFAULT_TIMEOUT_MS = 5000;
// The largest real reply seen is an `estats` with per-chip arrays (~10 KB per 3 boards); anything far beyond is not
// a miner talking.
export const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

export interface ExchangeOptions {
  /** Deadline for the whole exchange: connect, send, and read to EOF. */
  timeoutMs: number;
  maxReplyBytes?: number;
}

const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
  "ETIMEDOUT",
]);

/**
 * One request on one fresh TCP connection, reading until the peer closes (cgminer replies, sends a NUL and closes).
 * Not scheduled: callers go through `CgminerClient`, which serialises per endpoint. Resolves with the raw bytes.
 */
export function exchange(endpoint: MinerEndpoint, request: string, opts: ExchangeOptions): Promise<Buffer> {
  const host = endpointLabel(endpoint);
  const maxBytes = opts.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let connected = false;
    let settled = false;
    const socket = connect({ host: endpoint.host, port: endpoint.port });

    const finish = (err: DriverError | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err === undefined) resolve(Buffer.concat(chunks, received));
      else reject(err);
    };
    const error = (kind: ConstructorParameters<typeof DriverError>[0], why: string, cause?: unknown) =>
      new DriverError(kind, `${host}: ${why}`, { host, ...(cause === undefined ? {} : { cause }) });

    // One deadline for the whole exchange, so a peer that accepts and then stays silent, or trickles a byte at a
    // time, fails on time instead of resetting an idle timer forever.
    const timer = setTimeout(() => {
      finish(
        connected
          ? error("timeout", `no complete reply within ${opts.timeoutMs} ms (${received} bytes received)`)
          : error("unreachable", `connect timed out after ${opts.timeoutMs} ms`),
      );
    }, opts.timeoutMs);

    socket.on("connect", () => {
      connected = true;
      socket.write(request);
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        finish(error("malformed", `reply exceeds ${maxBytes} bytes; not a cgminer reply`));
        return;
      }
      chunks.push(chunk);
    });
    socket.on("end", () => {
      finish(received === 0 ? error("reset", "closed the connection without replying") : undefined);
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      const code = e.code ?? "";
      if (!connected && UNREACHABLE_CODES.has(code)) {
        finish(error("unreachable", `cannot connect (${code})`, e));
      } else if (received > 0 && lastByteIsNul(chunks)) {
        // Some stacks reset right after a complete, NUL-terminated reply; the reply itself is whole.
        finish(undefined);
      } else {
        const where = received === 0 ? "before replying" : `mid-reply after ${received} bytes`;
        finish(
          error(connected ? "reset" : "unreachable", `connection lost ${where} (${code || e.message})`, e),
        );
      }
    });
  });
}

function lastByteIsNul(chunks: readonly Buffer[]): boolean {
  const last = chunks[chunks.length - 1];
  return last !== undefined && last.length > 0 && last[last.length - 1] === 0;
}

export interface CgminerClientOptions {
  /** Share one scheduler across the fleet so the global bound holds. */
  scheduler?: CgminerScheduler;
  timeoutMs?: number;
  maxReplyBytes?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/** cgminer API over TCP in JSON mode, one command per connection, scheduled per endpoint. */
export class CgminerClient {
  readonly scheduler: CgminerScheduler;
  readonly timeoutMs: number;
  private readonly maxReplyBytes: number;

  constructor(opts: CgminerClientOptions = {}) {
    this.scheduler = opts.scheduler ?? new CgminerScheduler();
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxReplyBytes = opts.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  }

  /** Raw reply bytes, for callers that classify unknown peers. Arguments are validated before anything is sent. */
  requestRaw(
    endpoint: MinerEndpoint,
    command: string,
    params: readonly ParamPart[] = [],
    opts: RequestOptions = {},
  ): Promise<Buffer> {
    const request = encodeRequest(command, params, endpointLabel(endpoint));
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    return this.scheduler.run(endpoint, () =>
      exchange(endpoint, request, { timeoutMs, maxReplyBytes: this.maxReplyBytes }),
    );
  }

  /** Decoded reply. The STATUS section is not judged here: see `expectSuccess` / `interpretWriteReply`. */
  async request(
    endpoint: MinerEndpoint,
    command: string,
    params: readonly ParamPart[] = [],
    opts: RequestOptions = {},
  ): Promise<CgminerReply> {
    const bytes = await this.requestRaw(endpoint, command, params, opts);
    return decodeReply(bytes, { host: endpointLabel(endpoint), command });
  }
}

/** JSON mode is chosen by the firmware iff the first byte is `{`; the reply then comes back as JSON too. */
export function encodeRequest(command: string, params: readonly ParamPart[], host?: string): string {
  validateCommand(command, host);
  if (params.length === 0) return JSON.stringify({ command });
  return JSON.stringify({ command, parameter: joinParams(params, host) });
}
