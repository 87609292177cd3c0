import { createServer, type Server, type Socket } from "node:net";
import type { MinerEndpoint } from "../../../domain/driver.js";

// Test scaffolding: a real TCP server on 127.0.0.1 with an ephemeral port, so transport tests exercise the kernel's
// behaviour (EOF, RST, refused) rather than a mocked socket. Not used by production code.

export interface ScriptedRequest {
  /** The raw bytes the client sent, as text. */
  raw: string;
  command: string | undefined;
  parameter: string | undefined;
}

/** Handles one connection; it owns the socket (write, end, destroy, or stay silent). */
export type ConnectionHandler = (req: ScriptedRequest, socket: Socket) => unknown;

export interface ScriptedServer {
  endpoint: MinerEndpoint;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(handler: ConnectionHandler): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const requests: ScriptedRequest[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    // cgminer reads one request with a single recv(); a short request arrives in one chunk on loopback.
    socket.once("data", (data) => {
      const raw = data.toString("utf8");
      const req = parseRequest(raw);
      requests.push(req);
      Promise.resolve(handler(req, socket)).catch(() => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  return {
    endpoint: { host: "127.0.0.1", port: address.port },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Replies with `body` plus the NUL terminator real firmware sends, then closes. */
export function replyAndClose(socket: Socket, body: string | Buffer): void {
  socket.end(Buffer.concat([Buffer.from(body), Buffer.from([0])]));
}

/** An endpoint on which nothing listens: bind an ephemeral port, then release it. */
export async function refusedEndpoint(): Promise<MinerEndpoint> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { host: "127.0.0.1", port: address.port };
}

function parseRequest(raw: string): ScriptedRequest {
  try {
    const parsed = JSON.parse(raw) as { command?: unknown; parameter?: unknown };
    return {
      raw,
      command: typeof parsed.command === "string" ? parsed.command : undefined,
      parameter: typeof parsed.parameter === "string" ? parsed.parameter : undefined,
    };
  } catch {
    const [command, parameter] = raw.split("|");
    return { raw, command, parameter };
  }
}
