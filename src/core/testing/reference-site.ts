// Test helpers: the 4.5 MW reference site (558 × A1566HA) and fresh-signal builders. Test-only; may use the model
// catalogue from drivers, which core itself never imports.
import type { MinerState } from "../../domain/miner.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { Reading } from "../../domain/reading.js";
import type { GridSignals } from "../../domain/signals.js";
import type { SiteSnapshot, UnitSnapshot } from "../../domain/site.js";
import { A1566HA } from "../../drivers/miners/avalon/models.js";
import { DEFAULT_POLICY } from "../default-policy.js";

/** 2026-04-01 12:00 JST. */
export const T0 = Date.UTC(2026, 3, 1, 3, 0, 0);
export const REFERENCE_UNITS = 558;
/** Long enough ago that no dwell time is running. */
export const LONG_AGO_MS = T0 - 24 * 3_600_000;

export function fresh<T>(value: T, atMs: number): Reading<T> {
  return { ok: true, value, atMs };
}

export function failed<T>(atMs: number, lastGood?: { value: T; atMs: number }): Reading<T> {
  return lastGood === undefined
    ? { ok: false, error: "timeout", atMs }
    : { ok: false, error: "timeout", atMs, lastGood };
}

export function unitId(i: number): string {
  return `u${String(i).padStart(3, "0")}`;
}

export interface UnitOptions {
  state?: MinerState;
  mode?: number;
  sinceMs?: number;
  readAtMs?: number;
  coolantOutletC?: number;
  healthScore?: number;
  faultFlags?: string[];
}

export function a1566haUnit(i: number, nowMs: number, o: UnitOptions = {}): UnitSnapshot {
  const state = o.state ?? "hashing";
  const mode = o.mode ?? 1;
  const spec = A1566HA.modes.find((m) => m.mode === mode) ?? A1566HA.modes[1];
  const hashing = state === "hashing";
  return {
    id: unitId(i),
    model: A1566HA.model,
    state,
    workMode: mode,
    powerW: hashing ? (spec?.powerW ?? 0) : A1566HA.standbyPowerW,
    hashrateThs: hashing ? (spec?.hashrateThs ?? 0) : 0,
    coolantOutletC: o.coolantOutletC ?? 45,
    modes: A1566HA.modes,
    standbyPowerW: A1566HA.standbyPowerW,
    sinceMs: o.sinceMs ?? LONG_AGO_MS,
    health: { score: o.healthScore ?? 1, faultFlags: o.faultFlags ?? [] },
    readAtMs: o.readAtMs ?? nowMs,
  };
}

export interface SiteOptions extends UnitOptions {
  nowMs?: number;
  units?: number;
  /** Metered import = Σ unit power + this; null = no meter. Default 100 kW. */
  meterAuxW?: number | null;
  ambientC?: number | null;
  /** Per-unit overrides by index. */
  each?: (i: number) => UnitOptions;
}

/** The reference site: 558 A1566HA, by default all hashing in mode 1 for a day, metered, 20 °C outside. */
export function referenceSnapshot(o: SiteOptions = {}): SiteSnapshot {
  const nowMs = o.nowMs ?? T0;
  const n = o.units ?? REFERENCE_UNITS;
  const units = Array.from({ length: n }, (_, i) => a1566haUnit(i, nowMs, { ...o, ...(o.each?.(i) ?? {}) }));
  const auxW = o.meterAuxW === undefined ? 100_000 : o.meterAuxW;
  const ambientC = o.ambientC === undefined ? 20 : o.ambientC;
  return {
    atMs: nowMs,
    units,
    ...(auxW === null
      ? {}
      : { meteredImportW: fresh(units.reduce((s, u) => s + u.powerW, 0) + auxW, nowMs) }),
    ...(ambientC === null ? {} : { ambientC: fresh(ambientC, nowMs) }),
  };
}

export interface SignalOptions {
  surplusW?: number | null;
  priceJpyPerKwh?: number | null;
  hashpriceJpyPerThsDay?: number | null;
  hz?: number | null;
}

/** Fresh signals at nowMs; null leaves an input out. Defaults: plenty of surplus, 10 JPY/kWh, 7 JPY/TH/day, 60 Hz. */
export function freshSignals(
  nowMs: number,
  o: SignalOptions = {},
  rest: Partial<GridSignals> = {},
): GridSignals {
  const surplusW = o.surplusW === undefined ? 6_000_000 : o.surplusW;
  const price = o.priceJpyPerKwh === undefined ? 10 : o.priceJpyPerKwh;
  const hashprice = o.hashpriceJpyPerThsDay === undefined ? 7 : o.hashpriceJpyPerThsDay;
  const hz = o.hz === undefined ? 60 : o.hz;
  return {
    events: [],
    overrides: [],
    ...(surplusW === null ? {} : { surplusW: fresh(surplusW, nowMs) }),
    ...(price === null ? {} : { energyPriceJpyPerKwh: fresh(price, nowMs) }),
    ...(hashprice === null ? {} : { hashpriceJpyPerThsDay: fresh(hashprice, nowMs) }),
    ...(hz === null ? {} : { frequency: { hz: fresh(hz, nowMs), nominalHz: 60 } }),
    ...rest,
  };
}

/** DEFAULT_POLICY with overrides (nested objects are replaced, not merged). */
export function policyWith(over: Partial<SitePolicy> = {}): SitePolicy {
  return { ...DEFAULT_POLICY, ...over };
}
