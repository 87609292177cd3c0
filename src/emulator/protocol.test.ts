import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { EMULATED_COMMANDS } from "./dispatch.js";
import { type EmulatedSite, startEmulatedSite } from "./site.js";
import { askJson, askText, bracketFields, exchange } from "./test-raw-client.js";

// Replies over real TCP compared with captured firmware replies: the A1566 (pyasic) fixtures keep the firmware's
// key order; the Avalon Q (asic-rs) fixtures were re-sorted, so only their key sets and status codes are compared.

const FIXTURES = new URL("../../fixtures/miners/avalon/", import.meta.url);
type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Json;
const first = (reply: Json, section: string): Json => (reply[section] as Json[])[0] as Json;
const sortedKeys = (o: Json) => Object.keys(o).sort();

const T0 = 1_753_434_816_000;
const WHEN = T0 / 1000;
let site: EmulatedSite;
let host: string;
let port: number;

beforeAll(async () => {
  site = await startEmulatedSite({ units: 2, baseAddress: "127.0.1.1", port: 0, clock: new ManualClock(T0) });
  ({ host, port } = site.units[0] as { host: string; port: number });
});
afterAll(() => site.stop());

describe("framing", () => {
  it("answers JSON with JSON and one trailing NUL, then closes", async () => {
    const r = await exchange(host, port, '{"command":"version"}');
    expect(r.ending).toBe("closed");
    expect(r.bytes.at(-1)).toBe(0);
    expect(r.bytes.indexOf(0)).toBe(r.bytes.length - 1);
    expect(JSON.parse(r.bytes.subarray(0, -1).toString())).toHaveProperty("VERSION");
  });

  it("answers text with text", async () => {
    const text = await askText(host, port, "version");
    expect(text).toMatch(
      new RegExp(
        `^STATUS=S,When=${WHEN},Code=22,Msg=CGMiner versions,Description=cgminer 4\\.11\\.1\\|VERSION,CGMiner=4\\.11\\.1,API=3\\.7,PROD=AvalonMiner 1566HA,MODEL=1566HA,HWTYPE=MM4v3_X4,SWTYPE=MM319,VERSION=25061801_a1566ha,LVERSION=25061801_a1566ha,BVERSION=25061801_a1566ha,CGVERSION=25061801_a1566ha,DNA=[0-9a-f]{16},MAC=[0-9a-f]{12},UPAPI=2\\|$`,
      ),
    );
  });

  it("takes the text parameter after the first |", async () => {
    expect(await askText(host, port, "check|summary")).toMatch(/\|CHECK,Exists=Y,Access=Y\|$/);
    expect(await askText(host, port, "check|nope")).toMatch(/\|CHECK,Exists=N,Access=N\|$/);
  });

  it("takes a numeric JSON parameter as its decimal text", async () => {
    const r = await askJson(host, port, { command: "check", parameter: 5 });
    expect(first(r, "CHECK")).toEqual({ Exists: "N", Access: "N" });
  });

  it("serves one command per connection", async () => {
    const r = await exchange(host, port, '{"command":"version"}{"command":"summary"}');
    expect(r.ending).toBe("closed");
    const text = r.bytes.subarray(0, -1).toString();
    expect(text.startsWith('{"STATUS":[{"STATUS":"E"')).toBe(true);
    expect(text).toContain('"Code":23');
  });

  it("answers unknown commands exactly like the firmware (no Description)", async () => {
    const r = await exchange(host, port, '{"command":"minerstats"}');
    expect(r.bytes.toString()).toBe(
      `{"STATUS":[{"STATUS":"E","When":${WHEN},"Code":14,"Msg":"Invalid command"}],"id":1}\0`,
    );
    expect(await askText(host, port, "version\n")).toBe(`STATUS=E,When=${WHEN},Code=14,Msg=Invalid command|`);
  });

  it("reports malformed JSON requests", async () => {
    expect(first(await askJson(host, port, "{nope"), "STATUS")).toMatchObject({
      Code: 23,
      Msg: "Invalid JSON",
    });
    expect(first(await askJson(host, port, { parameter: "x" }), "STATUS")).toMatchObject({
      Code: 24,
      Msg: "Missing JSON 'command'",
    });
  });

  it("joins report commands with +, and refuses write commands inside a join", async () => {
    const r = await askJson(host, port, { command: "version+summary+ascset" });
    expect(Object.keys(r)).toEqual(["version", "summary", "ascset", "id"]);
    expect(first(first(r, "version"), "VERSION")).toHaveProperty("MODEL", "1566HA");
    expect(first(first(r, "summary"), "STATUS")).toMatchObject({ Code: 11 });
    expect(first(first(r, "ascset"), "STATUS")).toMatchObject({
      Code: 45,
      Msg: "Access denied to 'ascset' command",
    });
    expect(await askText(host, port, "version+nope")).toMatch(
      /^CMD=version\|STATUS=S,.*\|CMD=nope\|STATUS=E,.*Code=14/,
    );
  });
});

describe("reply shapes match the real firmware", () => {
  it("STATUS keeps the firmware's key order", async () => {
    const status = first(await askJson(host, port, { command: "version" }), "STATUS");
    expect(Object.keys(status)).toEqual(
      Object.keys(first(fixture("a1566_fw24102401_version.json"), "STATUS")),
    );
    expect(status).toEqual({
      STATUS: "S",
      When: WHEN,
      Code: 22,
      Msg: "CGMiner versions",
      Description: "cgminer 4.11.1",
    });
  });

  it("version", async () => {
    const v = first(await askJson(host, port, { command: "version" }), "VERSION");
    expect(Object.keys(v)).toEqual([
      "CGMiner",
      "API",
      "PROD",
      "MODEL",
      "HWTYPE",
      "SWTYPE",
      "VERSION",
      "LVERSION",
      "BVERSION",
      "CGVERSION",
      "DNA",
      "MAC",
      "UPAPI",
    ]);
    expect(v).toMatchObject({
      PROD: "AvalonMiner 1566HA",
      MODEL: "1566HA",
      HWTYPE: "MM4v3_X4",
      SWTYPE: "MM319",
    });
    expect(v).toMatchObject({ CGMiner: "4.11.1", API: "3.7", UPAPI: "2", VERSION: "25061801_a1566ha" });
    const other = first(
      await askJson(site.units[1]?.host ?? "", site.units[1]?.port ?? 0, { command: "version" }),
      "VERSION",
    );
    expect(other.DNA).not.toBe(v.DNA);
    expect(other.MAC).not.toBe(v.MAC);
  });

  it("summary and devs carry the fixture's keys, in api.c order", async () => {
    const summary = await askJson(host, port, { command: "summary" });
    expect(first(summary, "STATUS")).toMatchObject({ Code: 11, Msg: "Summary" });
    expect(sortedKeys(first(summary, "SUMMARY"))).toEqual(
      sortedKeys(first(fixture("asicrs_avalonq_summary.json"), "SUMMARY")),
    );
    const devs = await askJson(host, port, { command: "devs" });
    expect(first(devs, "STATUS")).toMatchObject({ Code: 9, Msg: "1 ASC(s)" });
    const a1566Order = Object.keys(first(fixture("a1566_fw24102401_devs.json"), "DEVS")).map((k) =>
      k === "MHS 30s" ? "MHS 5s" : k,
    );
    expect(Object.keys(first(devs, "DEVS"))).toEqual(a1566Order);
    expect(sortedKeys(first(devs, "DEVS"))).toEqual(
      sortedKeys(first(fixture("asicrs_avalonq_devs.json"), "DEVS")),
    );
  });

  it("summary hashrates are MH/s consistent with the unit's physics", async () => {
    const s = first(await askJson(host, port, { command: "summary" }), "SUMMARY");
    const r = site.unit(0).readings();
    expect(s["MHS 5s"]).toBeCloseTo(r.hashrateThs * 1e6, 0);
    expect(s["MHS av"]).toBeCloseTo(r.avgHashrateThs * 1e6, 0);
    expect(Number(s["MHS 1m"]) / 1e6).toBeGreaterThan(400);
  });

  it("pools: one alive stratum pool, keys in the A1566 order", async () => {
    const r = await askJson(host, port, { command: "pools" });
    expect(first(r, "STATUS")).toMatchObject({ Code: 7, Msg: "1 Pool(s)" });
    expect(r.POOLS as Json[]).toHaveLength(1);
    const pool = first(r, "POOLS");
    expect(Object.keys(pool)).toEqual(Object.keys(first(fixture("a1566_fw24102401_pools.json"), "POOLS")));
    expect(pool).toMatchObject({ Status: "Alive", "Stratum Active": true, "Has Stratum": true });
  });

  it("config, devdetails, coin and check", async () => {
    for (const [command, section, name] of [
      ["config", "CONFIG", "asicrs_avalonq_config.json"],
      ["devdetails", "DEVDETAILS", "asicrs_avalonq_devdetails.json"],
      ["coin", "COIN", "asicrs_avalonq_coin.json"],
    ] as const) {
      const r = await askJson(host, port, { command });
      const f = fixture(name);
      expect(first(r, "STATUS")).toMatchObject({
        Code: first(f, "STATUS").Code,
        Msg: first(f, "STATUS").Msg,
      });
      expect(sortedKeys(first(r, section))).toEqual(sortedKeys(first(f, section)));
    }
    for (const command of EMULATED_COMMANDS) {
      const check = await askJson(host, port, { command: "check", parameter: command });
      expect(first(check, "STATUS")).toMatchObject({ Code: 72, Msg: "Check command" });
      expect(first(check, "CHECK")).toEqual({ Exists: "Y", Access: "Y" });
    }
    expect(first(await askJson(host, port, { command: "check" }), "STATUS")).toMatchObject({
      STATUS: "E",
      Code: 71,
      Msg: "Missing check cmd",
    });
  });

  it("stats: device item with Summary + HBinfo, then the pool item", async () => {
    const r = await askJson(host, port, { command: "stats" });
    const f = fixture("asicrs_avalonq_stats.json");
    expect(first(r, "STATUS")).toMatchObject({ Code: 70, Msg: "CGMiner stats" });
    const [dev, pool] = r.STATS as Json[];
    const [fDev, fPool] = f.STATS as Json[];
    expect(Object.keys(dev ?? {})).toEqual([
      "STATS",
      "ID",
      "Elapsed",
      "Calls",
      "Wait",
      "Max",
      "Min",
      "MM ID0:Summary",
      "HBinfo",
    ]);
    expect(sortedKeys(dev ?? {})).toEqual(sortedKeys(fDev ?? {}));
    expect(sortedKeys(pool ?? {})).toEqual(sortedKeys(fPool ?? {}));
    const hb = String(dev?.HBinfo);
    for (let b = 0; b < 4; b++) {
      const block = new RegExp(
        `'HB${b}':\\{PVT_T${b}\\[([^\\]]*)\\] PVT_V${b}\\[([^\\]]*)\\] MW${b}\\[([^\\]]*)\\]\\}`,
      ).exec(hb);
      expect(block).not.toBeNull();
      expect(block?.[1]?.trim().split(/\s+/)).toHaveLength(160);
      expect(block?.[3]?.trim().split(/\s+/)).toHaveLength(160);
    }
    const raw = (await exchange(host, port, '{"command":"stats"}')).bytes.toString();
    expect(raw).toContain(
      '"Wait":0.000000,"Max":0.000000,"Min":99999999.000000,"MM ID0:Summary":"\'STATS\':{Ver[',
    );
  });

  it("estats has no pool item; litestats only the summary string", async () => {
    const e = await askJson(host, port, { command: "estats" });
    expect(e.STATS as Json[]).toHaveLength(1);
    expect(first(e, "STATS")).toHaveProperty("HBinfo");
    const l = await askJson(host, port, { command: "litestats" });
    expect(Object.keys(first(l, "STATS"))).toEqual(
      Object.keys(first(fixture("asicrs_avalonq_litestats.json"), "STATS")),
    );
  });

  it("the summary string has the Avalon Q's field style with four boards", async () => {
    const l = await askJson(host, port, { command: "litestats" });
    const text = String(first(l, "STATS")["MM ID0:Summary"]);
    expect(text.startsWith("'STATS':{Ver[1566HA-25061801_a1566ha] ")).toBe(true);
    expect(text.endsWith(" Nonce Mask[25]}")).toBe(true);
    const ours = bracketFields(text);
    const q = bracketFields(
      String(first(fixture("asicrs_avalonq_litestats.json"), "STATS")["MM ID0:Summary"]),
    );
    for (const key of [
      "STATE",
      "SYSTEMSTATU",
      "Elapsed",
      "ITemp",
      "HBITemp",
      "HBOTemp",
      "TMax",
      "TAvg",
      "PS",
      "GHSspd",
    ]) {
      expect(ours.has(key), key).toBe(true);
    }
    for (const key of ["GHSmm", "GHSavg", "MGHS", "SoftOFF", "SoftOffTime", "SoftOnTime", "ECHU", "ECMM"]) {
      expect(ours.has(key), key).toBe(true);
    }
    for (const key of [
      "WORKMODE",
      "WORKLEVEL",
      "MPO",
      "CALIALL",
      "ADJ",
      "Nonce Mask",
      "WALLPOWER",
      "MTmax",
      "MTavg",
    ]) {
      expect(ours.has(key), key).toBe(true);
    }
    // Fields both have appear in the same relative order.
    const shared = [...q.keys()].filter((k) => ours.has(k));
    const oursOrder = [...ours.keys()].filter((k) => q.has(k));
    expect(oursOrder).toEqual(shared);
    expect(ours.get("SYSTEMSTATU")).toBe("Work: In Work, Hash Board: 4");
    expect(ours.get("STATE")).toBe("1");
    expect(ours.get("SoftOFF")).toBe("0");
    const ps = (ours.get("PS") ?? "").split(" ").map(Number);
    expect(ps).toHaveLength(7);
    expect(ours.get("WALLPOWER")).toBe(String(ps[6]));
    expect(ours.get("MGHS")?.split(" ")).toHaveLength(4);
    expect(ours.get("MTmax")?.split(" ")).toHaveLength(4);
    expect(ours.get("ECHU")).toBe("0 0 0 0");
    expect(ours.get("MPO")).toBe(String(Math.round(8064 * 0.94)));
    expect(Number(ours.get("ITemp"))).toBe(35);
    expect(Number(ours.get("HBOTemp"))).toBeGreaterThan(40);
  });
});
