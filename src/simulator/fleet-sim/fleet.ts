// The aggregated fleet: units whose physics state and dwell start are identical form one group, and each group is
// stepped once with the shared physics model and counted `count` times. A command for some units of a group splits
// them off; groups that have come to rest in the same level with no dwell time left merge again. Per unit the
// dispatcher still sees its own id, state, mode, power and dwell start, so decide() runs on the real snapshot.
import type { UnitCommand } from "../../domain/decision.js";
import type { MinerModelSpec, MinerState } from "../../domain/miner.js";
import type { UnitSnapshot } from "../../domain/site.js";
import {
  createMinerPhysics,
  type MinerPhysics,
  type MinerPhysicsParams,
  type MinerPhysicsState,
  type PhysicsPhase,
} from "../physics/index.js";
import { type Integral, integrateTo, isSettled, nextPhysicsBoundaryMs } from "./integrate.js";

export interface FleetModel {
  readonly spec: MinerModelSpec;
  readonly count: number;
  /** Id prefix; ids are the prefix and a zero-padded index, so they sort in unit order. Default "u" (or "m<k>u"). */
  readonly idPrefix?: string;
}

export interface FleetSimOptions {
  readonly models: readonly FleetModel[];
  readonly startMs: number;
  readonly dwell: { readonly minOnS: number; readonly minOffS: number };
  readonly physics?: Partial<MinerPhysicsParams>;
  /** Start hashing in this mode instead of asleep; either way no dwell time is running at the start. */
  readonly initialHashingMode?: number;
}

/** What a group looks like from outside: one entry per distinct unit state. */
export interface GroupView {
  readonly id: number;
  readonly model: number;
  readonly spec: MinerModelSpec;
  readonly count: number;
  readonly phase: PhysicsPhase;
  readonly state: MinerState;
  readonly workMode: number;
  readonly powerW: number;
  readonly hashrateThs: number;
  readonly coolantOutletC: number;
  readonly sinceMs: number;
  /** The mode the unit is at or coming to; null when asleep (as the dispatcher counts it). */
  readonly level: number | null;
  /** Within its minimum on or off time at nowMs. */
  readonly locked: boolean;
}

interface Group {
  readonly id: number;
  readonly model: number;
  state: MinerPhysicsState;
  sinceMs: number;
  count: number;
  /** Wall power and hashrate at `state`; undefined until read (a command changes the state). */
  powerW: number | undefined;
  hashrateThs: number | undefined;
}

export interface ApplyResult {
  readonly applied: number;
  /** Commands the firmware model refused (a mode change while calibrating). */
  readonly refused: number;
}

const PHASE_STATE: Record<PhysicsPhase, MinerState> = {
  sleeping: "sleeping",
  booting: "starting",
  calibrating: "calibrating",
  hashing: "hashing",
  fault: "fault",
};

const HEALTHY = Object.freeze({ score: 1, faultFlags: Object.freeze([]) as readonly string[] });

export class FleetSim {
  readonly unitIds: readonly string[];
  readonly models: readonly FleetModel[];
  private readonly physics: readonly MinerPhysics[];
  private readonly dwell: { readonly minOnS: number; readonly minOffS: number };
  private readonly groupOf: Int32Array;
  private readonly indexOfId: ReadonlyMap<string, number>;
  private readonly groups = new Map<number, Group>();
  private nextGroupId = 0;
  private nowMs: number;

  constructor(o: FleetSimOptions) {
    if (o.models.length === 0) throw new RangeError("a fleet needs at least one model");
    this.models = o.models;
    this.dwell = o.dwell;
    this.nowMs = o.startMs;
    this.physics = o.models.map((m) => createMinerPhysics(m.spec, o.physics ?? {}));
    const total = o.models.reduce((s, m) => s + m.count, 0);
    const width = Math.max(3, String(Math.max(0, total - 1)).length);
    const ids: string[] = [];
    this.groupOf = new Int32Array(total);
    o.models.forEach((m, k) => {
      if (!(Number.isInteger(m.count) && m.count >= 0)) throw new RangeError(`unit count ${m.count}`);
      const prefix = m.idPrefix ?? (o.models.length === 1 ? "u" : `m${k}u`);
      const physics = this.physics[k] as MinerPhysics;
      const mode = o.initialHashingMode;
      const state = physics.initialState({
        nowMs: o.startMs,
        initial: mode === undefined ? "sleeping" : "hashing",
        ...(mode === undefined ? {} : { workMode: mode }),
        seed: null,
      });
      const group = this.addGroup(k, state, Number.NEGATIVE_INFINITY, m.count);
      for (let i = 0; i < m.count; i++) {
        const u = ids.length;
        ids.push(`${prefix}${String(i).padStart(width, "0")}`);
        this.groupOf[u] = group.id;
      }
    });
    this.unitIds = ids;
    this.indexOfId = new Map(ids.map((id, i) => [id, i]));
  }

  get atMs(): number {
    return this.nowMs;
  }

  get size(): number {
    return this.unitIds.length;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** Steps every group to `toMs`, adding the fleet's energy and work to `into` when given. */
  advanceTo(toMs: number, into?: Integral): void {
    if (toMs < this.nowMs) throw new RangeError(`time runs forward only (${toMs} < ${this.nowMs})`);
    const one: Integral = { energyWh: 0, hashTh: 0 };
    for (const g of this.groups.values()) {
      one.energyWh = 0;
      one.hashTh = 0;
      const before = g.state;
      const stepped = integrateTo(this.physics[g.model] as MinerPhysics, before, this.powerOf(g), toMs, one);
      g.state = stepped.state;
      g.powerW = stepped.powerW;
      // At rest the hashrate is constant too; anything else is read again when asked for.
      if (!(isSettled(before) && stepped.state.phase === before.phase)) g.hashrateThs = undefined;
      if (into !== undefined) {
        into.energyWh += one.energyWh * g.count;
        into.hashTh += one.hashTh * g.count;
      }
    }
    this.nowMs = toMs;
  }

  /** Sends commands at the fleet's current time; commands for one group and action move together. */
  apply(commands: readonly UnitCommand[]): ApplyResult {
    const buckets = new Map<string, { group: Group; command: UnitCommand; units: number[] }>();
    for (const c of commands) {
      const u = this.indexOfId.get(c.unitId);
      if (u === undefined) throw new RangeError(`command for unknown unit ${c.unitId}`);
      const group = this.groups.get(this.groupOf[u] ?? -1);
      if (group === undefined) throw new Error(`unit ${c.unitId} has no group`);
      const key = `${group.id}|${c.action}|${c.mode ?? ""}`;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, { group, command: c, units: [u] });
      else bucket.units.push(u);
    }
    let applied = 0;
    let refused = 0;
    for (const { group, command, units } of buckets.values()) {
      const next = this.command(group, command);
      if (next === undefined) {
        refused += units.length;
        continue;
      }
      applied += units.length;
      if (units.length === group.count) {
        group.state = next;
        group.sinceMs = this.nowMs;
        group.powerW = undefined;
        group.hashrateThs = undefined;
        continue;
      }
      const split = this.addGroup(group.model, next, this.nowMs, units.length);
      group.count -= units.length;
      for (const u of units) this.groupOf[u] = split.id;
    }
    this.consolidate();
    return { applied, refused };
  }

  /** Per-unit snapshots in id order, as the runtime would report them at the fleet's current time. */
  units(): UnitSnapshot[] {
    const templates = new Map<number, Omit<UnitSnapshot, "id">>();
    for (const g of this.groups.values()) {
      const v = this.view(g);
      const spec = v.spec;
      templates.set(g.id, {
        model: spec.model,
        state: v.state,
        workMode: v.workMode,
        powerW: v.powerW,
        hashrateThs: v.hashrateThs,
        coolantOutletC: v.coolantOutletC,
        modes: spec.modes,
        standbyPowerW: spec.standbyPowerW,
        sinceMs: Number.isFinite(g.sinceMs) ? g.sinceMs : this.nowMs - 86_400_000,
        health: HEALTHY,
        readAtMs: this.nowMs,
      });
    }
    return this.unitIds.map(
      (id, u) => ({ id, ...(templates.get(this.groupOf[u] ?? -1) as object) }) as UnitSnapshot,
    );
  }

  /** Every group as seen at the fleet's current time, in creation order. */
  groupViews(): GroupView[] {
    return [...this.groups.values()].map((g) => this.view(g));
  }

  /** Runs of consecutive units (in id order) that share a group: [groupId, length, groupId, length, …]. */
  layout(): number[] {
    const runs: number[] = [];
    let prev = -1;
    for (let u = 0; u < this.groupOf.length; u++) {
      const g = this.groupOf[u] ?? -1;
      if (g === prev) runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
      else runs.push(g, 1);
      prev = g;
    }
    return runs;
  }

  /** The group of a unit, by index. */
  groupOfUnit(u: number): number {
    return this.groupOf[u] ?? -1;
  }

  /** The next instant after now at which a unit changes on its own or leaves its dwell time; ∞ when none. */
  nextEventMs(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const g of this.groups.values()) {
      next = Math.min(next, nextPhysicsBoundaryMs(g.state));
      const dwellEndMs = g.sinceMs + this.minDwellS(g) * 1000;
      if (dwellEndMs > this.nowMs) next = Math.min(next, dwellEndMs);
    }
    return next;
  }

  private minDwellS(g: Group): number {
    return levelOf(g.state) === null ? this.dwell.minOffS : this.dwell.minOnS;
  }

  private powerOf(g: Group): number {
    if (g.powerW === undefined) this.read(g);
    return g.powerW as number;
  }

  private read(g: Group): void {
    const r = (this.physics[g.model] as MinerPhysics).readings(g.state);
    g.powerW = r.wallPowerW;
    g.hashrateThs = r.hashrateThs;
  }

  private view(g: Group): GroupView {
    const physics = this.physics[g.model] as MinerPhysics;
    if (g.powerW === undefined || g.hashrateThs === undefined) this.read(g);
    return {
      id: g.id,
      model: g.model,
      spec: physics.spec,
      count: g.count,
      phase: g.state.phase,
      state: PHASE_STATE[g.state.phase],
      workMode: g.state.workMode,
      powerW: g.powerW as number,
      hashrateThs: g.hashrateThs as number,
      coolantOutletC: g.state.coolantOutletC,
      sinceMs: g.sinceMs,
      level: levelOf(g.state),
      locked: g.sinceMs + this.minDwellS(g) * 1000 > this.nowMs,
    };
  }

  private command(group: Group, c: UnitCommand): MinerPhysicsState | undefined {
    const physics = this.physics[group.model] as MinerPhysics;
    if (c.action === "sleep") return physics.scheduleSoftOff(group.state, this.nowMs);
    if (c.action === "wake") {
      let s = group.state;
      if (c.mode !== undefined) {
        const r = physics.setWorkMode(s, c.mode);
        if (!r.ok) return undefined;
        s = r.state;
      }
      return physics.scheduleSoftOn(s, this.nowMs);
    }
    if (c.mode === undefined) return undefined;
    const r = physics.setWorkMode(group.state, c.mode);
    return r.ok ? r.state : undefined;
  }

  private addGroup(model: number, state: MinerPhysicsState, sinceMs: number, count: number): Group {
    const g: Group = {
      id: this.nextGroupId++,
      model,
      state,
      sinceMs,
      count,
      powerW: undefined,
      hashrateThs: undefined,
    };
    this.groups.set(g.id, g);
    return g;
  }

  /** Drops empty groups and merges groups at rest in the same level with no dwell time left. */
  private consolidate(): void {
    const restingBy = new Map<string, Group>();
    const into = new Map<number, number>();
    for (const g of [...this.groups.values()]) {
      if (g.count === 0) {
        this.groups.delete(g.id);
        continue;
      }
      if (!isSettled(g.state) || g.sinceMs + this.minDwellS(g) * 1000 > this.nowMs) continue;
      const key = `${g.model}|${g.state.phase}|${g.state.workMode}`;
      const target = restingBy.get(key);
      if (target === undefined) {
        restingBy.set(key, g);
        continue;
      }
      target.count += g.count;
      target.sinceMs = Math.max(target.sinceMs, g.sinceMs);
      into.set(g.id, target.id);
      this.groups.delete(g.id);
    }
    if (into.size === 0) return;
    for (let u = 0; u < this.groupOf.length; u++) {
      const to = into.get(this.groupOf[u] ?? -1);
      if (to !== undefined) this.groupOf[u] = to;
    }
  }

  /** Merges what has come to rest since the last command; call after advancing. */
  settle(): void {
    this.consolidate();
  }
}

/** The level the dispatcher counts: the mode while running or coming up, null while asleep or faulted. */
function levelOf(s: MinerPhysicsState): number | null {
  return s.phase === "sleeping" || s.phase === "fault" ? null : s.workMode;
}
