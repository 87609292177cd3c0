// Row decoding shared by both dialects: PostgreSQL hands JSONB back parsed and SQLite hands TEXT back as a string.

export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

export function str(value: unknown): string {
  return String(value);
}

/** Whole milliseconds: a fractional timestamp would fall between buckets differently in each dialect. */
export function ms(value: number): number {
  return Math.round(value);
}

export const FAR_FUTURE_MS = 8_640_000_000_000_000;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 100_000;

export function limitOf(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}
