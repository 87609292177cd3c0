import type { MinerEndpoint } from "../../domain/driver.js";
import type { MinerIdentity, MinerState, MinerStatus } from "../../domain/miner.js";

/** One miner in `fleet status --json`; the schema is documented in docs/fleet-cli.md. Keep keys stable. */
export interface FleetStatusRow {
  host: string;
  port: number;
  ok: boolean;
  error: string | null;
  errorKind: string | null;
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  state: MinerState;
  hashrateThs: number | null;
  hashrateAvgThs: number | null;
  powerW: number | null;
  powerSource: MinerStatus["powerSource"] | null;
  modePowerLimitW: number | null;
  workMode: number | null;
  coolantInletC: number | null;
  coolantOutletC: number | null;
  chipTempMaxC: number | null;
  psuErrors: string[];
  hashBoardErrors: string[];
  uptimeS: number | null;
  poolsAlive: number | null;
}

export function statusRow(endpoint: MinerEndpoint, identity: MinerIdentity, s: MinerStatus): FleetStatusRow {
  return {
    host: endpoint.host,
    port: endpoint.port,
    ok: true,
    error: null,
    errorKind: null,
    vendor: identity.vendor,
    model: identity.model,
    firmware: identity.firmware,
    state: s.state,
    hashrateThs: round(s.hashrateThs, 2),
    hashrateAvgThs: round(s.hashrateAvgThs, 2),
    powerW: Math.round(s.powerW),
    powerSource: s.powerSource,
    modePowerLimitW: s.modePowerLimitW ?? null,
    workMode: s.workMode ?? null,
    coolantInletC: s.coolantInletC ?? null,
    coolantOutletC: s.coolantOutletC ?? null,
    chipTempMaxC: s.chipTempMaxC ?? null,
    psuErrors: s.psuErrors,
    hashBoardErrors: s.hashBoards
      .filter((b) => b.errorCode !== 0)
      .map((b) => `board ${b.index}: ${b.errorText ?? b.errorCode}`),
    uptimeS: s.uptimeS,
    poolsAlive: s.pools.length === 0 ? null : s.pools.filter((p) => p.alive).length,
  };
}

export function errorRow(
  endpoint: MinerEndpoint,
  error: string,
  errorKind: string,
  identity?: MinerIdentity,
): FleetStatusRow {
  return {
    host: endpoint.host,
    port: endpoint.port,
    ok: false,
    error,
    errorKind,
    vendor: identity?.vendor ?? null,
    model: identity?.model ?? null,
    firmware: identity?.firmware ?? null,
    state: "unreachable",
    hashrateThs: null,
    hashrateAvgThs: null,
    powerW: null,
    powerSource: null,
    modePowerLimitW: null,
    workMode: null,
    coolantInletC: null,
    coolantOutletC: null,
    chipTempMaxC: null,
    psuErrors: [],
    hashBoardErrors: [],
    uptimeS: null,
    poolsAlive: null,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
