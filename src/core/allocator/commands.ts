// The difference between where units are (or are coming to) and where the allocator put them. Sleeps first, then
// mode changes, then wakes, each in the order decided: power is released before it is taken.
import type { UnitCommand } from "../../domain/decision.js";
import type { Slot } from "./work.js";

function commandFor(slot: Slot): UnitCommand | undefined {
  const from = slot.view.level;
  const to = slot.level;
  if (to === from || slot.view.control !== "controllable") return undefined;
  const cause = slot.cause ?? "allocator";
  const unitId = slot.view.unit.id;
  if (to === null) return { unitId, action: "sleep", cause };
  if (from === null) return { unitId, action: "wake", mode: to, cause };
  return { unitId, action: "set-mode", mode: to, cause };
}

const GROUP: Record<UnitCommand["action"], number> = { sleep: 0, "set-mode": 1, wake: 2 };

export function toCommands(slots: readonly Slot[]): UnitCommand[] {
  const out: { c: UnitCommand; order: number }[] = [];
  for (const slot of slots) {
    const c = commandFor(slot);
    if (c !== undefined) out.push({ c, order: slot.order });
  }
  out.sort((a, b) => GROUP[a.c.action] - GROUP[b.c.action] || a.order - b.order);
  return out.map((x) => x.c);
}
