import { afterEach, describe, expect, it } from "vitest";
import { addressRange, formatIpv4, parseIpv4 } from "./address.js";
import { ManualClock } from "./clock.js";
import { BindError } from "./listener.js";
import { type EmulatedSite, startEmulatedSite } from "./site.js";
import { askJson, exchange, open } from "./test-raw-client.js";

type Json = Record<string, unknown>;
const T0 = 1_753_434_816_000;
const sites: EmulatedSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.stop()));
});
async function start(opts: Parameters<typeof startEmulatedSite>[0]): Promise<EmulatedSite> {
  const s = await startEmulatedSite(opts);
  sites.push(s);
  return s;
}
const summaryOf = (r: Json) => (r.SUMMARY as Json[])[0] as Json;

describe("one API thread per unit", () => {
  it("serves a second concurrent connection only after the first is answered", async () => {
    const site = await start({ units: 1, baseAddress: "127.0.1.60", port: 0, clock: new ManualClock(T0) });
    const { host, port } = site.units[0] as { host: string; port: number };
    const first = open(host, port);
    await first.ready;
    const second = open(host, port);
    await second.ready;
    second.send('{"command":"version"}');
    await new Promise((r) => setTimeout(r, 200));
    first.send('{"command":"summary"}');
    const [a, b] = await Promise.all([first.result, second.result]);
    expect(a.ending).toBe("closed");
    expect(b.ending).toBe("closed");
    expect(b.firstByteAtMs).not.toBeNull();
    expect(b.firstByteAtMs ?? 0).toBeGreaterThanOrEqual(a.endedAtMs - 5);
    expect(b.elapsedMs).toBeGreaterThanOrEqual(190);
  });

  it("answers a burst of concurrent connections to one unit, one after another", async () => {
    const site = await start({ units: 1, baseAddress: "127.0.1.64", port: 0 });
    const { host, port } = site.units[0] as { host: string; port: number };
    const results = await Promise.all(
      Array.from({ length: 60 }, () => exchange(host, port, '{"command":"litestats"}')),
    );
    expect(results.every((r) => r.ending === "closed" && r.bytes.at(-1) === 0)).toBe(true);
    expect(results).toHaveLength(60);
  });

  it("drops a silent client after the receive timeout, without a reply, and moves on", async () => {
    const site = await start({ units: 1, baseAddress: "127.0.1.61", port: 0, recvTimeoutMs: 200 });
    const { host, port } = site.units[0] as { host: string; port: number };
    const silent = open(host, port);
    await silent.ready;
    const waiting = exchange(host, port, '{"command":"version"}');
    const s = await silent.result;
    expect(s.ending).toBe("closed");
    expect(s.bytes).toHaveLength(0);
    expect(s.elapsedMs).toBeGreaterThanOrEqual(190);
    expect((await waiting).ending).toBe("closed");
  });
});

describe("virtual clock", () => {
  it("runs emulated time `speed` times faster than wall time", async () => {
    const site = await start({ units: 1, baseAddress: "127.0.1.62", port: 0, speed: 100, startMs: T0 });
    const { host, port } = site.units[0] as { host: string; port: number };
    // The unit reads its clock somewhere inside each request's round trip; bracket both ends in wall time.
    const a0 = Date.now();
    const e0 = Number(summaryOf(await askJson(host, port, { command: "summary" })).Elapsed);
    const a1 = Date.now();
    await new Promise((r) => setTimeout(r, 600));
    const b0 = Date.now();
    const r1 = await askJson(host, port, { command: "summary" });
    const b1 = Date.now();
    const emulatedS = Number(summaryOf(r1).Elapsed) - e0;
    expect(emulatedS).toBeGreaterThanOrEqual(((b0 - a1) / 1000) * 100 - 1);
    expect(emulatedS).toBeLessThanOrEqual(((b1 - a0) / 1000) * 100 + 1);
    const when = Number(((r1.STATUS as Json[])[0] as Json).When);
    expect(when).toBeGreaterThanOrEqual(T0 / 1000 + 60);
  });

  it("a manual clock drives physics: a soft-off fires when the clock passes its epoch", async () => {
    const clock = new ManualClock(T0);
    const site = await start({ units: 1, baseAddress: "127.0.1.63", port: 0, clock, seed: null });
    const { host, port } = site.units[0] as { host: string; port: number };
    await askJson(host, port, { command: "ascset", parameter: `0,softoff,1:${T0 / 1000 + 60}` });
    expect(site.totalWallPowerW()).toBeCloseTo(8064, 6);
    clock.advance(70_000);
    expect(site.totalWallPowerW()).toBeCloseTo(120, 6);
    expect(site.snapshot().unitsByPhase.sleeping).toBe(1);
  });
});

describe("addresses and scale", () => {
  it("increments addresses as 32-bit integers across octets", () => {
    expect(formatIpv4(parseIpv4("127.0.1.255") + 1)).toBe("127.0.2.0");
    expect(addressRange("127.0.1.254", 3)).toEqual(["127.0.1.254", "127.0.1.255", "127.0.2.0"]);
    expect(() => parseIpv4("127.0.1")).toThrow();
    expect(() => addressRange("255.255.255.255", 2)).toThrow();
  });

  it("binds 300 units on 127.0.1.x/127.0.2.x; each answers with its own identity", async () => {
    const site = await start({ units: 300, baseAddress: "127.0.1.100", port: 0 });
    expect(site.units[0]?.host).toBe("127.0.1.100");
    expect(site.units[299]?.host).toBe("127.0.2.143");
    const replies = await Promise.all(site.units.map((u) => askJson(u.host, u.port, { command: "version" })));
    const dnas = new Set(replies.map((r) => ((r.VERSION as Json[])[0] as Json).DNA));
    expect(dnas.size).toBe(300);
    const snap = site.snapshot();
    expect(snap.units).toHaveLength(300);
    expect(snap.unitsByPhase.hashing).toBe(300);
    expect(snap.wallPowerW).toBeCloseTo(site.totalWallPowerW(), -2);
    expect(snap.wallPowerW / 300).toBeGreaterThan(8064 * 0.98);
    expect(snap.wallPowerW / 300).toBeLessThan(8064 * 1.02);
  });

  it("listens on the real API port 4028 by default", async () => {
    const site = await start({ units: 3, baseAddress: "127.0.250.1" });
    expect(site.units.map((u) => u.port)).toEqual([4028, 4028, 4028]);
    const r = await askJson("127.0.250.3", 4028, { command: "version" });
    expect(((r.VERSION as Json[])[0] as Json).MODEL).toBe("1566HA");
  });

  it("can put every unit on one address, told apart by ephemeral ports", async () => {
    const site = await start({ units: 3, baseAddress: "127.0.0.1", port: 0, shareAddress: true });
    expect(new Set(site.units.map((u) => u.host))).toEqual(new Set(["127.0.0.1"]));
    expect(new Set(site.units.map((u) => u.port)).size).toBe(3);
    const r = await askJson("127.0.0.1", site.units[2]?.port ?? 0, { command: "version" });
    expect(((r.VERSION as Json[])[0] as Json).DNA).toBe(site.unit(2).identity.dna);
    await expect(startEmulatedSite({ units: 2, port: 4028, shareAddress: true })).rejects.toThrow(/port 0/);
  });

  it("explains an address the system cannot bind", async () => {
    // TEST-NET-1 is never a local address, so the bind fails the way it does off Linux for 127.0.1.x.
    const err = await startEmulatedSite({ units: 1, baseAddress: "192.0.2.1", port: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BindError);
    expect((err as BindError).code).toBe("EADDRNOTAVAIL");
    expect((err as Error).message).toMatch(/address not available.*loopback/);
  });

  it("is deterministic for a seed", async () => {
    const a = await start({
      units: 2,
      baseAddress: "127.0.1.70",
      port: 0,
      clock: new ManualClock(T0),
      seed: 9,
    });
    const b = await start({
      units: 2,
      baseAddress: "127.0.1.80",
      port: 0,
      clock: new ManualClock(T0),
      seed: 9,
    });
    const strip = (r: Json) => JSON.stringify(r);
    for (const command of ["version", "summary", "estats"]) {
      const ra = await askJson(a.units[1]?.host ?? "", a.units[1]?.port ?? 0, { command });
      const rb = await askJson(b.units[1]?.host ?? "", b.units[1]?.port ?? 0, { command });
      expect(strip(ra)).toBe(strip(rb));
    }
  });
});
