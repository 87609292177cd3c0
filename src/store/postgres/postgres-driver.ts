import pg from "pg";
import type { SqlDriver, SqlRow, SqlStatement, SqlValue } from "../sql/driver.js";

// BIGINT (times in ms), NUMERIC (AVG and SUM of BIGINT) and COUNT(*) would arrive as strings; every value the
// store keeps fits a double exactly (ms until the year 285,000; powers far below 2^53 W).
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  /** e.g. postgres://user@127.0.0.1:5432/gridminer */
  url: string;
  /** Tables live in this schema (created when missing); default "public". */
  schema?: string;
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Numbers `?` placeholders; the shared SQL never has a `?` inside a literal. */
export function numberPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = "postgres";
  readonly pool: pg.Pool;
  readonly schema: string;

  constructor(opts: PostgresOptions) {
    const schema = opts.schema ?? "public";
    if (!SCHEMA_NAME.test(schema))
      throw new Error(`postgres schema "${schema}": expected lower-case letters, digits and _ (max 63)`);
    this.schema = schema;
    this.pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.maxConnections ?? 4,
      types,
      // Every connection resolves table names in our schema only.
      options: `-c search_path=${schema}`,
    });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
  }

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const r = await this.pool.query(numberPlaceholders(sql), params as SqlValue[]);
    return r.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const r = await this.pool.query(numberPlaceholders(sql), params as SqlValue[]);
    return r.rowCount ?? 0;
  }

  async batch(statements: readonly SqlStatement[]): Promise<void> {
    await this.transaction(async (client) => {
      for (const s of statements)
        await client.query(numberPlaceholders(s.sql), (s.params ?? []) as SqlValue[]);
    });
  }

  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
