// Connection handling against plain loopback sockets: nobody listening, and a peer that accepts then hangs up or
// stays silent. Decoding against a real Modbus server is in test/integration/modbus-meter.test.ts.
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { ModbusClient } from "./client.js";

const READ = { unitId: 1, functionCode: 3, address: 40000, count: 2 } as const;

async function listen(onConnection: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address !== null ? address.port : 0 };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listen(() => {});
  await new Promise((r) => server.close(r));
  return port;
}

describe("ModbusClient", () => {
  const servers: Server[] = [];
  const clients: ModbusClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  const client = (port: number, nowMs: () => number) => {
    const c = new ModbusClient({
      endpoint: { host: "127.0.0.1", port },
      clock: { nowMs },
      timeoutMs: 300,
      backoff: { initialMs: 1000, maxMs: 4000 },
    });
    clients.push(c);
    return c;
  };

  it("reports a refused connection as unreachable, then waits out the backoff without trying", async () => {
    const port = await closedPort();
    let now = 0;
    const c = client(port, () => now);
    const first = await c.read(READ).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DriverError);
    expect(first).toMatchObject({
      kind: "unreachable",
      message: `127.0.0.1:${port}: cannot connect (ECONNREFUSED)`,
    });
    expect(c.link()).toMatchObject({ state: "backoff", failedAttempts: 1, nextAttemptAtMs: 1000 });

    now = 400;
    await expect(c.read(READ)).rejects.toThrow(
      `127.0.0.1:${port}: unit 1 holding register 40000..40001: not connected (cannot connect (ECONNREFUSED)); ` +
        "next attempt in 600 ms after 1 failed",
    );
    expect(c.link().failedAttempts).toBe(1);

    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      now = c.link().nextAttemptAtMs ?? now;
      await c.read(READ).catch(() => undefined);
      delays.push((c.link().nextAttemptAtMs ?? 0) - now);
    }
    expect(delays).toEqual([2000, 4000, 4000, 4000]);
  });

  it("fails a read with reset when the peer hangs up, and counts it towards the backoff", async () => {
    const { server, port } = await listen((s) => s.once("data", () => s.destroy()));
    servers.push(server);
    const c = client(port, () => 0);
    await expect(c.read(READ)).rejects.toMatchObject({ kind: "reset" });
    expect(c.link()).toMatchObject({ state: "backoff", failedAttempts: 1 });
    expect(c.connectionGeneration).toBe(1);
  });

  it("times out a silent peer and closes the connection", async () => {
    const sockets: Socket[] = [];
    const { server, port } = await listen((s) => sockets.push(s));
    servers.push(server);
    const c = client(port, () => 0);
    const started = Date.now();
    await expect(c.read(READ)).rejects.toMatchObject({
      kind: "timeout",
      message: `127.0.0.1:${port}: unit 1 holding register 40000..40001: no reply within 300 ms`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(c.link().state).toBe("backoff");
    for (const s of sockets) s.destroy();
  });

  it("refuses invalid requests before any I/O", async () => {
    const c = client(1, () => 0);
    await expect(c.read({ ...READ, count: 126 })).rejects.toMatchObject({ kind: "invalid-argument" });
    await expect(c.read({ ...READ, address: 65535 })).rejects.toThrow("invalid address 65535");
    expect(c.link().state).toBe("idle");
  });
});
