// The programs and events the VEN holds, fed by polls and notifications. Every object is validated against the
// version's schema on its own: an invalid one is reported (naming its id and field) and skipped, and the last valid
// version of it, if any, is kept. An object whose modificationDateTime has not changed is not processed again, so
// its "now" and its randomised start stay as first read.
import type { Clock } from "../../domain/clock.js";
import type { OpenApiContract } from "./contract.js";
import type { VenProblem } from "./errors.js";
import { type ReceivedEvent, randomizationSites } from "./model.js";
import { describeFailure, objectLabel } from "./schema-check.js";
import type { WireEvent, WireEventPayloadDescriptor, WireProgram } from "./wire.js";

interface Held<T> {
  readonly value: T;
  /** modificationDateTime, or the JSON text where the VTN sends none (optional in 3.0.1). */
  readonly revision: string;
}

export interface StoreDeps {
  readonly contract: OpenApiContract;
  readonly clock: Clock;
  readonly random: () => number;
  readonly onProblem: (p: VenProblem) => void;
  /** Only events of these program names are kept; all when absent. */
  readonly programNames?: readonly string[];
}

export interface IngestOutcome {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly rejected: number;
}

export class VenEventStore {
  private readonly programs = new Map<string, Held<WireProgram & { id: string }>>();
  private readonly events = new Map<string, Held<ReceivedEvent>>();
  /** Revisions already found invalid: reported once, not on every poll. */
  private readonly rejected = new Set<string>();

  constructor(private readonly deps: StoreDeps) {}

  /** A complete list of programs from a poll: programs not in it are dropped. */
  replacePrograms(items: readonly unknown[]): IngestOutcome {
    return this.replace(this.programs, items, "program", (p, id) => ({ ...(p as WireProgram), id }));
  }

  /** A complete list of events from a poll: events not in it were deleted on the VTN and are dropped. */
  replaceEvents(items: readonly unknown[]): IngestOutcome {
    return this.replace(this.events, items, "event", (e, id) => this.receive(e as WireEvent, id));
  }

  /** One program or event from a notification or a read by id. */
  upsert(kind: "program" | "event", item: unknown): IngestOutcome {
    const outcome = { added: 0, updated: 0, removed: 0, rejected: 0 };
    if (kind === "program")
      this.put(this.programs, item, "program", (p, id) => ({ ...(p as WireProgram), id }), outcome);
    else this.put(this.events, item, "event", (e, id) => this.receive(e as WireEvent, id), outcome);
    return outcome;
  }

  remove(kind: "program" | "event", id: string): boolean {
    return kind === "program" ? this.programs.delete(id) : this.events.delete(id);
  }

  /** Events of the tracked programs, each with its program's payload descriptors as defaults. */
  receivedEvents(): ReceivedEvent[] {
    const out: ReceivedEvent[] = [];
    for (const { value } of this.events.values()) {
      const program = this.programs.get(value.event.programID)?.value;
      if (!this.tracks(program)) continue;
      const programDescriptors = program?.payloadDescriptors?.filter(isEventDescriptor);
      out.push({
        ...value,
        ...(programDescriptors ? { programDescriptors } : {}),
        ...(program ? { programName: program.programName } : {}),
      });
    }
    return out;
  }

  programList(): (WireProgram & { id: string })[] {
    return [...this.programs.values()].map((h) => h.value);
  }

  /** Ids of the programs whose events the VEN follows. */
  trackedProgramIds(): string[] {
    return this.programList()
      .filter((p) => this.tracks(p))
      .map((p) => p.id);
  }

  private tracks(program: WireProgram | undefined): boolean {
    const names = this.deps.programNames;
    if (names === undefined) return true;
    return program !== undefined && names.includes(program.programName);
  }

  private receive(event: WireEvent, id: string): ReceivedEvent {
    const draws = Array.from({ length: randomizationSites(event) }, () => this.deps.random());
    return {
      version: this.deps.contract.version,
      event: { ...event, id },
      obtainedAtMs: this.deps.clock.nowMs(),
      randomDraws: draws,
    };
  }

  private replace<T>(
    map: Map<string, Held<T>>,
    items: readonly unknown[],
    kind: "program" | "event",
    build: (raw: unknown, id: string) => T,
  ): IngestOutcome {
    const outcome = { added: 0, updated: 0, removed: 0, rejected: 0 };
    const seen = new Set<string>();
    for (const item of items) {
      const id = this.put(map, item, kind, build, outcome);
      if (id !== undefined) seen.add(id);
    }
    for (const id of [...map.keys()]) {
      if (!seen.has(id)) {
        map.delete(id);
        outcome.removed++;
      }
    }
    return outcome;
  }

  /** Validates and stores one object; returns its id when it has one (even if rejected, so it is not dropped). */
  private put<T>(
    map: Map<string, Held<T>>,
    item: unknown,
    kind: "program" | "event",
    build: (raw: unknown, id: string) => T,
    outcome: { added: number; updated: number; rejected: number },
  ): string | undefined {
    const id = idOf(item);
    const revision = revisionOf(item);
    const held = id === undefined ? undefined : map.get(id);
    if (held && held.revision === revision) return id;
    const rejectionKey = `${kind}|${id ?? ""}|${revision}`;
    if (this.rejected.has(rejectionKey)) {
      outcome.rejected++;
      return id;
    }
    const check = this.deps.contract.validateComponent(kind, item);
    if (!check.ok || id === undefined) {
      outcome.rejected++;
      this.rejected.add(rejectionKey);
      const errors = check.ok ? [{ field: "/id", message: "is required" }] : check.errors;
      const kept = held ? "; the previous version is kept" : "";
      this.deps.onProblem({
        kind: "invalid-object",
        message: `${describeFailure(`${objectLabel(kind, item)} ignored`, errors)}${kept}`,
        ...(id !== undefined ? { objectId: id } : {}),
        ...(errors[0] ? { field: errors[0].field } : {}),
      });
      return id;
    }
    map.set(id, { value: build(item, id), revision });
    if (held) outcome.updated++;
    else outcome.added++;
    return id;
  }
}

function idOf(item: unknown): string | undefined {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function revisionOf(item: unknown): string {
  const m =
    typeof item === "object" && item !== null
      ? (item as { modificationDateTime?: unknown }).modificationDateTime
      : undefined;
  return typeof m === "string" ? m : JSON.stringify(item);
}

function isEventDescriptor(d: unknown): d is WireEventPayloadDescriptor {
  const o = d as { objectType?: unknown; readingType?: unknown };
  return (
    o.objectType === "EVENT_PAYLOAD_DESCRIPTOR" || (o.objectType === undefined && o.readingType === undefined)
  );
}
