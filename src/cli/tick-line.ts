import type { TickReport } from "../runtime/controller.js";

const mw = (w: number) => `${(w / 1e6).toFixed(2)} MW`;

/** One readable line per tick: what the grid offered, what was decided, what the fleet is doing. */
export function tickLine(
  t: TickReport,
  opts: { timeZone: string; recordedOffsetMs?: number; measuredW?: number },
): string {
  const at = new Date(t.decision.nowMs + (opts.recordedOffsetMs ?? 0));
  const clock = at.toLocaleString("sv-SE", { timeZone: opts.timeZone }).slice(0, 16);
  const states = new Map<string, number>();
  for (const u of t.snapshot.units) states.set(u.state, (states.get(u.state) ?? 0) + 1);
  const fleet = [...states].map(([s, n]) => `${n} ${s}`).join(", ");
  const actions = new Map<string, number>();
  for (const r of t.results) actions.set(r.action, (actions.get(r.action) ?? 0) + 1);
  const cmds = [...actions].map(([a, n]) => `${a}×${n}`).join(" ");
  // The binding rule is the first one whose cap equals the final top of the window.
  const maxOf = (effect: string) =>
    Number(/^max ([\d,]+) W/.exec(effect)?.[1]?.replaceAll(",", "") ?? Number.NaN);
  const binding = t.decision.reasons.find((r) => maxOf(r.effect) === Math.round(t.decision.window.maxW));
  return [
    clock,
    `target ${mw(t.decision.targetPowerW)}`,
    `planned ${mw(t.decision.plannedPowerW)}`,
    `reported ${mw(t.reportedPowerW)}`,
    ...(opts.measuredW === undefined ? [] : [`measured ${mw(opts.measuredW)}`]),
    fleet,
    ...(cmds ? [cmds] : []),
    ...(binding ? [`(${binding.rule}: ${binding.effect})`] : []),
    ...(t.urgent && t.urgent !== "timer" ? [`[${t.urgent}]`] : []),
  ].join(" · ");
}
