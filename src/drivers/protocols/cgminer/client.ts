import { connect } from "node:net";
import { endpointLabel, type MinerEndpoint } from "../../../domain/driver.js";
import { DriverError } from "../../../domain/errors.js";
import { type CgminerReply, decodeReply } from "./framing.js";
import { joinParams, type ParamPart, validateCommand } from "./params.js";
import { CgminerScheduler } from "./scheduler.js";
import { expectSuccess } from "./status.js";

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

  /** Several report commands in one exchange; each command's reply is returned under its name. */
  async requestJoined(
    endpoint: MinerEndpoint,
    commands: readonly string[],
    opts: RequestOptions = {},
  ): Promise<Record<string, CgminerReply>> {
    const host = endpointLabel(endpoint);
    const request = encodeJoinedRequest(commands, host);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const bytes = await this.scheduler.run(endpoint, () =>
      exchange(endpoint, request, { timeoutMs, maxReplyBytes: this.maxReplyBytes }),
    );
    const reply = decodeReply(bytes, { host, command: commands.join("+") });
    // A firmware without CMDJOIN answers the whole line as one unknown command.
    if (Array.isArray(reply.STATUS)) expectSuccess(reply, host, commands.join("+"));
    return splitJoinedReply(reply, commands, host);
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

/**
 * Report commands joined with `+` go out in one request on one connection (api.c's CMDJOIN): a fleet poll opens a
 * third as many sockets. The reply holds each command's own reply under its name, as a one-element array.
 */
export function encodeJoinedRequest(commands: readonly string[], host?: string): string {
  if (commands.length === 0)
    throw new DriverError("invalid-argument", "no command to join", { field: "command" });
  for (const c of commands) validateCommand(c, host);
  return JSON.stringify({ command: commands.join("+") });
}

/** Splits a joined reply into each command's reply; a command missing from it is "unsupported" by that name. */
export function splitJoinedReply(
  reply: CgminerReply,
  commands: readonly string[],
  host: string,
): Record<string, CgminerReply> {
  const out: Record<string, CgminerReply> = {};
  for (const c of commands) {
    const part = reply[c];
    const first = Array.isArray(part) ? part[0] : undefined;
    if (first === null || typeof first !== "object") {
      throw new DriverError("unsupported", `${host}: joined reply has no "${c}" section`, { host, field: c });
    }
    out[c] = first as CgminerReply;
  }
  return out;
}

/** JSON mode is chosen by the firmware iff the first byte is `{`; the reply then comes back as JSON too. */
export function encodeRequest(command: string, params: readonly ParamPart[], host?: string): string {
  validateCommand(command, host);
  if (params.length === 0) return JSON.stringify({ command });
  return JSON.stringify({ command, parameter: joinParams(params, host) });
}
