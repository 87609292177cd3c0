import { ApiRecord } from "./record.js";

// Status codes and texts from Canaan's cgminer api.c message table (Canaan-Creative/Avalon_Nano3s).
export const CODE = {
  POOL: 7,
  DEVS: 9,
  SUMMARY: 11,
  INVALID_COMMAND: 14,
  MISSING_ID: 15,
  VERSION: 22,
  INVALID_JSON: 23,
  MISSING_COMMAND: 24,
  CONFIG: 33,
  ACCESS_DENIED: 45,
  DEVDETAILS: 69,
  STATS: 70,
  MISSING_CHECK: 71,
  CHECK: 72,
  COIN: 78,
  INVALID_ASC: 107,
  MISSING_ASC_OPTION: 116,
  ASC_SET_INFO: 118,
  ASC_SET_OK: 119,
  ASC_SET_ERROR: 120,
} as const;

export type Severity = "S" | "I" | "W" | "E";

export const API_DESCRIPTION = "cgminer 4.11.1";

export interface StatusMessage {
  severity: Severity;
  code: number;
  msg: string;
}

export function statusRecord(json: boolean, whenS: number, m: StatusMessage): string {
  const r = new ApiRecord(json)
    .str("STATUS", m.severity)
    .int("When", whenS)
    .int("Code", m.code)
    .esc("Msg", m.msg);
  // api.c withholds the description from "Invalid command" so random probes learn nothing about the software.
  if (m.code !== CODE.INVALID_COMMAND) r.esc("Description", API_DESCRIPTION);
  return r.toString();
}

export interface DataSection {
  /** Section name, e.g. "VERSION". */
  name: string;
  /** Text replies repeat the name before the records for some commands (VERSION, SUMMARY, CONFIG, COIN, CHECK). */
  textHeader: boolean;
  records: readonly ApiRecord[] | readonly string[];
}

/** One complete reply (without the trailing NUL the socket layer adds). */
export function buildReply(
  json: boolean,
  whenS: number,
  message: StatusMessage,
  section?: DataSection,
): string {
  const status = statusRecord(json, whenS, message);
  if (json) {
    const data = section ? `,"${section.name}":[${section.records.map(String).join(",")}]` : "";
    return `{"STATUS":[${status}]${data},"id":1}`;
  }
  if (!section) return status;
  return `${status}${section.textHeader ? `${section.name},` : ""}${section.records.map(String).join("")}`;
}

export function messageReply(json: boolean, whenS: number, message: StatusMessage): string {
  return buildReply(json, whenS, message);
}
