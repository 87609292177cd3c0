// Operator overrides issued through the API: kept in the store (so they survive a restart) and handed to the signal
// hub. Lifting one removes it from the hub when the hub can; otherwise it is a release followed by the others issued
// again, the domain's own mechanism ("release" cancels everything issued before it), visible in the decision log.
import { randomBytes } from "node:crypto";
import type { Clock } from "../../domain/clock.js";
import type { OperatorOverride } from "../../domain/signals.js";
import type { Store, StoredOverride } from "../../store/store.js";
import type { SignalAccess } from "../site-runtime.js";

export type OverrideRequest =
  | { kind: "shed" | "hold" | "release"; durationS: number; note?: string | undefined }
  | { kind: "cap"; maxW: number; durationS: number; note?: string | undefined }
  | { kind: "unit-off"; unitIds: string[]; durationS: number; note?: string | undefined };

type UnitOff = Extract<OperatorOverride, { kind: "unit-off" }>;

let sequence = 0;

/**
 * The rule breaks ties on issuedAtMs by id, so ids sort in issue order: a shed issued in the same millisecond as a
 * release must come after it, not be cancelled by it.
 */
export function newOverrideId(nowMs: number): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `ov-${nowMs.toString(36)}-${sequence.toString(36).padStart(6, "0")}-${randomBytes(4).toString("hex")}`;
}

export const OVERRIDE_ID = /^ov-[a-z0-9]{1,12}-[a-z0-9]{6}-[0-9a-f]{8}$/;

export class OverrideBook {
  private readonly store: Store;
  private readonly signals: SignalAccess;
  private readonly clock: Clock;
  /** Latest issuedAtMs handed to the hub: issue times never go backwards, even within one millisecond. */
  private lastAtMs = 0;

  constructor(store: Store, signals: SignalAccess, clock: Clock) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
  }

  /** After a restart: the hub gets back every override still in force. */
  async restore(): Promise<number> {
    const active = await this.active();
    for (const o of active) this.signals.addOverride(o.override);
    return active.length;
  }

  active(): Promise<StoredOverride[]> {
    return this.store.overrides.active(this.stamp());
  }

  private stamp(): number {
    // Whole milliseconds: a scaled emulator clock returns fractions, which ids and the database must not carry.
    return Math.max(Math.floor(this.clock.nowMs()), this.lastAtMs);
  }

  async issue(req: OverrideRequest, by: string): Promise<OperatorOverride> {
    const nowMs = this.stamp();
    this.lastAtMs = nowMs;
    const base = {
      id: newOverrideId(nowMs),
      issuedAtMs: nowMs,
      expiresAtMs: nowMs + req.durationS * 1000,
      by,
      ...(req.note === undefined ? {} : { note: req.note }),
    };
    let o: OperatorOverride;
    if (req.kind === "cap") o = { ...base, kind: "cap", maxW: req.maxW };
    else if (req.kind === "unit-off") o = { ...base, kind: "unit-off", unitIds: [...new Set(req.unitIds)] };
    else if (req.kind === "release") {
      const cancelled = await this.store.overrides.active(nowMs);
      for (const c of cancelled) await this.store.overrides.lift(c.override.id, nowMs);
      // The hub forgets an expired release, and what it cancelled would come back: it must outlive them all.
      const expiresAtMs = Math.max(base.expiresAtMs, ...cancelled.map((c) => c.override.expiresAtMs));
      o = { ...base, kind: "release", expiresAtMs };
    } else o = { ...base, kind: req.kind };
    await this.store.overrides.append(o);
    this.signals.addOverride(o);
    return o;
  }

  /** Lifts one override before its expiry; undefined when it is not in force. */
  async lift(id: string, by: string): Promise<OperatorOverride | undefined> {
    const active = await this.active();
    const target = active.find((a) => a.override.id === id);
    if (!target) return undefined;
    await this.store.overrides.lift(id, this.stamp());
    if (this.signals.removeOverride) this.signals.removeOverride(id);
    else
      await this.reissueAfterLift(
        active.map((a) => a.override),
        by,
        `lift ${id}`,
      );
    return target.override;
  }

  /**
   * Gives a unit back to the dispatcher: every unit-off that holds it is lifted, and the other units it held are
   * kept asleep by a new override with the same expiry. Returns the lifted overrides (empty: none held the unit).
   */
  async releaseUnit(unitId: string, by: string): Promise<OperatorOverride[]> {
    const nowMs = this.stamp();
    const before = await this.active();
    const holding = before
      .map((a) => a.override)
      .filter((o): o is UnitOff => o.kind === "unit-off" && o.unitIds.includes(unitId));
    for (const o of holding) {
      await this.store.overrides.lift(o.id, nowMs);
      const rest = o.unitIds.filter((u) => u !== unitId);
      const remainder: UnitOff | undefined =
        rest.length === 0
          ? undefined
          : {
              ...o,
              id: newOverrideId(nowMs),
              issuedAtMs: nowMs,
              unitIds: rest,
              note: `${o.note === undefined ? "" : `${o.note}; `}rest of ${o.id} after ${unitId} was released`,
            };
      if (remainder) await this.store.overrides.append(remainder);
      if (this.signals.removeOverride) {
        this.signals.removeOverride(o.id);
        if (remainder) this.signals.addOverride(remainder);
      }
    }
    if (holding.length > 0 && !this.signals.removeOverride)
      await this.reissueAfterLift(
        before.map((a) => a.override),
        by,
        `release ${unitId}`,
      );
    return holding;
  }

  private async reissueAfterLift(
    previous: readonly OperatorOverride[],
    by: string,
    why: string,
  ): Promise<void> {
    // Strictly after everything it cancels, since ties on issuedAtMs are broken by id; the re-issued overrides at
    // the same instant after it ("!" sorts before "ov-"), so no tick ever sees them all cancelled.
    const atMs = Math.max(this.clock.nowMs(), this.lastAtMs + 1, ...previous.map((o) => o.issuedAtMs + 1));
    this.lastAtMs = atMs;
    // A release in force has done its work (what it cancelled is lifted in the store) and must not be re-issued
    // after the others, where it would cancel them again.
    const remaining = (await this.active()).map((a) => a.override).filter((o) => o.kind !== "release");
    const expiresAtMs = Math.max(atMs + 1, ...previous.map((o) => o.expiresAtMs));
    this.signals.addOverride({
      id: `!lift-${atMs.toString(36)}`,
      kind: "release",
      issuedAtMs: atMs,
      expiresAtMs,
      by,
      note: why,
    });
    for (const o of remaining) this.signals.addOverride({ ...o, issuedAtMs: atMs });
  }
}
