import { describe, expect, it } from "vitest";
import type { GridEvent } from "../../domain/signals.js";
import { decide } from "../decide.js";
import { freshSignals, policyWith, referenceSnapshot, T0 } from "../testing/reference-site.js";
import { runRule } from "../testing/run-rule.js";
import { demandResponseRule } from "./demand-response.js";

const policy = policyWith();
const during = { startMs: T0 - 60_000, endMs: T0 + 3_600_000 };
const withEvents = (...events: GridEvent[]) => freshSignals(T0, {}, { events });

describe("demand-response rule", () => {
  it("says when nothing is in force and what comes next", () => {
    const later: GridEvent = {
      id: "dr-9",
      kind: "shed-to-floor",
      startMs: T0 + 600_000,
      endMs: T0 + 700_000,
    };
    const out = runRule(demandResponseRule, referenceSnapshot(), withEvents(later), policy, T0);
    expect(out.envelope).toBe(out.before);
    expect(out.reasons[0]?.detail).toBe(
      "no demand-response event in force; next: event dr-9 at 2026-04-01T03:10:00.000Z",
    );
  });

  it("pins the window to an absolute setpoint", () => {
    const out = runRule(
      demandResponseRule,
      referenceSnapshot(),
      withEvents({ id: "sp", kind: "setpoint", powerW: 2_000_000, ...during }),
      policy,
      T0,
    );
    expect(out.envelope.window).toEqual({ minW: 2_000_000, maxW: 2_000_000 });
    expect(out.reasons[0]?.detail).toBe(
      "event sp: absolute setpoint 2,000,000 W until 2026-04-01T04:00:00.000Z",
    );
  });

  it("lets the lower of two overlapping setpoints win", () => {
    const out = runRule(
      demandResponseRule,
      referenceSnapshot(),
      withEvents(
        { id: "hi", kind: "setpoint", powerW: 3_000_000, ...during },
        { id: "lo", kind: "setpoint", powerW: 1_000_000, ...during },
      ),
      policy,
      T0,
    );
    expect(out.envelope.window).toEqual({ minW: 1_000_000, maxW: 1_000_000 });
  });

  it("maps shed levels to a fraction of the import limit", () => {
    const out = runRule(
      demandResponseRule,
      referenceSnapshot(),
      withEvents({ id: "l2", kind: "shed-level", level: 2, ...during }),
      policy,
      T0,
    );
    expect(out.envelope.window.maxW).toBe(1_125_000);
    expect(out.reasons[0]?.detail).toBe(
      "event l2: shed level 2 → 25 % of the 4,500,000 W import limit (not below floor 30,000 W) until 2026-04-01T04:00:00.000Z",
    );
    const top = runRule(
      demandResponseRule,
      referenceSnapshot(),
      withEvents({ id: "l9", kind: "shed-level", level: 9, ...during }),
      policy,
      T0,
    );
    expect(top.envelope.window.maxW).toBe(30_000);
  });

  it("sheds the whole site to the floor, and the planned power never exceeds the event", () => {
    const s = referenceSnapshot({ sinceMs: T0 - 1_000 });
    const d = decide(s, withEvents({ id: "f", kind: "shed-to-floor", ...during }), policy, T0);
    expect(d.window.maxW).toBe(30_000);
    expect(d.commands).toHaveLength(558);
    expect(d.commands.every((c) => c.action === "sleep" && c.cause === "demand-response")).toBe(true);
    // Nothing left to shed: standby and auxiliaries.
    expect(d.plannedPowerW).toBe(558 * 120 + 100_000);
  });
});
