// What the VEN keeps of an event once it passed validation: the wire object plus the few facts the timing rules need
// that the object itself cannot carry (when it was obtained, the random draws for randomizeStart, program defaults).
import type { OadrVersion } from "./version.js";
import type { WireEvent, WireEventPayloadDescriptor } from "./wire.js";

export interface ReceivedEvent {
  readonly version: OadrVersion;
  /** Validated against the version's `event` schema; `id` is present. */
  readonly event: WireEvent & { readonly id: string };
  /**
   * When the VEN first obtained this version of the event (same modificationDateTime). A start of 0001-01-01 is
   * read as this instant: the guide's "do it now".
   */
  readonly obtainedAtMs: number;
  /**
   * Uniform draws in [0, 1), one per randomizeStart met in reading order (event.intervalPeriod first, then each
   * interval that declares its own). Drawn once on receipt so that the resolved start times stay fixed.
   */
  readonly randomDraws: readonly number[];
  /** payloadDescriptors of the event's program: the defaults the event's own descriptors override. */
  readonly programDescriptors?: readonly WireEventPayloadDescriptor[];
  readonly programName?: string;
}

/** Number of randomizeStart values an event declares, i.e. how many draws its ReceivedEvent needs. */
export function randomizationSites(event: WireEvent): number {
  let n = event.intervalPeriod?.randomizeStart ? 1 : 0;
  for (const i of event.intervals ?? []) if (i.intervalPeriod?.randomizeStart) n++;
  return n;
}

/** A deterministic uniform source in [0, 1) (mulberry32): for tests and for reproducible randomizeStart. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
