import { describe, expect, it } from "vitest";
import type { OperatorOverride } from "../../domain/signals.js";
import { decide } from "../decide.js";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { effectiveOverrides, operatorOverrideRule } from "./operator-override.js";

const base = { by: "alice", expiresAtMs: T0 + 3_600_000 };
const run = (...overrides: OperatorOverride[]) =>
  runRule(
    operatorOverrideRule,
    referenceSnapshot({ units: 10 }),
    freshSignals(T0, {}, { overrides }),
    policyWith(),
    T0,
  );

describe("operator-override rule", () => {
  it("caps, holds and sheds", () => {
    const cap = run({ id: "o1", kind: "cap", maxW: 150_000, issuedAtMs: T0 - 1, ...base, note: "pump test" });
    expect(cap.envelope.window.maxW).toBe(150_000);
    expect(cap.reasons[0]?.detail).toBe(
      'cap by alice until 2026-04-01T04:00:00.000Z ("pump test"): cap 150,000 W',
    );
    expect(run({ id: "o2", kind: "hold", issuedAtMs: T0 - 1, ...base }).envelope.window.maxW).toBe(180_640);
    expect(run({ id: "o3", kind: "shed", issuedAtMs: T0 - 1, ...base }).envelope.window.maxW).toBe(30_000);
  });

  it("cannot widen: a cap above the current window changes nothing", () => {
    const out = run({ id: "o1", kind: "cap", maxW: 9e9, issuedAtMs: T0 - 1, ...base });
    expect(out.envelope.window).toEqual(out.before.window);
  });

  it("keeps named units asleep", () => {
    const out = run({ id: "o4", kind: "unit-off", unitIds: ["u003"], issuedAtMs: T0 - 1, ...base });
    expect(out.envelope.units.get("u003")?.stayModes).toEqual([]);
    const d = decide(
      referenceSnapshot({ units: 10 }),
      freshSignals(
        T0,
        {},
        { overrides: [{ id: "o4", kind: "unit-off", unitIds: ["u003"], issuedAtMs: T0 - 1, ...base }] },
      ),
      policyWith(),
      T0,
    );
    expect(d.commands).toEqual([{ unitId: "u003", action: "sleep", cause: "operator-override" }]);
  });

  it("drops expired and not-yet-issued overrides; a release cancels everything issued before it", () => {
    const list: OperatorOverride[] = [
      { id: "a", kind: "shed", issuedAtMs: T0 - 10, ...base },
      { id: "r", kind: "release", issuedAtMs: T0 - 5, by: "bob", expiresAtMs: T0 - 1 },
      { id: "b", kind: "cap", maxW: 1, issuedAtMs: T0 - 3, by: "bob", expiresAtMs: T0 },
      { id: "c", kind: "cap", maxW: 2, issuedAtMs: T0 - 2, ...base },
      { id: "d", kind: "cap", maxW: 3, issuedAtMs: T0 + 1, ...base },
    ];
    expect(effectiveOverrides(list, T0).map((o) => o.id)).toEqual(["c"]);
    expect(run().reasons[0]?.detail).toBe("no operator override in force");
  });
});
