// gridminer's own policy in the simulator: the real decide() on a snapshot of the simulated fleet, with the signals
// of the slot. Decisions are reused for equivalent ticks (see decision-key.ts); every `verifyEvery`-th reuse is
// checked against a fresh decide() call and a difference stops the run.
import { decide } from "../../core/index.js";
import type { Decision, DispatchMemory, UnitCommand } from "../../domain/decision.js";
import type { MinerModelSpec } from "../../domain/miner.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { GridSignals } from "../../domain/signals.js";
import type { SiteSnapshot } from "../../domain/site.js";
import { decisionKey, rampCapacityW, type SlotSignalValues } from "./decision-key.js";
import type { FleetSim } from "./fleet.js";
import type { ControlStep, FleetController } from "./run.js";

export type { SlotSignalValues } from "./decision-key.js";

export interface DecideControllerOptions {
  readonly policy: SitePolicy;
  /** Signal values of a slot; constant through the slot. */
  readonly signals: (slot: number) => SlotSignalValues;
  /** The simulation's decision period, ms (default: the policy's tick). */
  readonly tickMs?: number;
  /** Outdoor temperature for the cooling curve (a constant: backtests have no weather input). */
  readonly ambientC?: number;
  /** Reuse decisions for equivalent ticks. Default true. */
  readonly memo?: boolean;
  /** Check every n-th reused decision against decide(); 0 = never. Default 499. */
  readonly verifyEvery?: number;
  /** Forget reused decisions beyond this many keys (memory bound). Default 200,000. */
  readonly memoLimit?: number;
}

export interface DecideStats {
  decideCalls: number;
  memoHits: number;
  verified: number;
}

interface Remembered {
  readonly commands: readonly UnitCommand[];
  readonly rampCreditW: number;
  readonly auxiliaryW: number;
  readonly plannedPowerW: number;
}

export class DecideController implements FleetController {
  readonly stats: DecideStats = { decideCalls: 0, memoHits: 0, verified: 0 };
  private memory: DispatchMemory | undefined;
  private readonly memo = new Map<string, Remembered>();
  private readonly specs: readonly MinerModelSpec[];
  private readonly capacityW: number;
  private hitsSinceCheck = 0;

  constructor(
    fleet: FleetSim,
    private readonly o: DecideControllerOptions,
  ) {
    this.specs = fleet.models.map((m) => m.spec);
    this.capacityW = rampCapacityW(o.policy, this.specs);
  }

  step(fleet: FleetSim, slot: number, nowMs: number): ControlStep {
    const values = this.o.signals(slot);
    const tickMs = this.o.tickMs ?? this.o.policy.tickS * 1000;
    if (this.memory !== undefined && nowMs - this.memory.atMs > tickMs) {
      // The ticks skipped since the last decision would all have been no-ops; the runtime would have decided one
      // tick ago. Time since the last decision feeds the ramp allowances, so it must be one tick here too.
      this.memory = { ...this.memory, atMs: nowMs - tickMs };
    }
    const useMemo = this.o.memo ?? true;
    const key = useMemo
      ? decisionKey({
          policy: this.o.policy,
          specs: this.specs,
          groups: fleet.groupViews(),
          layout: fleet.layout(),
          signals: values,
          memory: this.memory,
          nowMs,
        })
      : "";
    let r = useMemo ? this.memo.get(key) : undefined;
    if (r !== undefined) {
      this.stats.memoHits++;
      const every = this.o.verifyEvery ?? 499;
      if (every > 0 && ++this.hitsSinceCheck >= every) {
        this.hitsSinceCheck = 0;
        this.verify(r, this.fresh(fleet, values, nowMs), nowMs);
      }
    } else {
      r = this.fresh(fleet, values, nowMs);
      if (useMemo) {
        if (this.memo.size >= (this.o.memoLimit ?? 200_000)) this.memo.clear();
        this.memo.set(key, r);
      }
    }
    this.memory = { atMs: nowMs, auxiliaryW: r.auxiliaryW, rampCreditW: r.rampCreditW };
    // Sent commands change the fleet; a ramp allowance still filling changes the next decision. Otherwise nothing
    // decide() reads changes until the fleet's next event or the next slot.
    return { commands: r.commands, again: r.commands.length > 0 || r.rampCreditW < this.capacityW };
  }

  private fresh(fleet: FleetSim, v: SlotSignalValues, nowMs: number): Remembered {
    this.stats.decideCalls++;
    const snapshot: SiteSnapshot = {
      atMs: nowMs,
      units: fleet.units(),
      ...(this.o.ambientC === undefined ? {} : { ambientC: fresh(this.o.ambientC, nowMs) }),
      ...(this.memory === undefined ? {} : { memory: this.memory }),
    };
    const signals: GridSignals = {
      events: [],
      overrides: [],
      energyPriceJpyPerKwh: fresh(v.energyPricePerKwh, nowMs),
      hashpriceJpyPerThsDay: fresh(v.hashpricePerThsDay, nowMs),
      surplusW: fresh(v.surplusW, nowMs),
    };
    const d: Decision = decide(snapshot, signals, this.o.policy, nowMs);
    return {
      commands: d.commands,
      rampCreditW: d.memory.rampCreditW,
      auxiliaryW: d.memory.auxiliaryW,
      plannedPowerW: d.plannedPowerW,
    };
  }

  private verify(reused: Remembered, actual: Remembered, nowMs: number): void {
    this.stats.verified++;
    const same =
      commandsText(reused.commands) === commandsText(actual.commands) &&
      reused.rampCreditW === actual.rampCreditW &&
      reused.plannedPowerW === actual.plannedPowerW;
    if (!same) {
      throw new Error(
        `a reused decision differs from decide() at ${new Date(nowMs).toISOString()}: the decision key misses an ` +
          `input decide() reads (reused ${commandsText(reused.commands).slice(0, 200)}, ` +
          `decide ${commandsText(actual.commands).slice(0, 200)}); run with memo off`,
      );
    }
  }
}

function fresh(value: number, atMs: number) {
  return { ok: true as const, value, atMs };
}

function commandsText(commands: readonly UnitCommand[]): string {
  return commands.map((c) => `${c.unitId}:${c.action}:${c.mode ?? ""}`).join(",");
}
