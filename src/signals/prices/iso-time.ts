// ISO 8601 timestamps for the formats we define. An explicit UTC offset is required: a local wall-clock time names
// two instants during a daylight-saving fall-back hour (and none in the spring-forward hour) in markets that use DST.

export type IsoParse = { ok: true; epochMs: number } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseIsoWithOffset(text: string): IsoParse {
  const m = ISO.exec(text.trim());
  if (m === null) return { ok: false, reason: `not an ISO 8601 timestamp: "${text}"` };
  const offset = m[8];
  if (offset === undefined) {
    return {
      ok: false,
      reason: `timestamp "${text}" has no UTC offset; local times are ambiguous across daylight-saving changes, write Z or ±hh:mm`,
    };
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `timestamp "${text}" has a field out of range` };
  }
  const localMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(localMs);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    return { ok: false, reason: `timestamp "${text}" names a date that does not exist` };
  }
  const offsetMs = parseOffsetMs(offset);
  if (offsetMs === undefined) return { ok: false, reason: `timestamp "${text}" has a bad UTC offset` };
  return { ok: true, epochMs: localMs - offsetMs };
}

function parseOffsetMs(offset: string): number | undefined {
  if (offset.toUpperCase() === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (m === null) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
