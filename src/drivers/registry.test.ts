import { afterEach, describe, expect, it } from "vitest";
import { AvalonDriver } from "./miners/avalon/driver.js";
import { avalonModelSpec } from "./miners/avalon/models.js";
import { CgminerScheduler } from "./protocols/cgminer/scheduler.js";
import { wireJson } from "./protocols/cgminer/test-fixtures.js";
import {
  type ConnectionHandler,
  refusedEndpoint,
  replyAndClose,
  type ScriptedServer,
  startScriptedServer,
} from "./protocols/cgminer/test-server.js";
import { type DetectResult, detectMiner, MINER_DEFINITIONS } from "./registry.js";

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const opts = {
  timeoutMs: 300,
  scheduler: new CgminerScheduler({ maxInFlight: 4 }),
  clock: { nowMs: () => 0 },
};

async function detect(handler: ConnectionHandler): Promise<DetectResult> {
  const server = await startScriptedServer(handler);
  servers.push(server);
  return detectMiner(server.endpoint, opts);
}

const fixtureReply =
  (vendor: string, file: string): ConnectionHandler =>
  (_req, socket) =>
    replyAndClose(socket, wireJson(vendor, file));

describe("detectMiner", () => {
  it("recognises a real A1566 and hands back a working driver", async () => {
    const found = await detect(fixtureReply("avalon", "a1566_fw24102401_version.json"));
    if (found.kind !== "miner") throw new Error(`expected a miner, got ${found.kind}`);
    expect(found.identity).toMatchObject({
      vendor: "canaan",
      model: "A1566",
      firmware: "24102401_25462b2_9ddf522",
    });
    expect(found.driver).toBeInstanceOf(AvalonDriver);
    expect(found.driver.vendor).toBe("canaan");
  });

  it("recognises an Avalon Q", async () => {
    const found = await detect(fixtureReply("avalon", "asicrs_avalonq_version.json"));
    expect(found.kind === "miner" && found.identity.model).toBe("Q");
  });

  it("describes an Antminer's bmminer as another cgminer firmware", async () => {
    expect(await detect(fixtureReply("antminer", "asicrs_v2020_version.json"))).toEqual({
      kind: "other",
      description: "cgminer-compatible BMMiner 1.0.0 (Antminer S19 Pro)",
    });
  });

  it("describes a Whatsminer-style reply", async () => {
    expect(await detect(fixtureReply("whatsminer", "asicrs_v1_get_version.json"))).toEqual({
      kind: "other",
      description: "cgminer-compatible whatsminer v1.4.0 (firmware 20210322.22.REL)",
    });
  });

  it("describes a cgminer that refuses version", async () => {
    const found = await detect((_req, socket) =>
      replyAndClose(socket, '{"STATUS":[{"STATUS":"E","When":1,"Code":14,"Msg":"Invalid command"}],"id":1}'),
    );
    expect(found).toEqual({
      kind: "other",
      description: "cgminer-compatible API, version refused: Invalid command",
    });
  });

  it("describes a non-cgminer peer by its first bytes", async () => {
    const http = await detect((_req, socket) =>
      socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
    );
    expect(http).toEqual({
      kind: "other",
      description:
        'port open, not a cgminer API: "HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\\r\\n\\r\\n"',
    });
    const ssh = await detect((_req, socket) => socket.end("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
    expect(ssh.kind === "other" && ssh.description).toBe(
      'port open, not a cgminer API: "SSH-2.0-OpenSSH_9.2p1 Debian-2\\r\\n"',
    );
  });

  it("describes JSON that is not a cgminer reply", async () => {
    const found = await detect((_req, socket) => socket.end('{"jsonrpc":"2.0","error":"bad"}'));
    expect(found.kind === "other" && found.description).toMatch(/^port open, JSON but not a cgminer API/);
  });

  it("reports nothing on a refused port, a silent peer or a cut-short reply", async () => {
    const refused = await detectMiner(await refusedEndpoint(), opts);
    expect(refused.kind === "none" && refused.error.kind).toBe("unreachable");
    const silent = await detect(() => {});
    expect(silent.kind === "none" && silent.error.kind).toBe("timeout");
    const cut = await detect((_req, socket) =>
      socket.end(wireJson("avalon", "asicrs_avalonq_version.json").slice(0, 80)),
    );
    expect(cut.kind === "none" && cut.error.kind).toBe("malformed");
  });
});

describe("MINER_DEFINITIONS", () => {
  it("lists Avalon, and every catalogued model of a definition has a spec", () => {
    expect(MINER_DEFINITIONS.map((d) => d.vendor)).toEqual(["canaan"]);
    for (const d of MINER_DEFINITIONS) {
      expect(d.models.length).toBeGreaterThan(0);
      for (const m of d.models) expect(avalonModelSpec(m)?.vendor).toBe(d.vendor);
    }
    expect(MINER_DEFINITIONS[0]?.models).toContain("A1566HA");
  });
});
