// Rule 2b, grid obligation: demand-response events in force. An absolute setpoint caps and floors the window;
// shed levels cap it at a fraction of the import limit; shed-to-floor caps it at the floor.
import type { Reason } from "../../domain/decision.js";
import type { GridEvent } from "../../domain/signals.js";
import type { DispatchContext } from "../context.js";
import { capMax, type Envelope, raiseMin } from "../envelope.js";
import { formatNumber, formatW } from "../format.js";
import { activeEvents, eventLabel, isoTime } from "./events.js";
import type { Rule, RuleOutcome } from "./rule.js";

const NAME = "demand-response";

function shedLevelCapW(level: number, ctx: DispatchContext): { capW: number; fraction: number } {
  const table = ctx.policy.shedLevelMaxFraction;
  const i = Math.max(0, Math.min(table.length - 1, Math.floor(level)));
  const fraction = table[i] ?? 0;
  return { capW: Math.round(Math.max(ctx.floorCapW, fraction * ctx.policy.importLimitW)), fraction };
}

function applyEvent(
  env: Envelope,
  e: GridEvent,
  ctx: DispatchContext,
): { env: Envelope; reason: Reason } | undefined {
  const until = `until ${isoTime(e.endMs)}`;
  switch (e.kind) {
    case "import-limit":
      return undefined; // the import-limit rule owns these
    case "setpoint": {
      const out = raiseMin(capMax(env, e.powerW), e.powerW);
      return {
        env: out,
        reason: {
          rule: NAME,
          effect: `max ${formatW(out.window.maxW)}, min ${formatW(out.window.minW)}`,
          detail: `${eventLabel(e)}: absolute setpoint ${formatW(e.powerW)} ${until}`,
          inputs: { eventId: e.id, setpointW: e.powerW, endMs: e.endMs },
        },
      };
    }
    case "shed-level": {
      const { capW, fraction } = shedLevelCapW(e.level, ctx);
      const out = capMax(env, capW);
      return {
        env: out,
        reason: {
          rule: NAME,
          effect: `max ${formatW(out.window.maxW)}`,
          detail:
            `${eventLabel(e)}: shed level ${e.level} → ${formatNumber(fraction * 100)} % of the ` +
            `${formatW(ctx.policy.importLimitW)} import limit (not below floor ${formatW(ctx.policy.floorW)}) ${until}`,
          inputs: { eventId: e.id, level: e.level, fraction, capW, endMs: e.endMs },
        },
      };
    }
    case "shed-to-floor": {
      const out = capMax(env, ctx.floorCapW);
      return {
        env: out,
        reason: {
          rule: NAME,
          effect: `max ${formatW(out.window.maxW)}`,
          detail: `${eventLabel(e)}: shed to floor ${formatW(ctx.policy.floorW)} ${until}`,
          inputs: { eventId: e.id, floorW: ctx.policy.floorW, capW: ctx.floorCapW, endMs: e.endMs },
        },
      };
    }
  }
}

export const demandResponseRule: Rule = {
  name: NAME,
  binding: "mandatory",
  apply(envelope, ctx): RuleOutcome {
    const active = activeEvents(ctx.signals.events, ctx.nowMs).filter((e) => e.kind !== "import-limit");
    // Caps first, then setpoints lowest first: an earlier floor would stop a later, lower cap, and the lower must win.
    const ordered = [
      ...active.filter((e) => e.kind !== "setpoint"),
      ...active
        .filter((e): e is Extract<GridEvent, { kind: "setpoint" }> => e.kind === "setpoint")
        .sort((a, b) => a.powerW - b.powerW),
    ];
    let env = envelope;
    const reasons: Reason[] = [];
    for (const e of ordered) {
      const r = applyEvent(env, e, ctx);
      if (r === undefined) continue;
      env = r.env;
      reasons.push(r.reason);
    }
    if (reasons.length === 0) {
      const later = ctx.signals.events.filter((e) => e.startMs > ctx.nowMs && e.kind !== "import-limit");
      const next = later.sort((a, b) => a.startMs - b.startMs)[0];
      reasons.push({
        rule: NAME,
        effect: "none",
        detail:
          next === undefined
            ? "no demand-response event in force"
            : `no demand-response event in force; next: ${eventLabel(next)} at ${isoTime(next.startMs)}`,
        inputs: { scheduled: later.length },
      });
    }
    return { envelope: env, reasons };
  },
};
