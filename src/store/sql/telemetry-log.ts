import type { Resolution, SitePoint, SiteSample, TelemetryQuery, UnitPoint, UnitSample } from "../records.js";
import type { SqlDriver, SqlRow } from "./driver.js";
import { FAR_FUTURE_MS, limitOf, ms, num, numOrNull, str } from "./rows.js";

export const SITE_COLUMNS = [
  "target_power_w",
  "planned_power_w",
  "reported_power_w",
  "measured_power_w",
  "surplus_w",
  "price_jpy_per_kwh",
  "hashrate_ths",
  "units_hashing",
] as const;

const SITE_TABLE: Record<Resolution, { table: string; time: string }> = {
  raw: { table: "site_telemetry", time: "at_ms" },
  "1m": { table: "site_telemetry_1m", time: "bucket_ms" },
  "15m": { table: "site_telemetry_15m", time: "bucket_ms" },
};

const UNIT_TABLE: Record<Resolution, { table: string; time: string }> = {
  raw: { table: "unit_telemetry", time: "at_ms" },
  "1m": { table: "unit_telemetry_1m", time: "bucket_ms" },
  "15m": { table: "unit_telemetry_15m", time: "bucket_ms" },
};

export async function appendSite(db: SqlDriver, s: SiteSample): Promise<void> {
  await db.run(
    `INSERT INTO site_telemetry (at_ms, ${SITE_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (at_ms) DO UPDATE SET ${SITE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
    [
      ms(s.atMs),
      s.targetPowerW,
      s.plannedPowerW,
      s.reportedPowerW,
      s.measuredPowerW,
      s.surplusW,
      s.priceJpyPerKwh,
      s.hashrateThs,
      s.unitsHashing,
    ],
  );
}

export async function appendUnits(db: SqlDriver, samples: readonly UnitSample[]): Promise<void> {
  if (samples.length === 0) return;
  await db.batch(
    samples.map((u) => ({
      sql: `INSERT INTO unit_telemetry (unit_id, at_ms, state, power_w, hashrate_ths, coolant_outlet_c)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, at_ms) DO UPDATE SET state = excluded.state,
            power_w = excluded.power_w, hashrate_ths = excluded.hashrate_ths,
            coolant_outlet_c = excluded.coolant_outlet_c`,
      params: [u.unitId, ms(u.atMs), u.state, u.powerW, u.hashrateThs, u.coolantOutletC],
    })),
  );
}

function sitePoint(row: SqlRow, time: string): SitePoint {
  return {
    atMs: num(row[time]),
    targetPowerW: num(row.target_power_w),
    plannedPowerW: num(row.planned_power_w),
    reportedPowerW: num(row.reported_power_w),
    measuredPowerW: numOrNull(row.measured_power_w),
    surplusW: numOrNull(row.surplus_w),
    priceJpyPerKwh: numOrNull(row.price_jpy_per_kwh),
    hashrateThs: num(row.hashrate_ths),
    unitsHashing: num(row.units_hashing),
    samples: row.samples === undefined ? 1 : num(row.samples),
  };
}

export async function querySite(db: SqlDriver, q: TelemetryQuery): Promise<SitePoint[]> {
  const { table, time } = SITE_TABLE[q.resolution];
  const rows = await db.query(
    `SELECT * FROM ${table} WHERE ${time} >= ? AND ${time} <= ? ORDER BY ${time} DESC LIMIT ?`,
    [ms(q.sinceMs ?? 0), ms(q.untilMs ?? FAR_FUTURE_MS), limitOf(q.limit)],
  );
  return rows.reverse().map((r) => sitePoint(r, time));
}

export async function queryUnit(db: SqlDriver, unitId: string, q: TelemetryQuery): Promise<UnitPoint[]> {
  const { table, time } = UNIT_TABLE[q.resolution];
  const rows = await db.query(
    `SELECT * FROM ${table} WHERE unit_id = ? AND ${time} >= ? AND ${time} <= ? ORDER BY ${time} DESC LIMIT ?`,
    [unitId, ms(q.sinceMs ?? 0), ms(q.untilMs ?? FAR_FUTURE_MS), limitOf(q.limit)],
  );
  return rows.reverse().map((r) => {
    const raw = q.resolution === "raw";
    const state = raw ? str(r.state) : "mixed";
    return {
      atMs: num(r[time]),
      unitId: str(r.unit_id),
      state,
      hashingShare: raw ? (state === "hashing" ? 1 : 0) : num(r.hashing_share),
      powerW: num(r.power_w),
      hashrateThs: num(r.hashrate_ths),
      coolantOutletC: numOrNull(r.coolant_outlet_c),
      samples: raw ? 1 : num(r.samples),
    };
  });
}
