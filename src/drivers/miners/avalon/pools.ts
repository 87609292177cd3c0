import type { PoolStatus } from "../../../domain/miner.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import { type Entry, fieldNumber, fieldString, sectionEntries } from "../../protocols/cgminer/sections.js";

/** Pools from a `pools` reply (JSON, or text form where every value is a string). */
export function readPools(reply: CgminerReply | undefined, host: string): PoolStatus[] {
  if (reply === undefined) return [];
  return (sectionEntries(reply, "POOLS") ?? []).map((p) => ({
    url: fieldString(p, "URL") ?? "",
    user: fieldString(p, "User") ?? "",
    alive: fieldString(p, "Status") === "Alive",
    active: flag(p, "Stratum Active"),
    priority: fieldNumber(p, "Priority", host) ?? 0,
    acceptedShares: fieldNumber(p, "Accepted", host) ?? 0,
    rejectedShares: fieldNumber(p, "Rejected", host) ?? 0,
  }));
}

function flag(entry: Entry, key: string): boolean {
  const value = entry[key];
  return value === true || value === "true";
}
