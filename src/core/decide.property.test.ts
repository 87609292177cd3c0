// Properties over arbitrary snapshots, signals and policies (small mixed fleets so that limits bind often).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../domain/decision.js";
import type { SitePolicy } from "../domain/policy.js";
import type { Reading } from "../domain/reading.js";
import type { GridSignals } from "../domain/signals.js";
import type { SiteSnapshot, UnitSnapshot } from "../domain/site.js";
import { buildContext } from "./context.js";
import { decide } from "./decide.js";
import { isWithin } from "./envelope.js";
import { runPipeline } from "./pipeline.js";
import { RULES } from "./rules/index.js";
import { policyArb, signalsArb, snapshotArb } from "./testing/arbitraries.js";
import { T0 } from "./testing/reference-site.js";
import { step } from "./testing/simulate.js";

const RUNS = { numRuns: 300 };
const MANDATORY = new Set(["safety", "import-limit", "demand-response", "frequency-response"]);

const specW = (u: UnitSnapshot, mode: number | undefined) => u.modes.find((m) => m.mode === mode)?.powerW;
const topW = (u: UnitSnapshot) => Math.max(...u.modes.map((m) => m.powerW));

/** Independent oracle of what a unit counts for before any command: the contract of UnitSnapshot, restated. */
function unitNowW(
  u: UnitSnapshot,
  policy: SitePolicy,
  nowMs: number,
): { w: number; fixed: boolean; on: boolean; moving: boolean } {
  if (u.state === "fault" || u.state === "unreachable")
    return { w: u.powerW, fixed: true, on: false, moving: false };
  if (nowMs - u.readAtMs > policy.stale.maxAgeS.unit * 1000) {
    const w = u.state === "sleeping" ? u.standbyPowerW : (specW(u, u.workMode) ?? topW(u));
    return { w: Math.max(u.powerW, w), fixed: true, on: false, moving: false };
  }
  if (u.pending !== undefined) {
    const on = u.pending.action !== "sleep";
    return {
      w: on ? (specW(u, u.pending.mode ?? u.workMode) ?? topW(u)) : u.standbyPowerW,
      fixed: false,
      on,
      moving: true,
    };
  }
  if (u.state === "sleeping")
    return { w: Math.max(u.powerW, u.standbyPowerW), fixed: false, on: false, moving: false };
  const moving = u.state !== "hashing";
  return { w: Math.max(u.powerW, specW(u, u.workMode) ?? topW(u)), fixed: false, on: true, moving };
}

/** Σ of unit target powers after the commands (starting units at their mode's power) plus auxiliaries. */
function plannedAfter(s: SiteSnapshot, d: Decision, policy: SitePolicy): number {
  const cmd = new Map(d.commands.map((c) => [c.unitId, c]));
  let w = d.auxiliaryW;
  for (const u of s.units) {
    const c = cmd.get(u.id);
    if (c === undefined) w += unitNowW(u, policy, d.nowMs).w;
    else if (c.action === "sleep") w += u.standbyPowerW;
    else w += specW(u, c.mode) ?? Number.NaN;
  }
  return w;
}

/** The lowest import limit or event cap in force, computed from the inputs alone. */
function obligationCapW(g: GridSignals, p: SitePolicy, nowMs: number): number {
  let cap = Math.min(p.importLimitW, g.importLimitW ?? Number.POSITIVE_INFINITY);
  for (const e of g.events) {
    if (!(e.startMs <= nowMs && nowMs < e.endMs)) continue;
    if (e.kind === "import-limit") cap = Math.min(cap, e.limitW);
    if (e.kind === "setpoint") cap = Math.min(cap, e.powerW);
    if (e.kind === "shed-to-floor") cap = Math.min(cap, p.floorW);
    if (e.kind === "shed-level") {
      const f = p.shedLevelMaxFraction[Math.min(p.shedLevelMaxFraction.length - 1, e.level)] ?? 0;
      cap = Math.min(cap, Math.max(p.floorW, f * p.importLimitW));
    }
  }
  return cap;
}

const inputs = fc.record({ s: snapshotArb(), g: signalsArb(), p: policyArb() });

describe("decide properties", () => {
  it("never plans above the import limit or an event's cap (unless nothing is left to shed)", () => {
    fc.assert(
      fc.property(inputs, ({ s, g, p }) => {
        const d = decide(s, g, p, T0);
        const planned = plannedAfter(s, d, p);
        expect(planned).toBeCloseTo(d.plannedPowerW, 6);
        const irreducibleW = buildContext(s, g, p, T0).irreducibleW;
        expect(planned).toBeLessThanOrEqual(Math.max(obligationCapW(g, p, T0), irreducibleW) + 1e-6);
      }),
      RUNS,
    );
  });

  it("touches units inside their dwell time or transition only to shed them for safety or grid obligations", () => {
    fc.assert(
      fc.property(inputs, ({ s, g, p }) => {
        const d = decide(s, g, p, T0);
        const byId = new Map(s.units.map((u) => [u.id, u]));
        for (const c of d.commands) {
          const u = byId.get(c.unitId);
          if (u === undefined) throw new Error(`command for unknown unit ${c.unitId}`);
          const now = unitNowW(u, p, T0);
          expect(now.fixed).toBe(false);
          const dwellS = now.on ? p.dwell.minOnS : p.dwell.minOffS;
          const locked = T0 - u.sinceMs < dwellS * 1000;
          if (c.action === "wake") expect(locked || now.moving).toBe(false);
          if (locked || now.moving) {
            expect(MANDATORY.has(c.cause)).toBe(true);
            const toW =
              c.action === "sleep" ? u.standbyPowerW : (specW(u, c.mode) ?? Number.POSITIVE_INFINITY);
            expect(toW).toBeLessThan(now.w);
          }
        }
      }),
      RUNS,
    );
  });

  it("gives the same decision for the same inputs", () => {
    fc.assert(
      fc.property(inputs, ({ s, g, p }) => {
        expect(decide(structuredClone(s), structuredClone(g) as GridSignals, structuredClone(p), T0)).toEqual(
          decide(s, g, p, T0),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("lets every rule only narrow, and the final envelope lie within the mandatory one", () => {
    fc.assert(
      fc.property(inputs, ({ s, g, p }) => {
        const pipe = runPipeline(RULES, buildContext(s, g, p, T0));
        for (let i = 1; i < pipe.trace.length; i++) {
          const prev = pipe.trace[i - 1]?.envelope;
          const cur = pipe.trace[i]?.envelope;
          if (prev === undefined || cur === undefined) throw new Error("trace gap");
          expect(isWithin(cur, prev)).toBe(true);
        }
        expect(isWithin(pipe.envelope, pipe.mandatory)).toBe(true);
        expect(pipe.reasons.some((r) => r.rule === "pipeline")).toBe(false);
      }),
      RUNS,
    );
  });

  it("never increases load on a stale surplus (green modes) or a stale price (economic modes)", () => {
    const stale = <T>(r: Reading<T> | undefined, value: T): Reading<T> =>
      r === undefined || !r.ok
        ? { ok: false, error: "timeout", atMs: T0 }
        : { ok: true, value, atMs: T0 - 10 * 86_400_000 };
    fc.assert(
      fc.property(inputs, fc.boolean(), ({ s, g, p }, which) => {
        const green = p.mode === "green-only" || (p.mode === "green-and-economic" && which);
        const g2: GridSignals = green
          ? { ...g, surplusW: stale(g.surplusW, 1e9) }
          : { ...g, energyPriceJpyPerKwh: stale(g.energyPriceJpyPerKwh, -100) };
        const d = decide(s, g2, p, T0);
        const ctx = buildContext(s, g2, p, T0);
        // An absolute setpoint above current power is an obligation that outranks the stale input: load may rise to it.
        if (d.window.minW > ctx.currentPlannedW) {
          expect(d.plannedPowerW).toBeLessThanOrEqual(d.window.minW + 1e-6);
          return;
        }
        expect(d.commands.filter((c) => c.action === "wake")).toEqual([]);
        for (const c of d.commands) {
          if (c.action !== "set-mode") continue;
          const v = ctx.byId.get(c.unitId);
          expect(specW(v?.unit as UnitSnapshot, c.mode)).toBeLessThan(v?.plannedW ?? 0);
        }
        expect(d.plannedPowerW).toBeLessThanOrEqual(ctx.currentPlannedW + 1e-6);
      }),
      RUNS,
    );
  });

  it("settles under constant inputs fed back through a state update, and never undoes a move", () => {
    const settled = fc.record({
      s: snapshotArb(T0, { settled: true, maxUnits: 12 }),
      g: signalsArb(T0, { constant: true }),
      p: policyArb().map((p) => ({
        ...p,
        dwell: { minOnS: Math.min(p.dwell.minOnS, 60), minOffS: Math.min(p.dwell.minOffS, 60) },
        ramp: { ...p.ramp, upWPerS: Math.max(p.ramp.upWPerS, 10_000) },
      })),
    });
    fc.assert(
      fc.property(settled, ({ s, g, p }) => {
        const auxW = s.meteredImportW?.ok
          ? s.meteredImportW.value - s.units.reduce((a, u) => a + u.powerW, 0)
          : undefined;
        const refresh = <T>(r: Reading<T> | undefined, atMs: number) =>
          r === undefined ? {} : { ...r, atMs };
        let snap = s;
        const levels = new Map<string, (number | null)[]>(
          s.units.map((u) => [u.id, [u.state === "sleeping" ? null : (u.workMode ?? null)]]),
        );
        const counts: number[] = [];
        for (let k = 0; k < 50; k++) {
          const nowMs = T0 + k * 5_000;
          const gk: GridSignals = {
            ...g,
            ...(g.surplusW === undefined ? {} : { surplusW: refresh(g.surplusW, nowMs) as Reading<number> }),
            ...(g.energyPriceJpyPerKwh === undefined
              ? {}
              : { energyPriceJpyPerKwh: refresh(g.energyPriceJpyPerKwh, nowMs) as Reading<number> }),
            ...(g.hashpriceJpyPerThsDay === undefined
              ? {}
              : { hashpriceJpyPerThsDay: refresh(g.hashpriceJpyPerThsDay, nowMs) as Reading<number> }),
            ...(g.frequency === undefined
              ? {}
              : { frequency: { ...g.frequency, hz: refresh(g.frequency.hz, nowMs) as Reading<number> } }),
          };
          const d = decide(snap, gk, p, nowMs);
          counts.push(d.commands.length);
          for (const c of d.commands)
            levels.get(c.unitId)?.push(c.action === "sleep" ? null : (c.mode ?? null));
          snap = step(snap, d, nowMs + 5_000, auxW === undefined ? { bootS: 10 } : { bootS: 10, auxW });
        }
        expect(counts.slice(-10)).toEqual(Array(10).fill(0));
        for (const [id, seq] of levels) {
          // No unit returns to a level it has left (A → B → A).
          for (let i = 2; i < seq.length; i++)
            expect(seq.slice(0, i - 1).includes(seq[i] ?? null), `${id}: ${seq.join(" → ")}`).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
