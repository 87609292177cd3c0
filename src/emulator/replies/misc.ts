import { hash32 } from "../../simulator/physics/index.js";
import { FIRMWARE, POOL } from "../firmware.js";
import { ApiRecord } from "../wire/record.js";
import { buildReply, CODE } from "../wire/reply.js";
import type { CommandHandler } from "./context.js";
import { blockHeightAt } from "./counters.js";

export const config: CommandHandler = ({ json, whenS }) => {
  const r = new ApiRecord(json)
    .int("ASC Count", 1)
    .int("PGA Count", 0)
    .int("Pool Count", 1)
    .str("Strategy", "Failover")
    .int("Log Interval", FIRMWARE.logIntervalS)
    .str("Device Code", FIRMWARE.driverName)
    .str("OS", "Linux")
    .str("Hotplug", "None");
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.CONFIG, msg: "CGMiner config" },
    { name: "CONFIG", textHeader: true, records: [r] },
  );
};

export const devdetails: CommandHandler = ({ json, whenS }) => {
  const r = new ApiRecord(json)
    .int("DEVDETAILS", 0)
    .str("Name", FIRMWARE.driverName)
    .int("ID", 0)
    .str("Driver", FIRMWARE.driverDname)
    .str("Kernel", "")
    .str("Model", "")
    .str("Device Path", "");
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.DEVDETAILS, msg: "Device Details" },
    { name: "DEVDETAILS", textHeader: false, records: [r] },
  );
};

function blockHash(height: number): string {
  let tail = "";
  for (let i = 0; tail.length < 45; i++) tail += hash32(height, i).toString(16).padStart(8, "0");
  return `0000000000000000000${tail.slice(0, 45)}`;
}

export const coin: CommandHandler = ({ json, whenS }) => {
  const height = blockHeightAt(whenS);
  const blockStartS = whenS - ((((whenS - 1_735_689_600) % 600) + 600) % 600);
  const r = new ApiRecord(json)
    .str("Hash Method", "sha256")
    .timeval("Current Block Time", blockStartS, hash32(height, 0x7) % 1_000_000)
    .str("Current Block Hash", blockHash(height))
    .bool("LP", true)
    .fixed("Network Difficulty", POOL.networkDifficulty, 8);
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.COIN, msg: "CGMiner coin" },
    { name: "COIN", textHeader: true, records: [r] },
  );
};
