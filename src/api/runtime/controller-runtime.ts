import type { Clock } from "../../domain/clock.js";
import type { PlanSlot } from "../../domain/signals.js";
import type { TickReport } from "../../runtime/controller.js";
import type { SignalHub } from "../../runtime/signal-hub.js";
import type { UnitTracker } from "../../runtime/unit-tracker.js";
import type { SiteRuntime, UnitView } from "../site-runtime.js";
import { TickBus } from "./tick-bus.js";

export interface ControllerRuntimeOptions {
  siteName: string;
  clock: Clock;
  units: readonly UnitTracker[];
  hub: SignalHub;
  /** The effective configuration, already without secrets. */
  config: unknown;
  planSlots?: (fromMs: number, untilMs: number) => readonly PlanSlot[];
  onError?: (e: unknown) => void;
}

/** A SiteRuntime over the real loop. Pass `bus.emit` as the SiteController's onTick. */
export function controllerRuntime(o: ControllerRuntimeOptions): SiteRuntime & { bus: TickBus } {
  const bus = new TickBus(o.onError);
  const byId = new Map(o.units.map((u) => [u.id, u]));
  const view = (u: UnitTracker): UnitView => ({
    id: u.id,
    identity: u.identity,
    model: u.spec.model,
    state: u.state(),
    modes: u.spec.modes,
    status: u.status,
    readAtMs: u.readAtMs,
    lastError: u.lastError,
    pending: u.pending,
  });
  return {
    bus,
    siteName: o.siteName,
    clock: o.clock,
    signals: o.hub,
    control: {
      async setMode(unitId, mode) {
        const u = byId.get(unitId);
        if (!u) throw new Error(`unknown unit ${unitId}`);
        // Marked pending like the loop's own commands, so the dispatcher plans with the new mode instead of
        // reverting it before the unit has had time to switch.
        u.markPending("set-mode", mode, o.clock.nowMs());
        try {
          return await u.driver.setWorkMode(mode, { noConfirm: true });
        } catch (e) {
          u.pending = undefined;
          throw e;
        }
      },
    },
    lastTick: (): TickReport | undefined => bus.last,
    onTick: (l) => bus.on(l),
    units: () => o.units.map(view),
    config: () => o.config,
    ...(o.planSlots ? { planSlots: o.planSlots } : {}),
  };
}
