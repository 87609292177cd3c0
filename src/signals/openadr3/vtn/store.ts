// In-memory objects of the VTN. The server provisions id, createdDateTime, modificationDateTime and objectType and
// ignores client-sent values for them (Definition §POST and PUT).
import type { Clock } from "../../../domain/clock.js";

export type ObjectKind = "program" | "event" | "report" | "subscription" | "ven" | "resource";

export const OBJECT_TYPE: Readonly<Record<ObjectKind, string>> = {
  program: "PROGRAM",
  event: "EVENT",
  report: "REPORT",
  subscription: "SUBSCRIPTION",
  ven: "VEN",
  resource: "RESOURCE",
};

export type StoredObject = Record<string, unknown> & {
  readonly id: string;
  readonly createdDateTime: string;
  readonly modificationDateTime: string;
  readonly objectType: string;
};

const PROVISIONED = new Set(["id", "createdDateTime", "modificationDateTime", "objectType"]);

export class VtnStore {
  private readonly maps = new Map<ObjectKind, Map<string, StoredObject>>();
  private nextId = 1;
  private lastStampMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: Clock) {}

  list(kind: ObjectKind): StoredObject[] {
    return [...this.map(kind).values()];
  }

  get(kind: ObjectKind, id: string): StoredObject | undefined {
    return this.map(kind).get(id);
  }

  create(kind: ObjectKind, body: Record<string, unknown>, extra: Record<string, unknown> = {}): StoredObject {
    const stamp = this.stamp();
    const obj: StoredObject = {
      id: `${kind}-${this.nextId++}`,
      createdDateTime: stamp,
      modificationDateTime: stamp,
      objectType: OBJECT_TYPE[kind],
      ...clientFields(body),
      ...extra,
    };
    this.map(kind).set(obj.id, obj);
    return obj;
  }

  update(
    kind: ObjectKind,
    id: string,
    body: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): StoredObject | undefined {
    const old = this.get(kind, id);
    if (!old) return undefined;
    const obj: StoredObject = {
      id,
      createdDateTime: old.createdDateTime,
      modificationDateTime: this.stamp(),
      objectType: old.objectType,
      ...clientFields(body),
      ...extra,
    };
    this.map(kind).set(id, obj);
    return obj;
  }

  delete(kind: ObjectKind, id: string): StoredObject | undefined {
    const old = this.get(kind, id);
    if (old) this.map(kind).delete(id);
    return old;
  }

  /** Stores an object as given, unchecked: lets tests play a VTN that serves invalid data. */
  putRaw(kind: ObjectKind, obj: Record<string, unknown> & { id: string }): void {
    this.map(kind).set(obj.id, obj as StoredObject);
  }

  /** Strictly increasing modification times, so that a VEN comparing modificationDateTime never misses an update. */
  private stamp(): string {
    this.lastStampMs = Math.max(this.clock.nowMs(), this.lastStampMs + 1);
    return new Date(this.lastStampMs).toISOString();
  }

  private map(kind: ObjectKind): Map<string, StoredObject> {
    let m = this.maps.get(kind);
    if (!m) {
      m = new Map();
      this.maps.set(kind, m);
    }
    return m;
  }
}

function clientFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !PROVISIONED.has(k)));
}
