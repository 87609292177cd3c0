import { DriverError } from "../../../domain/errors.js";
import type { CgminerReply } from "./framing.js";

export type Entry = Record<string, unknown>;

/** Entries of a reply section (`SUMMARY`, `POOLS`, `STATS`, …), or undefined when the section is absent. */
export function sectionEntries(reply: CgminerReply, key: string): Entry[] | undefined {
  const value = reply[key];
  if (!Array.isArray(value)) return undefined;
  return value.filter((e): e is Entry => typeof e === "object" && e !== null && !Array.isArray(e));
}

/** Like `sectionEntries`, but a missing or empty section is an "unsupported" reply naming the section. */
export function section(reply: CgminerReply, key: string, host: string): Entry[] {
  const entries = sectionEntries(reply, key);
  if (entries === undefined || entries.length === 0) {
    throw new DriverError("unsupported", `${host}: reply has no ${key} section`, { host, field: key });
  }
  return entries;
}

/**
 * A numeric field; JSON replies carry numbers, text-form replies carry numeric strings. Absent or null (a repaired
 * `inf`/`nan`) gives undefined; anything else non-numeric is an "unsupported" reply naming the field.
 */
export function fieldNumber(entry: Entry, key: string, host: string): number | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) {
    throw new DriverError("unsupported", `${host}: field ${key} is not a number: ${JSON.stringify(value)}`, {
      host,
      field: key,
    });
  }
  return n;
}

export function fieldString(entry: Entry, key: string): string | undefined {
  const value = entry[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
