// Japan Standard Time is UTC+9 all year (no daylight saving since 1951), so JST wall-clock times map to epoch ms with
// a fixed offset and need no time-zone database.

export const JST_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const SLOT_30MIN_MS = 1_800_000;

/** Epoch ms of a JST wall-clock time; undefined if the fields do not name a real calendar date and time. */
export function jstToEpochMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number | undefined {
  if (![year, month, day, hour, minute].every(Number.isInteger)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  const utcMs = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2021-02-30 over into March; a round trip catches such dates.
  const back = new Date(utcMs);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return utcMs - JST_OFFSET_MS;
}

/** Parses a JST date written `YYYY/M/D` or `YYYY-MM-DD` (JEPX uses the former); epoch ms of its 00:00 JST. */
export function parseJstDate(text: string): number | undefined {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(text.trim());
  if (m === null) return undefined;
  return jstToEpochMs(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Parses a JST date and time written `YYYY/M/D H:MM` (Kyushu TSO files). */
export function parseJstDateTime(text: string): number | undefined {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::00)?$/.exec(text.trim());
  if (m === null) return undefined;
  return jstToEpochMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

/** Epoch ms of 00:00 JST on the JST calendar day containing tMs. */
export function jstDayStartMs(tMs: number): number {
  return Math.floor((tMs + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
}

/** JST calendar fields of an instant, for labels and grouping. */
export function jstFields(tMs: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const d = new Date(tMs + JST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** `2023-04-09T12:00+09:00`: an ISO 8601 rendering of an instant in JST. */
export function formatJst(tMs: number): string {
  const iso = new Date(tMs + JST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 16)}+09:00`;
}
