// The seam between the shared SQL and one database. Statements use `?` placeholders (the PostgreSQL driver numbers
// them) and only SQL that both SQLite ≥ 3.35 and PostgreSQL ≥ 12 accept: RETURNING, ON CONFLICT … DO UPDATE,
// integer division of integer columns.

export type SqlValue = string | number | null;

export interface SqlStatement {
  sql: string;
  params?: readonly SqlValue[];
}

export type SqlRow = Record<string, unknown>;

export interface SqlDriver {
  readonly dialect: "sqlite" | "postgres";
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs every statement in one transaction: all or nothing. */
  batch(statements: readonly SqlStatement[]): Promise<void>;
  close(): Promise<void>;
}

export interface Migration {
  version: number;
  sql: string;
}
