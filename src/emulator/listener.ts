import net from "node:net";
import { performance } from "node:perf_hooks";
import { hash32 } from "../simulator/physics/index.js";
import { respond } from "./dispatch.js";
import type { EmulatorQuirks } from "./replies/context.js";
import type { VirtualUnit } from "./unit.js";

/** Canaan's api.c gives a silent client 10 s (SO_RCVTIMEO) before dropping it without a reply. */
export const DEFAULT_RECV_TIMEOUT_MS = 10_000;

interface Connection {
  socket: net.Socket;
  request: Buffer | null;
  /** Read but deliberately never answered (no-answer fault). */
  held: boolean;
  closed: boolean;
}

/**
 * Drops connections that send nothing within the timeout. One sweep timer for the whole site instead of a timer
 * per connection, which matters at thousands of connections per poll.
 */
export class RecvWatchdog {
  private readonly deadlines = new Map<net.Socket, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly timeoutMs: number) {}

  watch(socket: net.Socket): void {
    this.deadlines.set(socket, performance.now() + this.timeoutMs);
    if (this.timer === null) {
      this.timer = setInterval(() => this.sweep(), Math.max(10, Math.min(1000, this.timeoutMs / 4)));
      this.timer.unref();
    }
  }

  unwatch(socket: net.Socket): void {
    this.deadlines.delete(socket);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.deadlines.clear();
  }

  private sweep(): void {
    const now = performance.now();
    for (const [socket, deadline] of this.deadlines) {
      if (deadline <= now) {
        this.deadlines.delete(socket);
        socket.destroy();
      }
    }
    if (this.deadlines.size === 0) this.stop();
  }
}

export interface ListenerOptions {
  watchdog: RecvWatchdog;
  quirks: EmulatorQuirks;
}

export class BindError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "BindError";
  }
}

function bindError(host: string, port: number, err: NodeJS.ErrnoException): BindError {
  const where = `${host}:${port}`;
  switch (err.code) {
    case "EADDRNOTAVAIL":
      return new BindError(
        host,
        port,
        err.code,
        `cannot bind ${where}: address not available. Linux routes all of 127.0.0.0/8 to loopback; other systems ` +
          "need an alias per address (macOS: `sudo ifconfig lo0 alias 127.0.1.1 up`) or a single unit on 127.0.0.1",
      );
    case "EADDRINUSE":
      return new BindError(
        host,
        port,
        err.code,
        `cannot bind ${where}: already in use (another emulator running?)`,
      );
    case "EACCES":
      return new BindError(host, port, err.code, `cannot bind ${where}: permission denied`);
    default:
      return new BindError(host, port, err.code, `cannot bind ${where}: ${err.message}`);
  }
}

/**
 * The API port of one unit. Like the firmware's single API thread it serves one connection at a time, in arrival
 * order: a request is read from the first bytes received, answered (plus one NUL byte) and the connection closed
 * before the next connection is looked at.
 */
export class UnitListener {
  private server: net.Server | null = null;
  private readonly queue: Connection[] = [];
  private active: Connection | null = null;
  private readonly sockets = new Set<net.Socket>();
  private requestsServed = 0;
  private pumping = false;
  /** Servers stopped by stopListening whose last connections may still be open. */
  private readonly retired: Promise<void>[] = [];

  constructor(
    readonly unit: VirtualUnit,
    private readonly opts: ListenerOptions,
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  listen(host: string, port: number): Promise<number> {
    if (this.server) return Promise.resolve(this.unit.port);
    // Half-open: a client that shuts down its sending side while queued must still get its reply.
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    return new Promise<number>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) => reject(bindError(host, port, err)));
      server.listen({ host, port, backlog: 511 }, () => {
        server.removeAllListeners("error");
        server.on("error", () => {});
        this.server = server;
        const addr = server.address();
        const bound = typeof addr === "object" && addr !== null ? addr.port : port;
        resolve(bound);
      });
    });
  }

  /**
   * Stops accepting; connections already accepted are still answered. Resolves once new connections are refused,
   * without waiting for accepted ones to finish (a held no-answer connection could take forever).
   */
  stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    this.retired.push(new Promise((resolve) => server.close(() => resolve())));
    return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    await this.stopListening();
    for (const socket of this.sockets) socket.destroy();
    this.queue.length = 0;
    this.active = null;
    await Promise.all(this.retired.splice(0));
  }

  private accept(socket: net.Socket): void {
    const conn: Connection = { socket, request: null, held: false, closed: false };
    this.sockets.add(socket);
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => {
      if (conn.request !== null) return;
      conn.request = chunk;
      if (this.active === conn) this.serve(conn);
    });
    socket.on("end", () => {
      // Nothing was sent (the firmware's recv returns 0), or nothing will ever be answered: close our side too.
      if (conn.request === null || conn.held) socket.destroy();
    });
    socket.on("close", () => {
      conn.closed = true;
      this.opts.watchdog.unwatch(socket);
      this.sockets.delete(socket);
      if (this.active === conn) this.finish(conn);
    });
    this.queue.push(conn);
    this.pump();
  }

  private pump(): void {
    // Serving can finish synchronously and call back in here; the loop below picks up the next connection instead,
    // so a long queue does not nest calls.
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.active === null) {
        const next = this.queue.shift();
        if (next === undefined) return;
        if (next.closed) continue;
        this.active = next;
        if (next.request !== null) this.serve(next);
        else this.opts.watchdog.watch(next.socket);
      }
    } finally {
      this.pumping = false;
    }
  }

  private finish(conn: Connection): void {
    if (this.active !== conn) return;
    this.active = null;
    this.pump();
  }

  private reply(conn: Connection, truncate = false): void {
    if (conn.closed || conn.request === null) return;
    let out: string | null;
    try {
      out = respond(this.unit, conn.request, this.opts.quirks);
    } catch {
      conn.socket.destroy();
      return;
    }
    if (out === null) conn.socket.end();
    else if (truncate) conn.socket.end(out.slice(0, Math.max(1, Math.floor(out.length * 0.6))));
    else conn.socket.end(`${out}\0`);
  }

  private serve(conn: Connection): void {
    this.opts.watchdog.unwatch(conn.socket);
    this.requestsServed++;
    const fault = this.unit.fault;
    switch (fault?.kind) {
      case "no-answer":
        // The socket stays open without a reply until the client gives up (or the site stops).
        conn.held = true;
        if (conn.socket.readableEnded) conn.socket.destroy();
        break;
      case "reset":
        conn.socket.resetAndDestroy();
        break;
      case "garbage":
        conn.socket.end(garbage(this.unit.identity.physicsSeed, this.requestsServed));
        break;
      case "truncated":
        this.reply(conn, true);
        break;
      case "slow": {
        setTimeout(() => {
          this.reply(conn);
          this.finish(conn);
        }, fault.delayMs);
        return;
      }
      default:
        this.reply(conn);
    }
    this.finish(conn);
  }
}

/** Bytes that are not a reply: no leading `{`, no NUL terminator, some invalid UTF-8. */
function garbage(seed: number, n: number): Buffer {
  const length = 64 + (hash32(seed, n) % 256);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = 1 + (hash32(seed, n, i) % 255);
  if (bytes[0] === 0x7b) bytes[0] = 0xfe;
  return bytes;
}
