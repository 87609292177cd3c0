// Daily series are keyed by UTC calendar day as "YYYY-MM-DD": sortable as strings, unambiguous across time zones.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DAY_MS = 86_400_000;

function fromParts(year: number, month: number, day: number): string | undefined {
  const ms = Date.UTC(year, month - 1, day);
  if (Number.isNaN(ms) || year < 1000) return undefined;
  const iso = new Date(ms).toISOString().slice(0, 10);
  // Date.UTC rolls 31 February over into March; a round trip catches it.
  const expected = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return iso === expected ? iso : undefined;
}

/** "YYYY-MM-DD" if `text` is a real calendar date in that form, else undefined. */
export function parseIsoDate(text: string): string | undefined {
  const m = ISO_DATE.exec(text);
  return m ? fromParts(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Day-first "d/m/yyyy" (as in the Hotstopper block counts) to "YYYY-MM-DD", else undefined. */
export function parseDayMonthYearDate(text: string): string | undefined {
  const m = DMY_DATE.exec(text);
  return m ? fromParts(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/** Whole days since 1970-01-01 of a valid "YYYY-MM-DD". */
export function utcDayNumber(dateUtc: string): number {
  return Date.parse(`${dateUtc}T00:00:00Z`) / DAY_MS;
}

export function utcDateFromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
