import { afterEach, describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { CgminerClient } from "./client.js";
import { CgminerScheduler } from "./scheduler.js";
import { readFixture, wireJson } from "./test-fixtures.js";
import { refusedEndpoint, replyAndClose, type ScriptedServer, startScriptedServer } from "./test-server.js";

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(handler: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  const server = await startScriptedServer(handler);
  servers.push(server);
  return server;
}

async function failure(p: Promise<unknown>): Promise<DriverError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DriverError) return e;
    throw e;
  }
  throw new Error("expected a DriverError");
}

const client = new CgminerClient({ timeoutMs: 1000 });

describe("CgminerClient over real TCP", () => {
  it("sends one JSON request and decodes a fixture followed by NUL", async () => {
    const server = await serve((_req, socket) =>
      replyAndClose(socket, wireJson("avalon", "asicrs_avalonq_version.json")),
    );
    const reply = await client.request(server.endpoint, "version");
    expect((reply.VERSION as Array<Record<string, unknown>>)[0]?.PROD).toBe("Avalon Q");
    expect(server.requests.map((r) => r.raw)).toEqual(['{"command":"version"}']);
  });

  it("sends the validated, comma-joined parameter", async () => {
    const server = await serve((_req, socket) =>
      replyAndClose(socket, wireJson("avalon", "asicrs_avalonq_ascset_workmode.json")),
    );
    await client.request(server.endpoint, "ascset", [0, "workmode", "set", 1]);
    expect(server.requests[0]?.command).toBe("ascset");
    expect(server.requests[0]?.parameter).toBe("0,workmode,set,1");
  });

  it("never connects when a parameter part is an injection attempt", async () => {
    const server = await serve((_req, socket) => replyAndClose(socket, "{}"));
    const e = await failure(client.request(server.endpoint, "ascset", [0, "softoff", "1:1|reboot"]));
    expect(e.kind).toBe("invalid-argument");
    expect(e.field).toBe("parameter[2]");
    const e2 = await failure(client.request(server.endpoint, "summary+ascset"));
    expect(e2.field).toBe("command");
    expect(server.requests).toHaveLength(0);
  });

  it("tolerates a reply starting with a stray comma and inf values", async () => {
    const server = await serve((_req, socket) =>
      replyAndClose(
        socket,
        ',"STATUS":[{"STATUS":"S","Code":11}],"SUMMARY":[{"MHS av":inf,"Elapsed":3}],"id":1}',
      ),
    );
    const reply = await client.request(server.endpoint, "summary");
    expect(reply.SUMMARY).toEqual([{ "MHS av": null, Elapsed: 3 }]);
  });

  it("reassembles a reply delivered in many small segments", async () => {
    const body = Buffer.from(`${wireJson("avalon", "a1566_fw24102401_estats.json")}\0`);
    const server = await serve(async (_req, socket) => {
      for (let i = 0; i < body.length; i += 1000) {
        socket.write(body.subarray(i, i + 1000));
        await new Promise((r) => setTimeout(r, 2));
      }
      socket.end();
    });
    const reply = await client.request(server.endpoint, "estats");
    expect((reply.STATS as Array<Record<string, unknown>>)[0]?.ID).toBe("AVA100");
  });

  it("reports truncated JSON as malformed, naming the host", async () => {
    const full = wireJson("avalon", "asicrs_avalonq_litestats.json");
    const server = await serve((_req, socket) => socket.end(full.slice(0, 300)));
    const e = await failure(client.request(server.endpoint, "litestats"));
    expect(e.kind).toBe("malformed");
    expect(e.message).toContain(`127.0.0.1:${server.endpoint.port}`);
  });

  it("times out within its bound when the peer accepts and never replies", async () => {
    const server = await serve(() => {});
    const started = performance.now();
    const e = await failure(client.request(server.endpoint, "version", [], { timeoutMs: 300 }));
    const elapsed = performance.now() - started;
    expect(e.kind).toBe("timeout");
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
  });

  it("times out on a peer that trickles one byte at a time", async () => {
    const server = await serve((_req, socket) => {
      const timer = setInterval(() => socket.write("{"), 50);
      socket.on("close", () => clearInterval(timer));
    });
    const started = performance.now();
    const e = await failure(client.request(server.endpoint, "version", [], { timeoutMs: 400 }));
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/bytes received/);
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it("reports a reset mid-reply", async () => {
    const server = await serve((_req, socket) => {
      socket.write('{"STATUS":[{"STATUS":"S"');
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    const e = await failure(client.request(server.endpoint, "summary"));
    expect(e.kind).toBe("reset");
    expect(e.message).toContain("mid-reply");
  });

  it("reports a close without any reply as reset (softon does this)", async () => {
    const server = await serve((_req, socket) => socket.end());
    const e = await failure(client.request(server.endpoint, "ascset", [0, "softon", "1:1753434757"]));
    expect(e.kind).toBe("reset");
    expect(e.message).toContain("without replying");
  });

  it("reports an HTTP server on the port as unsupported", async () => {
    const server = await serve((_req, socket) =>
      socket.end("HTTP/1.1 400 Bad Request\r\nServer: lighttpd\r\nContent-Length: 0\r\n\r\n"),
    );
    const e = await failure(client.request(server.endpoint, "version"));
    expect(e.kind).toBe("unsupported");
    expect(e.message).toMatch(/HTTP server answered, not a cgminer API: "HTTP\/1.1 400/);
  });

  it("reports binary garbage as malformed", async () => {
    const server = await serve((_req, socket) =>
      socket.end(Buffer.from([0x16, 0x03, 0x01, 0xff, 0x00, 0x41])),
    );
    const e = await failure(client.request(server.endpoint, "version"));
    expect(e.kind).toBe("malformed");
  });

  it("reports a refused port as unreachable", async () => {
    const e = await failure(client.request(await refusedEndpoint(), "version"));
    expect(e.kind).toBe("unreachable");
    expect(e.message).toContain("ECONNREFUSED");
    expect(e.transient).toBe(true);
  });

  it("stops reading a reply larger than the bound", async () => {
    const small = new CgminerClient({ timeoutMs: 1000, maxReplyBytes: 1000 });
    const server = await serve((_req, socket) =>
      replyAndClose(socket, readFixture("avalon", "a1566_fw24102401_estats.json")),
    );
    const e = await failure(small.request(server.endpoint, "estats"));
    expect(e.kind).toBe("malformed");
    expect(e.message).toContain("exceeds 1000 bytes");
  });

  it("accepts a complete NUL-terminated reply followed by a reset", async () => {
    const server = await serve((_req, socket) => {
      socket.write(`${wireJson("avalon", "asicrs_avalonq_summary.json")}\0`);
      setTimeout(() => socket.resetAndDestroy(), 30);
    });
    const reply = await new CgminerClient({ scheduler: new CgminerScheduler(), timeoutMs: 1000 }).request(
      server.endpoint,
      "summary",
    );
    expect((reply.SUMMARY as Array<Record<string, unknown>>)[0]?.Elapsed).toBe(37714);
  });
});
