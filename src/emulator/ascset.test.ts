import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { type EmulatedSite, startEmulatedSite } from "./site.js";
import { askJson, bracketFields, exchange } from "./test-raw-client.js";

type Json = Record<string, unknown>;
const FIXTURES = new URL("../../fixtures/miners/avalon/", import.meta.url);
const fixtureStatus = (name: string): Json =>
  ((JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Json).STATUS as Json[])[0] as Json;

const T0 = 1_753_434_816_000;
const S = 1000;
let site: EmulatedSite | undefined;
afterEach(() => site?.stop());

async function start(opts: Partial<Parameters<typeof startEmulatedSite>[0]> = {}) {
  const clock = new ManualClock(T0);
  site = await startEmulatedSite({
    units: 1,
    baseAddress: "127.0.1.20",
    port: 0,
    clock,
    seed: null,
    ...opts,
  });
  const u = site.units[0] as { host: string; port: number };
  const ascset = async (parameter: string) =>
    ((await askJson(u.host, u.port, { command: "ascset", parameter })).STATUS as Json[])[0] as Json;
  const stats = async () => {
    const r = await askJson(u.host, u.port, { command: "litestats" });
    return bracketFields(String(((r.STATS as Json[])[0] as Json)["MM ID0:Summary"]));
  };
  return { clock, u, ascset, stats };
}

describe("ascset over TCP", () => {
  it("soft-off: I/118 with the epoch, executed at that epoch, standby power within seconds", async () => {
    const { clock, ascset, stats } = await start();
    const when = T0 / 1000;
    const reply = await ascset(`0,softoff,1:${when + 5}`);
    expect(reply).toEqual({
      STATUS: "I",
      When: when,
      Code: 118,
      Msg: `ASC 0 set info: success softoff:${when + 5}`,
      Description: "cgminer 4.11.1",
    });
    const q = fixtureStatus("asicrs_avalonq_ascset_softoff.json");
    expect({ s: reply.STATUS, c: reply.Code }).toEqual({ s: q.STATUS, c: q.Code });

    clock.advance(4 * S);
    expect((await stats()).get("STATE")).toBe("1");
    clock.advance(1 * S);
    const asleep = await stats();
    expect(asleep.get("STATE")).toBe("2");
    expect(asleep.get("SYSTEMSTATU")).toBe("Work: In Idle, Hash Board: 4");
    expect(asleep.get("SoftOFF")).toBe("4");
    expect(asleep.get("SoftOffTime")).toBe(String(when + 5));
    expect(asleep.get("GHSspd")).toBe("0.00");
    clock.advance(3 * S);
    const settled = await stats();
    expect(settled.get("WALLPOWER")).toBe("120");
    expect(settled.get("PS")).toBe("0 1221 4 0 0 2245 120");
    expect(settled.get("TMax")).toBe("0");
  });

  it("soft-on: boots, refuses mode changes while calibrating, then hashes in its last mode", async () => {
    const { clock, ascset, stats } = await start({ initial: "sleeping" });
    const when = T0 / 1000;
    expect(await ascset(`0,softon,1:${when}`)).toMatchObject({
      Code: 118,
      Msg: `ASC 0 set info: success softon:${when}`,
    });
    clock.advance(10 * S);
    const booting = await stats();
    expect(booting.get("STATE")).toBe("0");
    expect(booting.get("SoftOFF")).toBe("6");
    expect(booting.get("ADJ")).toBe("0");

    clock.advance(100 * S);
    const calibrating = await stats();
    expect(calibrating.get("STATE")).toBe("1");
    expect(calibrating.get("ADJ")).toBe("0");
    expect(Number(calibrating.get("BAR"))).toBeGreaterThan(0);
    expect(await ascset("0,workmode,set,2")).toEqual({
      STATUS: "E",
      When: when + 110,
      Code: 120,
      Msg: "ASC 0 set failed: current mode 1 is caling Don't permit switch mode",
      Description: "cgminer 4.11.1",
    });
    expect(await ascset("0,worklevel,set,0")).toMatchObject({
      Code: 120,
      Msg: "ASC 0 set failed: current level 0 is caling,Don't permit switch level",
    });

    clock.advance(200 * S);
    const hashing = await stats();
    expect(hashing.get("ADJ")).toBe("1");
    expect(hashing.has("BAR")).toBe(false);
    expect(hashing.get("GHSspd")).toBe("480000.00");
    const ok = await ascset("0,workmode,set,2");
    expect(ok).toMatchObject({ STATUS: "S", Code: 119, Msg: "ASC 0 set OK" });
    const q = fixtureStatus("asicrs_avalonq_ascset_workmode.json");
    expect({ s: ok.STATUS, c: ok.Code, m: ok.Msg }).toEqual({ s: q.STATUS, c: q.Code, m: q.Msg });
    expect(await ascset("0,workmode,get")).toMatchObject({ Code: 118, Msg: "ASC 0 set info: workmode 2" });
    clock.advance(10 * S);
    expect((await stats()).get("MPO")).toBe(String(Math.round(8870 * 0.94)));
  });

  it("soft-on can close without replying (configurable quirk) and still wakes the unit", async () => {
    const { clock, u, stats } = await start({ initial: "sleeping", quirks: { softonNoReply: true } });
    const r = await exchange(u.host, u.port, `ascset|0,softon,1:${T0 / 1000}`);
    expect(r.ending).toBe("closed");
    expect(r.bytes).toHaveLength(0);
    clock.advance(1 * S);
    expect((await stats()).get("STATE")).toBe("0");
  });

  it("reboot: S/119, then the unit boots and forgets standby", async () => {
    const { clock, ascset, stats } = await start({ initial: "sleeping" });
    expect((await stats()).get("STATE")).toBe("2");
    expect(await ascset("0,reboot,0")).toMatchObject({ STATUS: "S", Code: 119, Msg: "ASC 0 set OK" });
    clock.advance(1 * S);
    const booting = await stats();
    expect(booting.get("STATE")).toBe("0");
    expect(booting.get("Elapsed")).toBe("1");
    clock.advance(400 * S);
    const back = await stats();
    expect(back.get("STATE")).toBe("1");
    expect(back.get("SoftOFF")).toBe("0");
    expect(back.get("WORKMODE")).toBe("1");
  });

  it("reboot delay and its limits", async () => {
    const { clock, ascset, stats } = await start();
    expect(await ascset("0,reboot")).toMatchObject({
      Code: 120,
      Msg: "ASC 0 set failed: missing reboot setting",
    });
    expect(await ascset("0,reboot,abc")).toMatchObject({ Msg: "ASC 0 set failed: reboot value not number" });
    expect(await ascset("0,reboot,301")).toMatchObject({
      Msg: "ASC 0 set failed: reboot value should be 0~300 seconds",
    });
    expect(await ascset("0,reboot,10")).toMatchObject({ Code: 119 });
    clock.advance(9 * S);
    expect((await stats()).get("STATE")).toBe("1");
    clock.advance(1 * S);
    expect((await stats()).get("STATE")).toBe("0");
  });

  it("answers malformed and unknown requests with the firmware's codes and texts", async () => {
    const { ascset } = await start();
    expect(await ascset("")).toMatchObject({ STATUS: "E", Code: 15, Msg: "Missing device id parameter" });
    expect(await ascset("0")).toMatchObject({
      STATUS: "E",
      Code: 116,
      Msg: "Missing option after ASC number",
    });
    expect(await ascset("1,help")).toMatchObject({ Code: 107, Msg: "Invalid ASC id 1 - range is 0 - 0" });
    expect(await ascset("0,x")).toMatchObject({
      STATUS: "E",
      Code: 120,
      Msg: "ASC 0 set failed: Unknown option: x",
    });
    expect(await ascset("0,softoff")).toMatchObject({
      Code: 120,
      Msg: "ASC 0 set failed: missing softoff setting",
    });
    expect(await ascset("0,workmode,set,5")).toMatchObject({
      Msg: "ASC 0 set failed: error:1 not support set workmode max_mode[2]",
    });
    expect(await ascset("0,workmode,turbo")).toMatchObject({
      Msg: "ASC 0 set failed: error:2 parameter error",
    });
    expect(await ascset("0,worklevel,set,3")).toMatchObject({
      Msg: "ASC 0 set failed: worklevel unknown argument",
    });
    expect(await ascset("0,worklevel,get")).toMatchObject({ Code: 118, Msg: "ASC 0 set info: worklevel 0" });
    expect(await ascset("0,work_mode_lvl,get")).toMatchObject({
      Msg: "ASC 0 set info: workmode 1 worklevel 0",
    });
    const help = await ascset("0,help");
    expect(help).toMatchObject({ STATUS: "I", Code: 118 });
    expect(help.Msg).toBe(fixtureStatus("asicrs_avalonq_ascset_help.json").Msg);
  });

  it("text-mode ascset escapes separators in the message", async () => {
    const { u } = await start();
    const r = await exchange(u.host, u.port, "ascset|0,help");
    expect(r.bytes.toString()).toMatch(/^STATUS=I,When=\d+,Code=118,Msg=ASC 0 set info: help\\\|voltage\\\|/);
  });
});
