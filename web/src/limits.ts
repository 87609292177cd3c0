// The import limit in force, as the import-limit rule computes it: the lowest of the contract, the limit the grid
// side announces, and every import-limit event active at that instant.
import type { GridEvent, Signals, SiteConfig } from "./types.js";

export interface ImportLimit {
  w: number | null;
  /** "contract", "grid", or the id of the event that sets it. */
  source: string;
}

export function importLimitAt(
  config: SiteConfig,
  signals: Pick<Signals, "importLimitW"> | undefined,
  events: readonly GridEvent[],
  atMs: number,
): ImportLimit {
  let best: ImportLimit = { w: config.site?.importLimitW ?? null, source: "contract" };
  const lower = (w: number, source: string) => {
    if (best.w === null || w < best.w) best = { w, source };
  };
  if (signals?.importLimitW !== null && signals?.importLimitW !== undefined)
    lower(signals.importLimitW, "grid");
  for (const e of events)
    if (e.kind === "import-limit" && e.startMs <= atMs && atMs < e.endMs) lower(e.limitW, e.id);
  return best;
}
