import { FIRMWARE, POOL } from "../firmware.js";
import { ApiRecord } from "../wire/record.js";
import { buildReply, CODE } from "../wire/reply.js";
import type { CommandHandler } from "./context.js";
import { blockHeightAt, workCounters } from "./counters.js";

// Field order and number formats follow Canaan's api.c (apiversion, summary, ascstatus, poolstatus, minerconfig).

export const version: CommandHandler = ({ unit, json, whenS }) => {
  const r = new ApiRecord(json)
    .str("CGMiner", FIRMWARE.cgminer)
    .str("API", FIRMWARE.api)
    .str("PROD", FIRMWARE.prod)
    .str("MODEL", FIRMWARE.model)
    .str("HWTYPE", FIRMWARE.hwType)
    .str("SWTYPE", FIRMWARE.swType)
    .str("VERSION", FIRMWARE.version)
    .str("LVERSION", FIRMWARE.version)
    .str("BVERSION", FIRMWARE.version)
    .str("CGVERSION", FIRMWARE.version)
    .str("DNA", unit.identity.dna)
    .str("MAC", unit.identity.mac)
    .str("UPAPI", FIRMWARE.upapi);
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.VERSION, msg: "CGMiner versions" },
    { name: "VERSION", textHeader: true, records: [r] },
  );
};

const MHS_PER_THS = 1e6;
const MHS_NOW = `MHS ${FIRMWARE.logIntervalS}s`;

export const summary: CommandHandler = ({ unit, json, whenS }) => {
  const r = unit.readings();
  const w = workCounters(r);
  const rec = new ApiRecord(json)
    .int("Elapsed", w.elapsedS)
    .fixed("MHS av", r.avgHashrateThs * MHS_PER_THS, 2)
    .fixed(MHS_NOW, r.hashrateThs * MHS_PER_THS, 2)
    .fixed("MHS 1m", r.hashrate1mThs * MHS_PER_THS, 2)
    .fixed("MHS 5m", r.hashrate5mThs * MHS_PER_THS, 2)
    .fixed("MHS 15m", r.hashrate15mThs * MHS_PER_THS, 2)
    .int("Found Blocks", 0)
    .int("Getworks", w.getworks)
    .int("Accepted", w.accepted)
    .int("Rejected", w.rejected)
    .int("Hardware Errors", 0)
    .fixed("Utility", w.utility, 2)
    .int("Discarded", 0)
    .int("Stale", 0)
    .int("Get Failures", 0)
    .int("Local Work", w.localWork)
    .int("Remote Failures", 0)
    .int("Network Blocks", w.networkBlocks)
    .fixed("Total MH", r.totalHashTh * MHS_PER_THS, 4)
    .fixed("Work Utility", w.workUtility, 2)
    .fixed("Difficulty Accepted", w.difficultyAccepted, 8)
    .fixed("Difficulty Rejected", w.difficultyRejected, 8)
    .fixed("Difficulty Stale", 0, 8)
    .int("Best Share", w.bestShare)
    .fixed("Device Hardware%", 0, 4)
    .fixed("Device Rejected%", w.deviceRejectedPct, 4)
    .fixed("Pool Rejected%", w.poolRejectedPct, 4)
    .fixed("Pool Stale%", 0, 4)
    .int("Last getwork", 0);
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.SUMMARY, msg: "Summary" },
    { name: "SUMMARY", textHeader: true, records: [rec] },
  );
};

export const devs: CommandHandler = ({ unit, json, whenS }) => {
  const r = unit.readings();
  const w = workCounters(r);
  const rec = new ApiRecord(json)
    .int("ASC", 0)
    .str("Name", FIRMWARE.driverName)
    .int("ID", 0)
    .str("Enabled", "Y")
    .str("Status", "Alive")
    .fixed("Temperature", 0, 2)
    .fixed("MHS av", r.avgHashrateThs * MHS_PER_THS, 2)
    .fixed(MHS_NOW, r.hashrateThs * MHS_PER_THS, 2)
    .fixed("MHS 1m", r.hashrate1mThs * MHS_PER_THS, 2)
    .fixed("MHS 5m", r.hashrate5mThs * MHS_PER_THS, 2)
    .fixed("MHS 15m", r.hashrate15mThs * MHS_PER_THS, 2)
    .int("Accepted", w.accepted)
    .int("Rejected", w.rejected)
    .int("Hardware Errors", 0)
    .fixed("Utility", w.utility, 2)
    .int("Last Share Pool", w.accepted > 0 ? 0 : -1)
    .int("Last Share Time", w.lastShareTimeS)
    .fixed("Total MH", r.totalHashTh * MHS_PER_THS, 4)
    .int("Diff1 Work", w.diff1)
    .fixed("Difficulty Accepted", w.difficultyAccepted, 8)
    .fixed("Difficulty Rejected", w.difficultyRejected, 8)
    .fixed("Last Share Difficulty", w.accepted > 0 ? POOL.shareDifficulty : 0, 8)
    .int("Last Valid Work", w.lastValidWorkS)
    .fixed("Device Hardware%", 0, 4)
    .fixed("Device Rejected%", w.deviceRejectedPct, 4)
    .int("Device Elapsed", w.elapsedS);
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.DEVS, msg: "1 ASC(s)" },
    { name: "DEVS", textHeader: false, records: [rec] },
  );
};

export const pools: CommandHandler = ({ unit, json, whenS }) => {
  const r = unit.readings();
  const w = workCounters(r);
  const rec = new ApiRecord(json)
    .int("POOL", 0)
    .esc("URL", POOL.url)
    .str("Status", "Alive")
    .int("Priority", 0)
    .int("Quota", 1)
    .str("Long Poll", "N")
    .int("Getworks", w.getworks)
    .int("Accepted", w.accepted)
    .int("Rejected", w.rejected)
    .int("Works", Math.floor(w.localWork / 2))
    .int("Discarded", 0)
    .int("Stale", 0)
    .int("Get Failures", 0)
    .int("Remote Failures", 0)
    .esc("User", unit.identity.worker)
    .int("Last Share Time", w.lastShareTimeS)
    .int("Diff1 Shares", w.diff1)
    .str("Proxy Type", "")
    .str("Proxy", "")
    .fixed("Difficulty Accepted", w.difficultyAccepted, 8)
    .fixed("Difficulty Rejected", w.difficultyRejected, 8)
    .fixed("Difficulty Stale", 0, 8)
    .fixed("Last Share Difficulty", w.accepted > 0 ? POOL.shareDifficulty : 0, 8)
    .fixed("Work Difficulty", POOL.shareDifficulty, 8)
    .bool("Has Stratum", true)
    .bool("Stratum Active", true)
    .esc("Stratum URL", POOL.stratumHost)
    .fixed("Stratum Difficulty", POOL.shareDifficulty, 8)
    .bool("Has Vmask", true)
    .bool("Has GBT", false)
    .int("Best Share", w.bestShare)
    .fixed("Pool Rejected%", w.poolRejectedPct, 4)
    .fixed("Pool Stale%", 0, 4)
    .int("Bad Work", 0)
    .int("Current Block Height", blockHeightAt(whenS))
    .int("Current Block Version", POOL.blockVersion);
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.POOL, msg: "1 Pool(s)" },
    { name: "POOLS", textHeader: false, records: [rec] },
  );
};
