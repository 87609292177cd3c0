import { describe, expect, it } from "vitest";
import { effectiveOverrides } from "../../core/rules/operator-override.js";
import type { OperatorOverride } from "../../domain/signals.js";
import { SignalHub } from "../../runtime/signal-hub.js";
import { SqliteStore } from "../../store/sqlite/sqlite-store.js";
import type { SignalAccess } from "../site-runtime.js";
import { TestClock } from "../testing.js";
import { OverrideBook } from "./override-book.js";

/** A hub that can forget overrides, as the book prefers. */
function removableHub(): SignalAccess & { list: OperatorOverride[] } {
  const hub = new SignalHub({});
  const list: OperatorOverride[] = [];
  return {
    list,
    read: (nowMs) => ({ ...hub.read(nowMs), overrides: list }),
    listEvents: () => [],
    addOverride: (o) => list.push(o),
    removeOverride: (id) => {
      const i = list.findIndex((o) => o.id === id);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

const T0 = Date.UTC(2026, 3, 1);

describe("OverrideBook", () => {
  for (const kind of ["release and re-issue", "remove"] as const) {
    it(`releases one unit of a multi-unit unit-off and keeps the others asleep (${kind})`, async () => {
      const clock = new TestClock(T0);
      const store = new SqliteStore(":memory:");
      const hub = kind === "remove" ? removableHub() : new SignalHub({});
      const book = new OverrideBook(store, hub, clock);
      await book.issue({ kind: "shed", durationS: 600 }, "ana");
      await book.issue(
        { kind: "unit-off", unitIds: ["a:1", "b:1", "c:1"], durationS: 600, note: "pumps" },
        "ana",
      );
      clock.advance(1000);
      const lifted = await book.releaseUnit("b:1", "bob");
      expect(lifted.map((o) => o.kind)).toEqual(["unit-off"]);
      clock.advance(1000);
      const effective = effectiveOverrides(hub.read(clock.nowMs()).overrides, clock.nowMs());
      expect(effective.map((o) => (o.kind === "unit-off" ? o.unitIds : o.kind))).toEqual([
        "shed",
        ["a:1", "c:1"],
      ]);
      expect((await book.active()).map((a) => a.override.kind)).toEqual(["shed", "unit-off"]);
      expect(await book.releaseUnit("b:1", "bob")).toEqual([]);
      await store.close();
    });
  }

  it("a release outlives what it cancelled, and restore brings back what is in force", async () => {
    const clock = new TestClock(T0);
    const store = new SqliteStore(":memory:");
    const book = new OverrideBook(store, new SignalHub({}), clock);
    await book.issue({ kind: "shed", durationS: 3600 }, "ana");
    const release = await book.issue({ kind: "release", durationS: 60 }, "ana");
    expect(release.expiresAtMs).toBe(T0 + 3600_000);
    const hold = await book.issue({ kind: "hold", durationS: 600 }, "ana");
    const fresh = new SignalHub({});
    expect(await new OverrideBook(store, fresh, clock).restore()).toBe(2);
    const effective = effectiveOverrides(fresh.read(clock.nowMs()).overrides, clock.nowMs());
    expect(effective.map((o) => o.id)).toEqual([hold.id]);
    await store.close();
  });
});
