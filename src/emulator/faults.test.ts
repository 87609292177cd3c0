import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { parseFaultSpec, selectUnits } from "./faults.js";
import { type EmulatedSite, startEmulatedSite } from "./site.js";
import { askJson, bracketFields, exchange, open } from "./test-raw-client.js";

type Json = Record<string, unknown>;
const T0 = 1_753_434_816_000;
let site: EmulatedSite;
let host: string;
let port: number;

beforeAll(async () => {
  site = await startEmulatedSite({
    units: 3,
    baseAddress: "127.0.1.40",
    port: 0,
    clock: new ManualClock(T0),
  });
  ({ host, port } = site.units[0] as { host: string; port: number });
});
afterAll(() => site.stop());
beforeEach(() => site.clearFaults());

describe("faults seen from a client", () => {
  it("no-answer: connection accepted, no reply before the client gives up", async () => {
    await site.setFault(0, { kind: "no-answer" });
    const r = await exchange(host, port, '{"command":"summary"}', 300);
    expect(r.ending).toBe("timeout");
    expect(r.bytes).toHaveLength(0);
    // The held connection does not block the next one.
    await site.clearFaults(0);
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("closed");
  });

  it("slow: a correct reply after the delay", async () => {
    await site.setFault(0, { kind: "slow", delayMs: 250 });
    const r = await exchange(host, port, '{"command":"version"}');
    expect(r.ending).toBe("closed");
    expect(r.elapsedMs).toBeGreaterThanOrEqual(240);
    expect(r.bytes.at(-1)).toBe(0);
  });

  it("reset: the connection is reset without a reply", async () => {
    await site.setFault(0, { kind: "reset" });
    const r = await exchange(host, port, '{"command":"version"}');
    expect(r.ending).toBe("reset");
    expect(r.bytes).toHaveLength(0);
  });

  it("garbage: bytes that are neither JSON nor NUL-terminated", async () => {
    await site.setFault(0, { kind: "garbage" });
    const r = await exchange(host, port, '{"command":"version"}');
    expect(r.ending).toBe("closed");
    expect(r.bytes.length).toBeGreaterThanOrEqual(64);
    expect(r.bytes[0]).not.toBe(0x7b);
    expect(r.bytes.includes(0)).toBe(false);
    expect(() => JSON.parse(r.bytes.toString())).toThrow();
  });

  it("truncated: the start of a real reply, cut short and unterminated", async () => {
    await site.setFault(0, { kind: "truncated" });
    const r = await exchange(host, port, '{"command":"summary"}');
    expect(r.ending).toBe("closed");
    const text = r.bytes.toString();
    expect(text.startsWith('{"STATUS":[{"STATUS":"S"')).toBe(true);
    expect(r.bytes.at(-1)).not.toBe(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("offline: connections refused until cleared, then served on the same port", async () => {
    await site.setFault(0, { kind: "offline" });
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("refused");
    await site.clearFaults(0);
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("closed");
  });

  it("offline takes effect at once even while a connection is held open", async () => {
    await site.setFault(0, { kind: "no-answer" });
    const held = open(host, port, 2000);
    await held.ready;
    held.send('{"command":"version"}');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await site.setFault(0, { kind: "offline" });
    expect(Date.now() - started).toBeLessThan(500);
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("refused");
    await site.clearFaults(0);
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("closed");
    expect((await held.result).bytes).toHaveLength(0);
  });

  it("stuck-fault: well-formed replies showing the fault, zero hash; clearing reboots", async () => {
    await site.setFault(0, { kind: "stuck-fault", boardErrorCodes: [0, 0, 513, 0] });
    const stats = async () =>
      bracketFields(
        String(
          (((await askJson(host, port, { command: "litestats" })).STATS as Json[])[0] as Json)[
            "MM ID0:Summary"
          ],
        ),
      );
    const f = await stats();
    expect(f.get("STATE")).toBe("3");
    expect(f.get("SYSTEMSTATU")).toBe("Work: In Fault, Hash Board: 4");
    expect(f.get("ECHU")).toBe("0 0 513 0");
    expect(f.get("GHSspd")).toBe("0.00");
    expect(site.snapshot().unitsWithFault).toBe(1);
    await site.clearFaults(0);
    expect((await stats()).get("STATE")).toBe("0");
  });

  it("applies to the selected units only", async () => {
    const chosen = await site.setFault([1, 2], { kind: "reset" });
    expect(chosen).toEqual([1, 2]);
    expect((await exchange(host, port, '{"command":"version"}')).ending).toBe("closed");
    const other = site.units[2] as { host: string; port: number };
    expect((await exchange(other.host, other.port, '{"command":"version"}')).ending).toBe("reset");
  });
});

describe("fault selection", () => {
  it("picks an exact, seed-stable share of the fleet", () => {
    const a = selectUnits({ share: 0.1, seed: 7 }, 500);
    expect(a).toHaveLength(50);
    expect(selectUnits({ share: 0.1, seed: 7 }, 500)).toEqual(a);
    expect(selectUnits({ share: 0.1, seed: 8 }, 500)).not.toEqual(a);
    const larger = selectUnits({ share: 0.2, seed: 7 }, 500);
    expect(a.every((i) => larger.includes(i))).toBe(true);
    expect(selectUnits("all", 3)).toEqual([0, 1, 2]);
    expect(() => selectUnits(3, 3)).toThrow();
  });

  it("parses the CLI fault form", () => {
    expect(parseFaultSpec("no-answer:0.02")).toEqual({ fault: { kind: "no-answer" }, share: 0.02 });
    expect(parseFaultSpec("slow@2000:0.5")).toEqual({ fault: { kind: "slow", delayMs: 2000 }, share: 0.5 });
    expect(parseFaultSpec("slow:1").fault).toEqual({ kind: "slow", delayMs: 5000 });
    expect(() => parseFaultSpec("melt:0.1")).toThrow(/kind/);
    expect(() => parseFaultSpec("reset:2")).toThrow(/share/);
    expect(() => parseFaultSpec("reset@5:0.1")).toThrow(/only slow/);
  });
});
