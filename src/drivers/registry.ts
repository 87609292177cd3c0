import type { Clock } from "../domain/clock.js";
import { endpointLabel, type FullMinerDriver, type MinerEndpoint } from "../domain/driver.js";
import { type DriverError, isDriverError } from "../domain/errors.js";
import type { MinerIdentity } from "../domain/miner.js";
import { avalonDefinition } from "./miners/avalon/definition.js";
import { CgminerClient } from "./protocols/cgminer/client.js";
import { type CgminerReply, decodeReply, previewBytes } from "./protocols/cgminer/framing.js";
import type { CgminerScheduler } from "./protocols/cgminer/scheduler.js";
import { fieldString, sectionEntries } from "./protocols/cgminer/sections.js";
import { replyStatus } from "./protocols/cgminer/status.js";

/** One supported miner family: how to recognise it from a `version` reply and how to build its driver. */
export interface MinerDefinition {
  vendor: string;
  family: string;
  /** Normalised model names with a spec in the catalogue; other models of the family still get a driver. */
  models: readonly string[];
  matches(version: CgminerReply): boolean;
  create(
    ctx: { endpoint: MinerEndpoint; client: CgminerClient; clock: Clock; timeoutMs: number },
    version: CgminerReply,
  ): { driver: FullMinerDriver; identity: MinerIdentity };
}

/** Every supported family, in match order. A family is supported iff it is listed here. */
export const MINER_DEFINITIONS: readonly MinerDefinition[] = [avalonDefinition];

export type DetectResult =
  | { kind: "miner"; driver: FullMinerDriver; identity: MinerIdentity }
  | { kind: "other"; description: string }
  | { kind: "none"; error: DriverError };

export interface DetectOptions {
  timeoutMs: number;
  scheduler: CgminerScheduler;
  clock: Clock;
}

/**
 * Asks the endpoint for `version` and classifies what answers: a supported miner (with its driver), something
 * else that is listening (another cgminer firmware, or not cgminer at all), or nothing.
 */
export async function detectMiner(endpoint: MinerEndpoint, opts: DetectOptions): Promise<DetectResult> {
  const host = endpointLabel(endpoint);
  const client = new CgminerClient({ scheduler: opts.scheduler, timeoutMs: opts.timeoutMs });
  let raw: Buffer;
  try {
    raw = await client.requestRaw(endpoint, "version");
  } catch (e) {
    if (isDriverError(e)) return { kind: "none", error: e };
    throw e;
  }
  let reply: CgminerReply;
  try {
    reply = decodeReply(raw, { host, command: "version" });
  } catch (e) {
    if (!isDriverError(e)) throw e;
    // A cgminer-looking reply that cannot be read (cut short) is worth asking again; anything else is another service.
    if (/^\s*[{,]/.test(raw.toString("latin1")) && e.kind === "malformed") return { kind: "none", error: e };
    return { kind: "other", description: `port open, not a cgminer API: ${previewBytes(raw)}` };
  }
  const definition = MINER_DEFINITIONS.find((d) => d.matches(reply));
  if (definition !== undefined) {
    try {
      return {
        kind: "miner",
        ...definition.create({ endpoint, client, clock: opts.clock, timeoutMs: opts.timeoutMs }, reply),
      };
    } catch (e) {
      if (!isDriverError(e)) throw e;
      return {
        kind: "other",
        description: `${definition.family}, but its version reply is not usable: ${e.message}`,
      };
    }
  }
  return { kind: "other", description: describeCgminerPeer(reply, host) };
}

// Software keys seen in `version` replies of cgminer forks, most specific first (CGMiner is also present in forks).
const SOFTWARE_KEYS = ["BMMiner", "BOSminer", "BOSer", "LUXminer", "BTMiner", "VNish", "CGMiner"] as const;
const MODEL_KEYS = ["Type", "PROD", "Model", "MODEL"] as const;

/** "cgminer-compatible BMMiner 1.0.0 (Antminer S19 Pro)" and similar, for a firmware no definition supports. */
export function describeCgminerPeer(reply: CgminerReply, host: string): string {
  let status: ReturnType<typeof replyStatus>;
  try {
    status = replyStatus(reply, host, "version");
  } catch {
    return `port open, JSON but not a cgminer API: ${previewBytes(JSON.stringify(reply))}`;
  }
  if (status.severity === "E" || status.severity === "F") {
    return `cgminer-compatible API, version refused: ${status.message}`;
  }
  const v = sectionEntries(reply, "VERSION")?.[0];
  const msg = reply.Msg;
  if (v === undefined && typeof msg === "object" && msg !== null) {
    // btminer answers with its fields in Msg: {api_ver, fw_ver}.
    const m = msg as Record<string, unknown>;
    const firmware = fieldString(m, "fw_ver");
    return `cgminer-compatible ${status.description ?? fieldString(m, "api_ver") ?? "API"}${firmware === undefined ? "" : ` (firmware ${firmware})`}`;
  }
  const entry = v ?? {};
  const softwareKey = SOFTWARE_KEYS.find((k) => fieldString(entry, k) !== undefined);
  const software =
    softwareKey === undefined
      ? (status.description ?? "unknown software")
      : `${softwareKey} ${fieldString(entry, softwareKey)}`;
  const model = MODEL_KEYS.map((k) => fieldString(entry, k)).find((m) => m !== undefined && m !== "");
  return `cgminer-compatible ${software}${model === undefined ? "" : ` (${model})`}`;
}
