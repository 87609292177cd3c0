import { FIRMWARE, POOL } from "../firmware.js";
import { ApiRecord } from "../wire/record.js";
import { buildReply, CODE } from "../wire/reply.js";
import type { CommandHandler, ReplyContext } from "./context.js";
import { workCounters } from "./counters.js";
import { chipPattern, hbInfo } from "./hbinfo.js";
import { mmSummary, pllBlock } from "./mm-summary.js";

// stats = device item + pool item; estats = device item only; litestats = the summary string alone (api.c
// minerstats / minerestats / litestats). Only stats and estats carry the per-chip HBinfo, built on request.

const STATS_MESSAGE = { severity: "S", code: CODE.STATS, msg: "CGMiner stats" } as const;

function summaryString(ctx: ReplyContext): string {
  const { unit } = ctx;
  const { spec, params } = unit.physics;
  const pll = unit.constant("pll", () => pllBlock(unit.identity.physicsSeed, spec.hashBoards));
  return mmSummary(spec, unit.identity, unit.readings(), params.hashErrorFraction * 100, pll);
}

function chipsOf({ unit }: ReplyContext): Int8Array {
  const { hashBoards, chipsPerBoard } = unit.physics.spec;
  return unit.constant("chip-pattern", () =>
    chipPattern(unit.identity.physicsSeed, hashBoards, chipsPerBoard),
  );
}

function deviceItem(ctx: ReplyContext): ApiRecord {
  const { unit, json } = ctx;
  const r = unit.readings();
  return new ApiRecord(json)
    .int("STATS", 0)
    .str("ID", `${FIRMWARE.driverName}0`)
    .int("Elapsed", Math.floor(r.uptimeS))
    .int("Calls", 0)
    .timeval("Wait", 0)
    .timeval("Max", 0)
    .timeval("Min", 99_999_999)
    .str("MM ID0:Summary", summaryString(ctx))
    .str("HBinfo", hbInfo(chipsOf(ctx), r, unit.physics.spec.chipsPerBoard));
}

function poolItem(ctx: ReplyContext): ApiRecord {
  const r = ctx.unit.readings();
  const w = workCounters(r);
  const sharesSent = w.accepted + w.rejected;
  return new ApiRecord(ctx.json)
    .int("STATS", 1)
    .str("ID", "POOL0")
    .int("Elapsed", Math.floor(r.uptimeS))
    .int("Calls", 0)
    .timeval("Wait", 0)
    .timeval("Max", 0)
    .timeval("Min", 99_999_999)
    .int("Pool Calls", 0)
    .int("Pool Attempts", 0)
    .timeval("Pool Wait", 0)
    .timeval("Pool Max", 0)
    .timeval("Pool Min", 99_999_999)
    .fixed("Pool Av", 0, 6)
    .bool("Work Had Roll Time", false)
    .bool("Work Can Roll", false)
    .bool("Work Had Expire", false)
    .int("Work Roll Time", 0)
    .fixed("Work Diff", POOL.shareDifficulty, 8)
    .fixed("Min Diff", POOL.shareDifficulty, 8)
    .fixed("Max Diff", POOL.shareDifficulty, 8)
    .int("Min Diff Count", 1)
    .int("Max Diff Count", sharesSent)
    .int("Times Sent", sharesSent + 5)
    .int("Bytes Sent", (sharesSent + 5) * 164)
    .int("Times Recv", w.getworks + sharesSent + 5)
    .int("Bytes Recv", (w.getworks + sharesSent + 5) * 555)
    .int("Net Bytes Sent", (sharesSent + 5) * 164)
    .int("Net Bytes Recv", (w.getworks + sharesSent + 5) * 555);
}

export const stats: CommandHandler = (ctx) =>
  buildReply(ctx.json, ctx.whenS, STATS_MESSAGE, {
    name: "STATS",
    textHeader: false,
    records: [deviceItem(ctx), poolItem(ctx)],
  });

export const estats: CommandHandler = (ctx) =>
  buildReply(ctx.json, ctx.whenS, STATS_MESSAGE, {
    name: "STATS",
    textHeader: false,
    records: [deviceItem(ctx)],
  });

export const litestats: CommandHandler = (ctx) =>
  buildReply(ctx.json, ctx.whenS, STATS_MESSAGE, {
    name: "STATS",
    textHeader: false,
    records: [new ApiRecord(ctx.json).str("MM ID0:Summary", summaryString(ctx))],
  });
