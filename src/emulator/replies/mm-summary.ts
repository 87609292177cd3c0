import type { MinerModelSpec } from "../../domain/miner.js";
import { hash32, type MinerReadings } from "../../simulator/physics/index.js";
import { FIRMWARE, PSU } from "../firmware.js";
import type { UnitIdentity } from "../identity.js";
import { fixed } from "../wire/record.js";
import { workCounters } from "./counters.js";

// The "MM ID0:Summary" bracket string in the style of the Avalon Q's fw 25052801 (asicrs_avalonq_stats.json),
// widened to four hash boards and a hydro unit (no fan, filter, LCD or Wi-Fi fields), with the A1566 fields
// WALLPOWER, MTmax and MTavg that a four-board unit reports. Integer fields print like C's %d.

const SYSTEM_STATUS_TEXT = ["In Init", "In Work", "In Idle", "In Fault"] as const;
/** Average PLL frequency of the A1566 fixture in its mode 1, with its four PLL set points (MHz). */
const REFERENCE_FREQ_MHZ = 345.94;
const REFERENCE_PLL_MHZ = [300, 318, 339, 360] as const;
const REFERENCE_PLL_COUNTS = [3346, 2549, 4722, 13703] as const;

const GHS_PER_THS = 1000;

function list(values: readonly (number | string)[]): string {
  return values.join(" ");
}

function epochS(ms: number | null): number {
  return ms === null ? 0 : Math.floor(ms / 1000);
}

export function modeFrequencyMhz(spec: MinerModelSpec, mode: number): number {
  const m = spec.modes.find((x) => x.mode === mode);
  return m === undefined
    ? REFERENCE_FREQ_MHZ
    : (REFERENCE_FREQ_MHZ * m.hashrateThs) / spec.nameplateHashrateThs;
}

export function pllSetPointsMhz(spec: MinerModelSpec, mode: number): number[] {
  const scale = modeFrequencyMhz(spec, mode) / REFERENCE_FREQ_MHZ;
  return REFERENCE_PLL_MHZ.map((f) => Math.round(f * scale));
}

export function targetChipTempC(mode: number): number {
  return 60 + 5 * mode;
}

/** The PS[] array: [error, control 10 mV, hash rail 10 mV, amps, DC watts, set 10 mV, wall watts]. */
export function powerSupplyFields(r: MinerReadings): number[] {
  const wall = Math.round(r.wallPowerW);
  if (!r.hashRailOn)
    return [0, PSU.controlVoltage, PSU.standbyHashVoltage, 0, 0, PSU.standbySetVoltage, wall];
  const dc = Math.round(r.dcPowerW);
  return [
    0,
    PSU.controlVoltage,
    PSU.hashVoltage,
    Math.round(dc / (PSU.hashVoltage / 100)),
    dc,
    PSU.hashVoltage,
    wall,
  ];
}

/** The per-board PLL counters: fixed per unit (counts of chips per frequency point barely move in operation). */
export function pllBlock(seed: number, boards: number): string {
  const parts: string[] = [];
  for (let b = 0; b < boards; b++) {
    const counts = REFERENCE_PLL_COUNTS.map((c, k) =>
      Math.round(c * (0.9 + (hash32(seed, b, k) % 200) / 1000)),
    );
    parts.push(`PLL${b}[${list(counts)}]`);
  }
  return parts.join(" ");
}

export function mmSummary(
  spec: MinerModelSpec,
  identity: UnitIdentity,
  r: MinerReadings,
  errorPct: number,
  pll: string,
): string {
  const w = workCounters(r);
  const boards = r.boards;
  const nBoards = boards.length;
  const rail = r.hashRailOn;
  const ps = powerSupplyFields(r);
  const mpo = r.modePowerLimitW;
  const tarT = targetChipTempC(r.workMode);
  const sf = pllSetPointsMhz(spec, r.workMode);
  const zeros = list(boards.map(() => 0));
  const hashing = r.hashrateThs > 0;
  const dh = `${errorPct.toFixed(3)}%`;
  const parts: string[] = [
    `Ver[${FIRMWARE.model}-${FIRMWARE.version}]`,
    `LVer[${FIRMWARE.version}]`,
    `BVer[${FIRMWARE.version}]`,
    "FW[Release]",
    `DNA[${identity.dna}]`,
    `STATE[${r.stateCode}]`,
    `MEMFREE[${identity.memFreeKb}]`,
    "NETFAIL[0 0 0 0 0 0 0 0]",
    `SYSTEMSTATU[Work: ${SYSTEM_STATUS_TEXT[r.stateCode]}, Hash Board: ${nBoards}]`,
    `Elapsed[${w.elapsedS}]`,
    "BOOTBY[0x01.00000000]",
    `LW[${w.localWork}]`,
    `MH[${zeros}]`,
    "DHW[0]",
    "HW[0]",
    `DH[${dh}]`,
    `ITemp[${Math.round(r.coolantInletC)}]`,
    `HBITemp[${Math.round((r.coolantInletC + r.coolantOutletC) / 2)}]`,
    `HBOTemp[${Math.round(r.coolantOutletC)}]`,
    `TMax[${rail ? Math.round(r.chipTempMaxC) : 0}]`,
    `TAvg[${rail ? Math.round(r.chipTempAvgC) : 0}]`,
    `TarT[${tarT}]`,
    `SoftOffTime[${epochS(r.lastSoftOffAtMs)}]`,
    `SoftOnTime[${epochS(r.lastSoftOnAtMs)}]`,
    `PS[${list(ps)}]`,
    `WALLPOWER[${ps[6]}]`,
    "PCOMM_E[0]",
    `GHSspd[${fixed(r.hashrateThs * GHS_PER_THS, 2)}]`,
    `DHspd[${hashing ? dh : "0.000%"}]`,
    `GHSmm[${fixed(r.hashrateNominalThs * GHS_PER_THS, 2)}]`,
    `GHSavg[${fixed(r.avgHashrateThs * GHS_PER_THS, 2)}]`,
    `WU[${fixed(w.workUtility, 2)}]`,
    `Freq[${fixed(modeFrequencyMhz(spec, r.workMode), 2)}]`,
    `MGHS[${list(boards.map((b) => fixed(b.avgHashrateThs * GHS_PER_THS, 2)))}]`,
    `MTmax[${list(boards.map((b) => (rail ? Math.round(b.chipTempMaxC) : 0)))}]`,
    `MTavg[${list(boards.map((b) => (rail ? Math.round(b.chipTempAvgC) : 0)))}]`,
    `TA[${nBoards * spec.chipsPerBoard}]`,
    `Core[${FIRMWARE.chip}]`,
    `BIN[${FIRMWARE.chipBin}]`,
    `PING[${identity.pingMs}]`,
    `SoftOFF[${r.softOffCode}]`,
    `ECHU[${list(boards.map((b) => b.errorCode))}]`,
    `ECMM[${r.controlErrorCode}]`,
  ];
  parts.push(pll);
  for (let b = 0; b < nBoards; b++) parts.push(`SF${b}[${list(sf)}]`);
  parts.push(
    `CRC[${zeros}]`,
    `COMCRC[${zeros}]`,
    `ATA${r.workMode}[${mpo}-${tarT}-${PSU.hashVoltage}-${sf[0] ?? 0}-20]`,
    `WORKMODE[${r.workMode}]`,
    `WORKLEVEL[${r.workLevel}]`,
    `MPO[${mpo}]`,
    `CALIALL[${FIRMWARE.calibratedModesMask}]`,
    `ADJ[${r.calibrationDone ? 1 : 0}]`,
  );
  // Canaan's driver appends the calibration progress while calibration runs.
  if (!r.calibrationDone) parts.push(`BAR[${Math.floor(r.calibrationProgressPct)}]`);
  parts.push(`Nonce Mask[${FIRMWARE.nonceMask}]`);
  return `'STATS':{${parts.join(" ")}}`;
}
