import type { Socket } from "node:net";
import {
  replyAndClose,
  type ScriptedServer,
  startScriptedServer,
} from "../../protocols/cgminer/test-server.js";
import { A1566HA } from "./models.js";

// Test scaffolding only: a scripted A1566HA answering on a real loopback TCP port with the reply shapes of the
// emulator contract (version as below, litestats/estats in the Avalon Q "MM ID0:Summary" form). State changes are
// scripted per test; this is not the emulator and models no physics.

export type UnitPhase = "hashing" | "sleeping" | "booting" | "calibrating";

export interface ScriptedUnit {
  phase: UnitPhase;
  workMode: number;
  elapsedS: number;
  /** Applied after this many further stats reads, to make the driver poll. */
  pending?: { afterReads: number; apply: (u: ScriptedUnit) => void };
  /** What to do with the next `ascset`; default: reply like the firmware. */
  ascset: (param: string, unit: ScriptedUnit, socket: Socket) => void;
  /** Per-command override, e.g. to make litestats refuse. */
  overrides: Partial<Record<string, (socket: Socket) => void>>;
  /** Number of stats reads to answer by dropping the connection (unit rebooting). */
  dropReads: number;
  whenS: number;
}

const status = (code: number, msg: string, letter = "S", when = 1760000000) => ({
  STATUS: letter,
  When: when,
  Code: code,
  Msg: msg,
  Description: "cgminer 4.11.1",
});

export const A1566HA_VERSION = {
  STATUS: [status(22, "CGMiner versions")],
  VERSION: [
    {
      CGMiner: "4.11.1",
      API: "3.7",
      PROD: "AvalonMiner 1566HA",
      MODEL: "1566HA",
      HWTYPE: "MM4v3_X4",
      SWTYPE: "MM319",
      VERSION: "25061801_a1566ha",
      LVERSION: "25061801_a1566ha",
      BVERSION: "25061801_a1566ha",
      CGVERSION: "25061801_a1566ha",
      DNA: "0201000012345678",
      MAC: "e0e1a9000001",
    },
  ],
  id: 1,
};

export function summaryString(u: ScriptedUnit): string {
  const mode = A1566HA.modes[u.workMode] ?? A1566HA.modes[1];
  const hashing = u.phase === "hashing" || u.phase === "calibrating";
  const ghs = hashing ? (mode?.hashrateThs ?? 0) * 1000 : 0;
  const wall = hashing ? (mode?.powerW ?? 0) : A1566HA.standbyPowerW;
  const work = { hashing: "In Work", calibrating: "In Work", sleeping: "In Idle", booting: "In Init" }[
    u.phase
  ];
  const state = { hashing: 1, calibrating: 1, sleeping: 2, booting: 0 }[u.phase];
  const softOff = { hashing: 0, calibrating: 0, sleeping: 4, booting: 6 }[u.phase];
  const board = (ghs / 4).toFixed(2);
  return (
    `'STATS':{Ver[1566HA-25061801_a1566ha] LVer[25061801_a1566ha] BVer[25061801_a1566ha] DNA[0201000012345678] ` +
    `STATE[${state}] MEMFREE[67896] NETFAIL[0 0 0 0 0 0 0 0] SYSTEMSTATU[Work: ${work}, Hash Board: 4] ` +
    `Elapsed[${u.elapsedS}] ITemp[31] HBITemp[44] HBOTemp[39] TMax[${hashing ? 71 : 0}] TAvg[${hashing ? 64 : 0}] ` +
    `MTmax[${hashing ? "70 71 69 70" : "0 0 0 0"}] SoftOffTime[1759990000] SoftOnTime[1759980000] ` +
    `PS[0 1221 ${hashing ? 1250 : 4} ${hashing ? 600 : 0} ${hashing ? Math.round(wall * 0.95) : 0} 1250 ${wall}] ` +
    `WALLPOWER[${wall}] GHSspd[${ghs.toFixed(2)}] GHSmm[${((mode?.hashrateThs ?? 0) * 1020).toFixed(2)}] ` +
    `GHSavg[${(ghs * 0.98).toFixed(2)}] MGHS[${board} ${board} ${board} ${board}] SoftOFF[${softOff}] ` +
    `ECHU[0 0 0 0] ECMM[0] WORKMODE[${u.workMode}] WORKLEVEL[0] MPO[${mode?.powerW ?? 0}] ` +
    `ADJ[${u.phase === "calibrating" ? 0 : 1}] Nonce Mask[25]}`
  );
}

function statsReply(u: ScriptedUnit): unknown {
  return {
    STATUS: [status(70, "CGMiner stats")],
    STATS: [{ STATS: 0, ID: "AVALON0", Elapsed: u.elapsedS, "MM ID0:Summary": summaryString(u) }],
    id: 1,
  };
}

/** The firmware's reply to an `ascset` that succeeded. */
export function ascsetOk(param: string, whenS: number): unknown {
  const [, option, arg] = param.split(",");
  if (option === "softoff" || option === "softon") {
    return {
      STATUS: [status(118, `ASC 0 set info: success ${option}:${arg?.split(":")[1]}`, "I", whenS)],
      id: 1,
    };
  }
  return { STATUS: [status(119, "ASC 0 set OK", "S", whenS)], id: 1 };
}

export function refusal(msg: string): unknown {
  return { STATUS: [status(120, `ASC 0 set failed: ${msg}`, "E")], id: 1 };
}

export interface ScriptedAvalon extends ScriptedServer {
  unit: ScriptedUnit;
  commands(): string[];
}

export async function startScriptedAvalon(initial: Partial<ScriptedUnit> = {}): Promise<ScriptedAvalon> {
  const unit: ScriptedUnit = {
    phase: "hashing",
    workMode: 1,
    elapsedS: 86_400,
    overrides: {},
    dropReads: 0,
    whenS: 1760000000,
    ascset: (param, u, socket) => replyAndClose(socket, JSON.stringify(ascsetOk(param, u.whenS))),
    ...initial,
  };
  const server = await startScriptedServer((req, socket) => {
    const command = req.command ?? "";
    const override = unit.overrides[command];
    if (override !== undefined) return override(socket);
    if (command === "version") return replyAndClose(socket, JSON.stringify(A1566HA_VERSION));
    if (command === "litestats" || command === "estats" || command === "stats") {
      if (unit.dropReads > 0) {
        unit.dropReads--;
        return socket.destroy();
      }
      if (unit.pending !== undefined && --unit.pending.afterReads <= 0) {
        unit.pending.apply(unit);
        delete unit.pending;
      }
      return replyAndClose(socket, JSON.stringify(statsReply(unit)));
    }
    if (command === "summary") {
      return replyAndClose(
        socket,
        JSON.stringify({ STATUS: [status(11, "Summary")], SUMMARY: [{ Elapsed: unit.elapsedS }], id: 1 }),
      );
    }
    if (command === "pools") {
      return replyAndClose(socket, JSON.stringify({ STATUS: [status(7, "0 Pool(s)")], POOLS: [], id: 1 }));
    }
    if (command === "ascset") return unit.ascset(req.parameter ?? "", unit, socket);
    return replyAndClose(socket, JSON.stringify({ STATUS: [status(14, "Invalid command", "E")], id: 1 }));
  });
  return {
    ...server,
    unit,
    commands: () =>
      server.requests.map((r) =>
        r.parameter === undefined ? `${r.command}` : `${r.command} ${r.parameter}`,
      ),
  };
}
