import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../../domain/clock.js";
import { DriverError } from "../../../domain/errors.js";
import { CgminerClient } from "../../protocols/cgminer/client.js";
import { CgminerScheduler } from "../../protocols/cgminer/scheduler.js";
import { wireJson } from "../../protocols/cgminer/test-fixtures.js";
import { refusedEndpoint, replyAndClose, startScriptedServer } from "../../protocols/cgminer/test-server.js";
import { AvalonDriver } from "./driver.js";
import { refusal, type ScriptedAvalon, startScriptedAvalon } from "./test-unit.js";

const START_MS = 1_760_000_000_000;
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

function virtualTime(): { clock: Clock; sleep: (ms: number) => Promise<void> } {
  let now = START_MS;
  return {
    clock: { nowMs: () => now },
    sleep: async (ms) => {
      now += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

async function unitAndDriver(initial: Parameters<typeof startScriptedAvalon>[0] = {}, timeoutMs = 1000) {
  const unit = await startScriptedAvalon(initial);
  closers.push(unit.close);
  const time = virtualTime();
  const driver = new AvalonDriver({
    endpoint: unit.endpoint,
    scheduler: new CgminerScheduler(),
    clock: time.clock,
    sleep: time.sleep,
    timeoutMs,
  });
  return { unit, driver };
}

const ascsets = (unit: ScriptedAvalon) => unit.commands().filter((c) => c.startsWith("ascset"));

async function rejection(p: Promise<unknown>): Promise<DriverError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DriverError) return e;
    throw e;
  }
  throw new Error("expected a DriverError");
}

describe("AvalonDriver telemetry", () => {
  it("identifies and reads an A1566HA in the emulator-contract shape", async () => {
    const { unit, driver } = await unitAndDriver();
    expect(await driver.identify()).toEqual({
      vendor: "canaan",
      model: "A1566HA",
      firmware: "25061801_a1566ha",
      serial: "0201000012345678",
      mac: "e0:e1:a9:00:00:01",
      hashBoardCount: 4,
    });
    const status = await driver.readStatus();
    expect(status).toMatchObject({
      state: "hashing",
      hashrateThs: 480,
      powerW: 8064,
      powerSource: "wall",
      modePowerLimitW: 8064,
      workMode: 1,
      coolantInletC: 31,
      coolantOutletC: 39,
      boardTempMaxC: 44,
      chipTempMaxC: 71,
      uptimeS: 86_400,
    });
    expect(status.hashBoards).toHaveLength(4);
    // identify() cached the identity, so readStatus does not ask for version again. This scripted unit does not join
    // commands, so after one refused joined request the driver asks one command at a time, and keeps doing so.
    expect(unit.commands()).toEqual(["version", "litestats+summary+pools", "litestats", "summary", "pools"]);
    await driver.readStatus();
    expect(unit.commands().slice(5)).toEqual(["litestats", "summary", "pools"]);
  });

  it("falls back to estats when litestats is refused, and reads the real A1566 replies", async () => {
    const server = await startScriptedServer((req, socket) => {
      const files: Record<string, string> = {
        version: "a1566_fw24102401_version.json",
        estats: "a1566_fw24102401_estats.json",
        devs: "a1566_fw24102401_devs.json",
        pools: "a1566_fw24102401_pools.json",
      };
      const file = files[req.command ?? ""];
      if (file !== undefined) return replyAndClose(socket, wireJson("avalon", file));
      return replyAndClose(
        socket,
        '{"STATUS":[{"STATUS":"E","When":986,"Code":14,"Msg":"Invalid command"}],"id":1}',
      );
    });
    closers.push(server.close);
    const driver = new AvalonDriver({
      endpoint: server.endpoint,
      client: new CgminerClient(),
      clock: virtualTime().clock,
    });
    const status = await driver.readStatus();
    expect(status).toMatchObject({
      state: "hashing",
      powerW: 3731,
      modePowerLimitW: 3515,
      workMode: 1,
      uptimeS: 975,
    });
    expect(status.pools).toHaveLength(3);
    expect(server.requests.map((r) => r.command)).toEqual([
      "version",
      "litestats+summary+pools",
      "litestats",
      "estats",
      "summary",
      "pools",
    ]);
    // A refused litestats is not asked again, nor is the joined request.
    await driver.readStatus();
    expect(server.requests.slice(6).map((r) => r.command)).toEqual(["estats", "summary", "pools"]);
  });

  it("falls back to estats when litestats comes back with an empty summary", async () => {
    const { unit, driver } = await unitAndDriver();
    unit.unit.overrides.litestats = (socket) =>
      replyAndClose(
        socket,
        '{"STATUS":[{"STATUS":"S","Code":70,"Msg":"CGMiner stats"}],"STATS":[{"MM ID0:Summary":""}],"id":1}',
      );
    expect((await driver.readStatus()).state).toBe("hashing");
    expect(unit.commands()).toContain("estats");
  });
});

describe("AvalonDriver control", () => {
  it("sleep: sends softoff for now+5 s once, then polls until the unit reads as sleeping", async () => {
    const { unit, driver } = await unitAndDriver();
    unit.unit.ascset = (param, u, socket) => {
      u.pending = { afterReads: 2, apply: (x) => (x.phase = "sleeping") };
      replyAndClose(
        socket,
        JSON.stringify({
          STATUS: [
            {
              STATUS: "I",
              When: 1,
              Code: 118,
              Msg: `ASC 0 set info: success softoff:${param.split(":")[1]}`,
            },
          ],
        }),
      );
    };
    const outcome = await driver.sleep();
    expect(ascsets(unit)).toEqual([`ascset 0,softoff,1:${START_MS / 1000 + 5}`]);
    expect(outcome).toMatchObject({ acknowledged: true, confirmed: true, ackMs: 0, confirmMs: 4000 });
    expect(outcome.detail).toBe(`ASC 0 set info: success softoff:${START_MS / 1000 + 5}`);
    expect(outcome.status?.state).toBe("sleeping");
    expect(outcome.status?.powerW).toBe(120);
  });

  it("wake: a softon that closes without replying is not re-sent; the read-back confirms it", async () => {
    const { unit, driver } = await unitAndDriver({ phase: "sleeping" });
    unit.unit.ascset = (_param, u, socket) => {
      u.pending = { afterReads: 1, apply: (x) => (x.phase = "booting") };
      socket.end();
    };
    const outcome = await driver.wake({ delayS: 10 });
    expect(ascsets(unit)).toEqual([`ascset 0,softon,1:${START_MS / 1000 + 10}`]);
    expect(outcome.acknowledged).toBe(false);
    expect(outcome.confirmed).toBe(true);
    expect(outcome.ackMs).toBeUndefined();
    expect(outcome.detail).toMatch(/reply lost \(reset.*without replying.*not re-sent/);
    expect(outcome.status?.state).toBe("starting");
  });

  it("a write whose reply times out is read back, not repeated", async () => {
    const { unit, driver } = await unitAndDriver({}, 200);
    unit.unit.ascset = (_param, u) => {
      u.phase = "sleeping";
    };
    const outcome = await driver.sleep({ delayS: 0 });
    expect(ascsets(unit)).toHaveLength(1);
    expect(outcome).toMatchObject({ acknowledged: false, confirmed: true });
    expect(outcome.detail).toContain("reply lost (timeout");
  });

  it("reports an acknowledged write that never shows up as unconfirmed, after a bounded number of reads", async () => {
    const { unit, driver } = await unitAndDriver();
    const outcome = await driver.sleep({ delayS: 0, confirmTimeoutMs: 6000, confirmIntervalMs: 2000 });
    expect(outcome).toMatchObject({ acknowledged: true, confirmed: false });
    expect(outcome.detail).toContain("not confirmed within 6000 ms (last state hashing)");
    expect(outcome.status?.state).toBe("hashing");
    expect(unit.commands().filter((c) => c === "litestats")).toHaveLength(3);
    expect(ascsets(unit)).toHaveLength(1);
  });

  it("noConfirm returns right after the reply", async () => {
    const { unit, driver } = await unitAndDriver();
    const outcome = await driver.sleep({ noConfirm: true });
    expect(outcome).toMatchObject({ acknowledged: true, confirmed: false, ackMs: 0 });
    expect(unit.commands().slice(-1)[0]).toMatch(/^ascset 0,softoff,1:/);
  });

  it("setWorkMode: 119 acknowledged, confirmed by WORKMODE", async () => {
    const { unit, driver } = await unitAndDriver();
    unit.unit.ascset = (param, u, socket) => {
      u.workMode = Number(param.split(",")[3]);
      replyAndClose(socket, wireJson("avalon", "asicrs_avalonq_ascset_workmode.json"));
    };
    const outcome = await driver.setWorkMode(2);
    expect(ascsets(unit)).toEqual(["ascset 0,workmode,set,2"]);
    expect(outcome).toMatchObject({
      acknowledged: true,
      confirmed: true,
      detail: "ASC 0 set OK",
      confirmMs: 2000,
    });
    expect(outcome.status).toMatchObject({ workMode: 2, modePowerLimitW: 8870 });
  });

  it("setWorkMode while calibrating: the firmware's refusal is a rejected error, with no read-back", async () => {
    const { unit, driver } = await unitAndDriver({ phase: "calibrating" });
    unit.unit.ascset = (_param, _u, socket) =>
      replyAndClose(socket, JSON.stringify(refusal("current mode 1 is caling Don't permit switch mode")));
    const e = await rejection(driver.setWorkMode(0));
    expect(e.kind).toBe("rejected");
    expect(e.message).toContain("ASC 0 set failed: current mode 1 is caling Don't permit switch mode");
    expect(unit.commands()).toEqual(["ascset 0,workmode,set,0"]);
  });

  it.each([3, -1, 1.5, Number.NaN])("setWorkMode(%s) is refused before anything is sent", async (mode) => {
    const { unit, driver } = await unitAndDriver();
    const e = await rejection(driver.setWorkMode(mode));
    expect(e.kind).toBe("invalid-argument");
    expect(unit.commands()).toEqual([]);
  });

  it("rejects a bad delay before anything is sent", async () => {
    const { unit, driver } = await unitAndDriver();
    expect((await rejection(driver.sleep({ delayS: -1 }))).field).toBe("delayS");
    expect(unit.commands()).toEqual([]);
  });

  it("reboot: confirmed once the unit comes back with a fresh uptime", async () => {
    const { unit, driver } = await unitAndDriver();
    unit.unit.ascset = (_param, u, socket) => {
      u.dropReads = 2;
      u.elapsedS = 3;
      u.phase = "booting";
      socket.destroy();
    };
    const outcome = await driver.reboot();
    expect(ascsets(unit)).toEqual(["ascset 0,reboot,0"]);
    expect(outcome).toMatchObject({ acknowledged: false, confirmed: true, confirmMs: 6000 });
    expect(outcome.status).toMatchObject({ state: "starting", uptimeS: 3 });
  });

  it("a refused connection is thrown: nothing was delivered", async () => {
    const time = virtualTime();
    const driver = new AvalonDriver({
      endpoint: await refusedEndpoint(),
      scheduler: new CgminerScheduler(),
      clock: time.clock,
      sleep: time.sleep,
    });
    expect((await rejection(driver.sleep())).kind).toBe("unreachable");
  });
});
