const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "2h", "1d" back from now, or an ISO 8601 timestamp with offset. */
export function parseSince(text: string, nowMs: number): number {
  const rel = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (rel) return nowMs - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new Error(`--since "${text}": expected a duration like 15m, 2h, 1d or an ISO timestamp`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`--since "${text}": not a valid timestamp`);
  return ms;
}
