// Query filtering of lists (Definition §Response Filtering: filters are additive) and a light form of 3.1.0 object
// privacy: objects with targets are shown to a VEN only when it asks for one of those targets. Objects without
// targets are for every client. The ven/resource "granted targets" check of the Definition is not made.
import { hasEventEnded, resolveEvent } from "../intervals.js";
import type { OadrVersion } from "../version.js";
import type { WireEvent, WireValuesMap } from "../wire.js";
import type { StoredObject } from "./store.js";
import type { TokenInfo } from "./tokens.js";

export function targetsVisible(
  version: OadrVersion,
  objectTargets: unknown,
  query: Readonly<Record<string, unknown>>,
  auth: TokenInfo | undefined,
): boolean {
  if (!Array.isArray(objectTargets) || objectTargets.length === 0) return true;
  if (version === "3.1.0") {
    const requested = Array.isArray(query.targets) ? (query.targets as string[]) : [];
    if (requested.length === 0) return auth?.role === "bl";
    return objectTargets.some((t) => typeof t === "string" && requested.includes(t));
  }
  const type = query.targetType;
  const values = Array.isArray(query.targetValues) ? (query.targetValues as string[]) : [];
  if (typeof type !== "string") return true;
  return (objectTargets as WireValuesMap[]).some(
    (t) => t.type === type && (values.length === 0 || t.values.some((v) => values.includes(String(v)))),
  );
}

/**
 * 3.1.0 `active`: events whose intervals have not all passed. A "do it now" start (0001-01-01) is read as the time
 * the event was last written, so that "now for one hour" ends an hour later here too.
 */
export function eventNotEnded(version: OadrVersion, event: StoredObject, nowMs: number): boolean {
  const writtenMs = Date.parse(event.modificationDateTime);
  const resolved = resolveEvent({
    version,
    event: event as unknown as WireEvent & { id: string },
    obtainedAtMs: Number.isNaN(writtenMs) ? nowMs : writtenMs,
    randomDraws: [],
  });
  return !hasEventEnded(resolved, nowMs);
}

export function page<T>(items: readonly T[], query: Readonly<Record<string, unknown>>): T[] {
  const skip = typeof query.skip === "number" ? query.skip : 0;
  const limit = typeof query.limit === "number" ? query.limit : items.length;
  return items.slice(skip, skip + limit);
}

/** Field equality filters: each given query value must equal the object's field. */
export function fieldsMatch(
  obj: StoredObject,
  query: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): boolean {
  return fields.every((f) => query[f] === undefined || obj[f] === query[f]);
}
