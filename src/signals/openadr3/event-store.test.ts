import { describe, expect, it } from "vitest";
import { OpenApiContract } from "./contract.js";
import type { VenProblem } from "./errors.js";
import { VenEventStore } from "./event-store.js";
import { seededRandom } from "./model.js";

function setup(programNames?: string[]) {
  let nowMs = Date.parse("2025-06-25T00:00:00Z");
  const problems: VenProblem[] = [];
  const store = new VenEventStore({
    contract: OpenApiContract.of("3.0.1"),
    clock: { nowMs: () => nowMs },
    random: seededRandom(7),
    onProblem: (p) => problems.push(p),
    ...(programNames ? { programNames } : {}),
  });
  return { store, problems, advance: (ms: number) => (nowMs += ms) };
}

function only<T>(items: readonly T[]): T {
  const [first] = items;
  if (items.length !== 1 || first === undefined) throw new Error(`expected one item, got ${items.length}`);
  return first;
}

const event = (id: string, modified: string, extra: object = {}) => ({
  id,
  programID: "p-1",
  modificationDateTime: modified,
  intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: "PT1H", randomizeStart: "PT5M" },
  intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: [1] }] }],
  ...extra,
});

describe("VEN event store", () => {
  it("ignores an invalid event with a message naming its id and field, and keeps the valid ones", () => {
    const { store, problems } = setup();
    const bad = event("e-2", "2025-06-25T00:00:00Z", {
      intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: "1" }] }],
    });
    const outcome = store.replaceEvents([event("e-1", "2025-06-25T00:00:00Z"), bad]);
    expect(outcome).toEqual({ added: 1, updated: 0, removed: 0, rejected: 1 });
    expect(store.receivedEvents().map((r) => r.event.id)).toEqual(["e-1"]);
    expect(problems).toEqual([
      {
        kind: "invalid-object",
        objectId: "e-2",
        field: "/intervals/0/payloads/0/values",
        message: 'event "e-2" ignored: /intervals/0/payloads/0/values must be array',
      },
    ]);
    // The same invalid revision on the next poll is not reported again.
    store.replaceEvents([event("e-1", "2025-06-25T00:00:00Z"), bad]);
    expect(problems).toHaveLength(1);
  });

  it("keeps the previous version when an update is invalid", () => {
    const { store, problems } = setup();
    store.replaceEvents([event("e-1", "2025-06-25T00:00:00Z")]);
    store.replaceEvents([event("e-1", "2025-06-25T00:01:00Z", { priority: -1 })]);
    expect(store.receivedEvents()[0]?.event.modificationDateTime).toBe("2025-06-25T00:00:00Z");
    expect(problems[0]?.message).toBe(
      'event "e-1" ignored: /priority must be >= 0; the previous version is kept',
    );
  });

  it("processes an event again only when its modificationDateTime changes", () => {
    const { store, advance } = setup();
    store.replaceEvents([event("e-1", "2025-06-25T00:00:00Z")]);
    const first = only(store.receivedEvents());
    advance(60_000);
    expect(store.replaceEvents([event("e-1", "2025-06-25T00:00:00Z")])).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      rejected: 0,
    });
    expect(store.receivedEvents()[0]).toEqual(first);
    store.replaceEvents([event("e-1", "2025-06-25T00:02:00Z")]);
    const second = only(store.receivedEvents());
    expect(second.obtainedAtMs).toBe(first.obtainedAtMs + 60_000);
    expect(second.randomDraws).toHaveLength(1);
    expect(second.randomDraws).not.toEqual(first.randomDraws);
  });

  it("drops events a complete poll no longer lists, and follows only the configured programs", () => {
    const { store } = setup(["dr"]);
    store.replacePrograms([
      { id: "p-1", programName: "dr" },
      { id: "p-2", programName: "tariff" },
    ]);
    store.replaceEvents([
      event("e-1", "2025-06-25T00:00:00Z"),
      event("e-2", "2025-06-25T00:00:00Z", { programID: "p-2" }),
    ]);
    expect(store.receivedEvents().map((r) => [r.event.id, r.programName])).toEqual([["e-1", "dr"]]);
    expect(store.trackedProgramIds()).toEqual(["p-1"]);
    expect(store.replaceEvents([event("e-2", "2025-06-25T00:00:00Z", { programID: "p-2" })]).removed).toBe(1);
    expect(store.receivedEvents()).toEqual([]);
  });
});
