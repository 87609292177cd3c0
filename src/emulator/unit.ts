import type { Clock } from "../domain/clock.js";
import type { MinerPhysics, MinerPhysicsState, MinerReadings } from "../simulator/physics/index.js";
import type { UnitFault } from "./faults.js";
import type { UnitIdentity } from "./identity.js";

/**
 * One emulated miner: physics state advanced on demand from the site clock (no per-unit timers), its identity,
 * address and current fault. Readings are cached per emulated instant so a burst of requests computes them once.
 */
export class VirtualUnit {
  fault: UnitFault | null = null;
  port: number;
  private current: MinerPhysicsState;
  private cachedReadings: MinerReadings | null = null;
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly index: number,
    readonly host: string,
    port: number,
    readonly identity: UnitIdentity,
    readonly physics: MinerPhysics,
    private readonly clock: Clock,
    initial: MinerPhysicsState,
  ) {
    this.port = port;
    this.current = initial;
  }

  get id(): string {
    return `u${String(this.index + 1).padStart(4, "0")}`;
  }

  /** Emulated epoch seconds, as STATUS.When and the scheduling commands use them. */
  nowS(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }

  state(): MinerPhysicsState {
    const now = this.clock.nowMs();
    if (now > this.current.atMs) {
      this.current = this.physics.stepTo(this.current, now);
      this.cachedReadings = null;
    }
    return this.current;
  }

  readings(): MinerReadings {
    const s = this.state();
    if (this.cachedReadings === null || this.cachedReadings.atMs !== s.atMs) {
      this.cachedReadings = this.physics.readings(s);
    }
    return this.cachedReadings;
  }

  /** A per-unit constant (identity-derived text, chip patterns), built on first use only. */
  constant<T>(key: string, build: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = build();
    this.memo.set(key, value);
    return value;
  }

  /** Applies a pure physics update at the current instant. */
  update(fn: (state: MinerPhysicsState, physics: MinerPhysics) => MinerPhysicsState): MinerPhysicsState {
    this.current = fn(this.state(), this.physics);
    this.cachedReadings = null;
    return this.current;
  }
}
