import net from "node:net";

// A deliberately minimal client for tests: it writes bytes and records exactly what comes back and how the
// connection ended, so framing and faults are observed as a real client would see them.

export type Ending = "closed" | "reset" | "refused" | "timeout" | "error";

export interface Exchange {
  bytes: Buffer;
  ending: Ending;
  errorCode?: string;
  elapsedMs: number;
  /** Wall-clock ms when the first reply byte arrived (null if none). */
  firstByteAtMs: number | null;
  endedAtMs: number;
}

export interface OpenConnection {
  /** Resolves once connected. */
  ready: Promise<void>;
  send(request: string | Buffer): void;
  /** Resolves when the server closes, resets, or the timeout passes. */
  result: Promise<Exchange>;
}

export function open(host: string, port: number, timeoutMs = 3000): OpenConnection {
  const started = Date.now();
  const socket = net.connect({ host, port });
  const chunks: Buffer[] = [];
  let firstByteAtMs: number | null = null;
  let settle: (e: Exchange) => void = () => {};
  const result = new Promise<Exchange>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const finish = (ending: Ending, errorCode?: string) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.destroy();
    const now = Date.now();
    settle({
      bytes: Buffer.concat(chunks),
      ending,
      ...(errorCode === undefined ? {} : { errorCode }),
      elapsedMs: now - started,
      firstByteAtMs,
      endedAtMs: now,
    });
  };
  const timer = setTimeout(() => finish("timeout"), timeoutMs);
  const ready = new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.on("data", (d: Buffer) => {
    firstByteAtMs ??= Date.now();
    chunks.push(d);
  });
  socket.on("end", () => finish("closed"));
  socket.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "ECONNRESET") finish("reset", err.code);
    else if (err.code === "ECONNREFUSED") finish("refused", err.code);
    else finish("error", err.code);
  });
  return {
    ready,
    send: (request) => {
      socket.write(request);
    },
    result,
  };
}

export async function exchange(host: string, port: number, request: string | Buffer, timeoutMs = 3000) {
  const c = open(host, port, timeoutMs);
  c.ready.then(() => c.send(request)).catch(() => {});
  return c.result;
}

/** Sends one request and parses the JSON reply after checking and stripping the single trailing NUL. */
export async function askJson(
  host: string,
  port: number,
  request: object | string,
): Promise<Record<string, unknown>> {
  const text = typeof request === "string" ? request : JSON.stringify(request);
  const r = await exchange(host, port, text);
  if (r.ending !== "closed") throw new Error(`no clean reply: ${r.ending}`);
  if (r.bytes.at(-1) !== 0) throw new Error("reply lacks the NUL terminator");
  return JSON.parse(r.bytes.subarray(0, -1).toString("utf8")) as Record<string, unknown>;
}

export async function askText(host: string, port: number, request: string): Promise<string> {
  const r = await exchange(host, port, request);
  if (r.ending !== "closed") throw new Error(`no clean reply: ${r.ending}`);
  if (r.bytes.at(-1) !== 0) throw new Error("reply lacks the NUL terminator");
  return r.bytes.subarray(0, -1).toString("utf8");
}

/** The bracket fields of an Avalon stats string, e.g. `GHSspd[1.00]` → { GHSspd: "1.00" }, in order. */
export function bracketFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z_][\w ]*?)\[([^\]]*)\]/g)) {
    const key = m[1]?.trim();
    if (key !== undefined && m[2] !== undefined) fields.set(key, m[2]);
  }
  return fields;
}
