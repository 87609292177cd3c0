import { DriverError } from "../../../domain/errors.js";
import type { MinerIdentity } from "../../../domain/miner.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import { type Entry, fieldString, sectionEntries } from "../../protocols/cgminer/sections.js";
import { avalonModelSpec } from "./models.js";

export const AVALON_VENDOR = "canaan";

/** What `version` tells about an Avalon unit, before normalisation. */
export interface AvalonVersionInfo {
  prod?: string;
  model?: string;
  hwType?: string;
  swType?: string;
  firmware?: string;
  cgminer?: string;
  api?: string;
}

function versionEntry(reply: CgminerReply): Entry | undefined {
  return sectionEntries(reply, "VERSION")?.[0];
}

/** Canaan units say so in PROD ("AvalonMiner 15-194", "Avalon Q"); MM-series control boards (SWTYPE MM3xx) too. */
export function isAvalonVersion(reply: CgminerReply): boolean {
  const v = versionEntry(reply);
  if (v === undefined) return false;
  if (/^avalon/i.test(fieldString(v, "PROD") ?? "")) return true;
  return fieldString(v, "MODEL") !== undefined && /^MM\d/.test(fieldString(v, "SWTYPE") ?? "");
}

/**
 * Readable model from the firmware's MODEL string. "15-194" is how A15-generation air units (A1566) report
 * themselves (pyasic maps PROD "AvalonMiner 15-xxx" to its A1566 class); numeric models get the catalogue "A"
 * prefix ("1566HA" → "A1566HA", "10xx" → "A10xx"); home units keep their names ("Q", "Nano3s", "Mini3").
 * Anything else is kept as sent, so an unknown unit is still recognisable in logs.
 */
export function avalonModelName(rawModel: string): string {
  const raw = rawModel.trim();
  if (/^15-\d+$/.test(raw)) return "A1566";
  const numeric = /^(\d{2,4})([a-z]*)$/i.exec(raw);
  if (numeric !== null) {
    const suffix = numeric[2] ?? "";
    return `A${numeric[1]}${/^x+$/i.test(suffix) ? suffix.toLowerCase() : suffix.toUpperCase()}`;
  }
  const home = /^(nano|mini)\s*(\w*)$/i.exec(raw);
  if (home !== null) return `${capitalise(home[1] ?? "")}${(home[2] ?? "").toLowerCase()}`;
  if (/^q$/i.test(raw)) return "Q";
  return raw;
}

export function readVersionInfo(reply: CgminerReply): AvalonVersionInfo {
  const v = versionEntry(reply) ?? {};
  const info: AvalonVersionInfo = {};
  const set = (key: keyof AvalonVersionInfo, ...names: string[]): void => {
    for (const name of names) {
      const value = fieldString(v, name)?.trim();
      if (value !== undefined && value !== "") {
        info[key] = value;
        return;
      }
    }
  };
  set("prod", "PROD");
  set("model", "MODEL");
  set("hwType", "HWTYPE");
  set("swType", "SWTYPE");
  // Older firmware (A10, A15) fills VERSION; home units only LVERSION/CGVERSION.
  set("firmware", "VERSION", "LVERSION", "CGVERSION", "BVERSION");
  set("cgminer", "CGMiner");
  set("api", "API");
  return info;
}

/** Identity from a `version` reply. A reply that names no model or firmware is "unsupported". */
export function identifyAvalon(reply: CgminerReply, host: string): MinerIdentity {
  const v = versionEntry(reply);
  if (v === undefined) {
    throw new DriverError("unsupported", `${host}: version reply has no VERSION section`, {
      host,
      field: "VERSION",
    });
  }
  const info = readVersionInfo(reply);
  const rawModel = info.model ?? info.prod?.replace(/^avalon(miner)?\s*/i, "");
  if (rawModel === undefined || rawModel === "") {
    throw new DriverError("unsupported", `${host}: version reply has neither MODEL nor PROD`, {
      host,
      field: "MODEL",
    });
  }
  if (info.firmware === undefined) {
    throw new DriverError("unsupported", `${host}: version reply has no VERSION/LVERSION`, {
      host,
      field: "VERSION",
    });
  }
  const model = avalonModelName(rawModel);
  const identity: MinerIdentity = { vendor: AVALON_VENDOR, model, firmware: info.firmware };
  const dna = fieldString(v, "DNA")?.trim();
  // An all-zero DNA (A10 manual sample) identifies nothing.
  if (dna !== undefined && dna !== "" && !/^0+$/.test(dna)) identity.serial = dna;
  const mac = fieldString(v, "MAC");
  if (mac !== undefined && mac.trim() !== "") identity.mac = normaliseMac(mac);
  const spec = avalonModelSpec(model);
  if (spec !== undefined) identity.hashBoardCount = spec.hashBoards;
  return identity;
}

/**
 * Model and firmware from the `Ver[...]` stats field ("15-194-24102401_25462b2_9ddf522", "nano3-24071801_42c628d",
 * "Q-25052801_14a19a2"), for units whose `version` reply is unavailable.
 */
export function identifyFromVer(ver: string): { model: string; firmware: string } | undefined {
  const m = /^(.+?)-(\d{8}_[0-9a-z_]+)$/i.exec(ver.trim());
  if (m === null) return undefined;
  return { model: avalonModelName(m[1] ?? ""), firmware: m[2] ?? "" };
}

/** "123456789012" / "AA-BB-…" → "12:34:56:78:90:12"; anything else is kept as sent. */
export function normaliseMac(mac: string): string {
  const hex = mac.trim().toLowerCase();
  if (/^[0-9a-f]{12}$/.test(hex)) return hex.match(/../g)?.join(":") ?? hex;
  if (/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/.test(hex)) return hex.replaceAll("-", ":");
  return mac.trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
