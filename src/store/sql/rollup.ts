// Downsampling and retention. Each roll-up recomputes every bucket from the newest one already present up to the
// last complete bucket, with ON CONFLICT … DO UPDATE, so running it twice, or after a late row, gives the same
// result. Deletes only ever touch rows that are older than both the retention and the roll-up that consumed them.
import type { RetentionResult } from "../records.js";
import { bucketStart, MINUTE_MS, QUARTER_MS, type RetentionPolicy } from "../retention.js";
import type { SqlDriver } from "./driver.js";
import { num } from "./rows.js";
import { SITE_COLUMNS } from "./telemetry-log.js";

interface Tier {
  source: string;
  sourceTime: string;
  target: string;
  bucketMs: number;
  /** Source rows are themselves averages of `samples` rows and are weighted by them. */
  weighted: boolean;
  unit: boolean;
}

const UNIT_VALUES = ["power_w", "hashrate_ths", "coolant_outlet_c"] as const;

function aggregate(column: string, weighted: boolean): string {
  if (!weighted) return `AVG(${column})`;
  // Weight by samples; NULLIF keeps a bucket whose values are all NULL at NULL instead of dividing by zero.
  return `SUM(${column} * samples) / NULLIF(CAST(SUM(CASE WHEN ${column} IS NULL THEN 0 ELSE samples END) AS DOUBLE PRECISION), 0)`;
}

function rollupSql(t: Tier): string {
  const bucket = `(${t.sourceTime} / ${t.bucketMs}) * ${t.bucketMs}`;
  const samples = t.weighted ? "SUM(samples)" : "COUNT(*)";
  const values = t.unit
    ? [
        t.weighted
          ? aggregate("hashing_share", true)
          : "AVG(CASE WHEN state = 'hashing' THEN 1.0 ELSE 0.0 END)",
        ...UNIT_VALUES.map((c) => aggregate(c, t.weighted)),
      ]
    : SITE_COLUMNS.map((c) => aggregate(c, t.weighted));
  const names = t.unit ? ["hashing_share", ...UNIT_VALUES] : [...SITE_COLUMNS];
  const keys = t.unit ? "unit_id, bucket_ms" : "bucket_ms";
  const select = t.unit ? "unit_id, " : "";
  const group = t.unit ? "unit_id, b" : "b";
  return `INSERT INTO ${t.target} (${keys}, samples, ${names.join(", ")})
    SELECT ${select}${bucket} AS b, ${samples}, ${values.join(", ")}
    FROM ${t.source} WHERE ${t.sourceTime} >= ? AND ${t.sourceTime} < ? GROUP BY ${group}
    ON CONFLICT (${keys}) DO UPDATE SET samples = excluded.samples,
    ${names.map((n) => `${n} = excluded.${n}`).join(", ")}`;
}

const TIERS = {
  site1m: { source: "site_telemetry", sourceTime: "at_ms", target: "site_telemetry_1m", bucketMs: MINUTE_MS },
  site15m: {
    source: "site_telemetry_1m",
    sourceTime: "bucket_ms",
    target: "site_telemetry_15m",
    bucketMs: QUARTER_MS,
  },
  unit1m: { source: "unit_telemetry", sourceTime: "at_ms", target: "unit_telemetry_1m", bucketMs: MINUTE_MS },
  unit15m: {
    source: "unit_telemetry_1m",
    sourceTime: "bucket_ms",
    target: "unit_telemetry_15m",
    bucketMs: QUARTER_MS,
  },
} as const;

/** Rolls one tier up to the last complete bucket; returns that boundary (exclusive) and the buckets written. */
async function rollUp(
  db: SqlDriver,
  name: keyof typeof TIERS,
  nowMs: number,
): Promise<{ throughMs: number; rows: number }> {
  const base = TIERS[name];
  const t: Tier = { ...base, weighted: base.sourceTime === "bucket_ms", unit: name.startsWith("unit") };
  const throughMs = bucketStart(nowMs, t.bucketMs);
  const newest = await db.query(`SELECT MAX(bucket_ms) AS m FROM ${t.target}`);
  let fromMs = newest[0]?.m === null || newest[0]?.m === undefined ? null : num(newest[0].m);
  if (fromMs === null) {
    const oldest = await db.query(`SELECT MIN(${t.sourceTime}) AS m FROM ${t.source}`);
    if (oldest[0]?.m === null || oldest[0]?.m === undefined) return { throughMs, rows: 0 };
    fromMs = bucketStart(num(oldest[0].m), t.bucketMs);
  }
  if (fromMs >= throughMs) return { throughMs, rows: 0 };
  const rows = await db.run(rollupSql(t), [fromMs, throughMs]);
  return { throughMs, rows };
}

export async function compact(db: SqlDriver, nowMs: number, p: RetentionPolicy): Promise<RetentionResult> {
  const site1m = await rollUp(db, "site1m", nowMs);
  const site15m = await rollUp(db, "site15m", nowMs);
  const unit1m = await rollUp(db, "unit1m", nowMs);
  const unit15m = await rollUp(db, "unit15m", nowMs);
  const before = (retentionMs: number, rolledThroughMs: number) =>
    Math.min(nowMs - retentionMs, rolledThroughMs);
  const del = (table: string, time: string, limitMs: number) =>
    db.run(`DELETE FROM ${table} WHERE ${time} < ?`, [limitMs]);
  const keepForever = (q: number | null, table: string, time: string) =>
    q === null ? Promise.resolve(0) : del(table, time, nowMs - q);
  return {
    rolledUp: { site1m: site1m.rows, site15m: site15m.rows, unit1m: unit1m.rows, unit15m: unit15m.rows },
    deleted: {
      siteRaw: await del("site_telemetry", "at_ms", before(p.site.rawMs, site1m.throughMs)),
      site1m: await del("site_telemetry_1m", "bucket_ms", before(p.site.minuteMs, site15m.throughMs)),
      site15m: await keepForever(p.site.quarterMs, "site_telemetry_15m", "bucket_ms"),
      unitRaw: await del("unit_telemetry", "at_ms", before(p.unit.rawMs, unit1m.throughMs)),
      unit1m: await del("unit_telemetry_1m", "bucket_ms", before(p.unit.minuteMs, unit15m.throughMs)),
      unit15m: await keepForever(p.unit.quarterMs, "unit_telemetry_15m", "bucket_ms"),
      sessions: await db.run("DELETE FROM sessions WHERE expires_at_ms <= ?", [nowMs]),
    },
  };
}
