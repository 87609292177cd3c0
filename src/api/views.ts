// JSON shapes of the site, the fleet and one unit, as zod schemas (for /openapi.json) with the functions that build
// them from the runtime.
import { z } from "zod";
import type { Reading } from "../domain/reading.js";
import type { TickReport } from "../runtime/controller.js";
import type { SiteRuntime, UnitView } from "./site-runtime.js";

const nullableNumber = z.number().nullable();

export const reasonView = z.object({ rule: z.string(), effect: z.string(), detail: z.string() });

export const siteStateView = z.object({
  site: z.string(),
  atMs: nullableNumber.describe("Time of the last tick; null before the first"),
  targetPowerW: nullableNumber,
  plannedPowerW: nullableNumber,
  windowMinW: nullableNumber,
  windowMaxW: nullableNumber,
  reportedPowerW: nullableNumber.describe("Sum of the units' own power reports"),
  measuredPowerW: nullableNumber.describe("Site meter, when one exists"),
  hashrateThs: z.number(),
  surplusW: nullableNumber,
  priceJpyPerKwh: nullableNumber,
  units: z.object({ total: z.number(), byState: z.record(z.string(), z.number()) }),
  commands: z.number().describe("Commands sent in the last tick"),
  overrides: z.number().describe("Operator overrides in force"),
  events: z.number().describe("Grid events known (active or upcoming)"),
  reasons: z.array(reasonView),
  urgent: z.string().nullable(),
  pollMs: nullableNumber,
});
export type SiteStateView = z.infer<typeof siteStateView>;

export const unitSummaryView = z.object({
  id: z.string(),
  model: z.string(),
  state: z.string(),
  workMode: nullableNumber,
  powerW: z.number(),
  hashrateThs: z.number(),
  coolantOutletC: nullableNumber,
  readAtMs: z.number(),
  lastError: z.string().nullable(),
  pending: z.object({ action: z.string(), mode: z.number().optional(), atMs: z.number() }).nullable(),
});

export const unitDetailView = unitSummaryView.extend({
  identity: z.record(z.string(), z.unknown()),
  modes: z.array(
    z.object({ mode: z.number(), name: z.string(), powerW: z.number(), hashrateThs: z.number() }),
  ),
  status: z.record(z.string(), z.unknown()).nullable().describe("The unit's full normalised telemetry"),
});

export const fleetView = z.object({
  total: z.number(),
  byState: z.record(z.string(), z.number()),
  powerW: z.number(),
  hashrateThs: z.number(),
  units: z.array(unitSummaryView),
});

export function readingValue(r: Reading<number> | undefined): number | null {
  return r?.ok ? r.value : null;
}

export function siteState(
  runtime: SiteRuntime,
  tick: TickReport | undefined = runtime.lastTick(),
): SiteStateView {
  const units = runtime.units();
  const byState: Record<string, number> = {};
  for (const u of units) byState[u.state] = (byState[u.state] ?? 0) + 1;
  const nowMs = tick?.decision.nowMs ?? runtime.clock.nowMs();
  const signals = runtime.signals.read(nowMs);
  return {
    site: runtime.siteName,
    atMs: tick ? tick.decision.nowMs : null,
    targetPowerW: tick ? tick.decision.targetPowerW : null,
    plannedPowerW: tick ? tick.decision.plannedPowerW : null,
    windowMinW: tick ? tick.decision.window.minW : null,
    windowMaxW: tick ? tick.decision.window.maxW : null,
    reportedPowerW: tick ? tick.reportedPowerW : null,
    measuredPowerW: readingValue(tick?.snapshot.meteredImportW),
    hashrateThs: units.reduce((s, u) => s + (u.status?.hashrateThs ?? 0), 0),
    surplusW: readingValue(signals.surplusW),
    priceJpyPerKwh: readingValue(signals.energyPriceJpyPerKwh),
    units: { total: units.length, byState },
    commands: tick?.results.length ?? 0,
    overrides: signals.overrides.length,
    events: signals.events.length,
    reasons: (tick?.decision.reasons ?? []).map((r) => ({
      rule: r.rule,
      effect: r.effect,
      detail: r.detail,
    })),
    urgent: tick?.urgent ?? null,
    pollMs: tick ? Math.round(tick.pollMs) : null,
  };
}

export function unitSummary(u: UnitView): z.infer<typeof unitSummaryView> {
  return {
    id: u.id,
    model: u.model,
    state: u.state,
    workMode: u.status?.workMode ?? null,
    powerW: u.status?.powerW ?? 0,
    hashrateThs: u.status?.hashrateThs ?? 0,
    coolantOutletC: u.status?.coolantOutletC ?? null,
    readAtMs: u.readAtMs,
    lastError: u.lastError ?? null,
    pending: u.pending ? { ...u.pending } : null,
  };
}

export function unitDetail(u: UnitView): z.infer<typeof unitDetailView> {
  return {
    ...unitSummary(u),
    identity: { ...u.identity },
    modes: u.modes.map((m) => ({ ...m })),
    status: u.status ? { ...u.status } : null,
  };
}

export function fleet(runtime: SiteRuntime): z.infer<typeof fleetView> {
  const units = runtime.units().map(unitSummary);
  const byState: Record<string, number> = {};
  for (const u of units) byState[u.state] = (byState[u.state] ?? 0) + 1;
  return {
    total: units.length,
    byState,
    powerW: units.reduce((s, u) => s + u.powerW, 0),
    hashrateThs: units.reduce((s, u) => s + u.hashrateThs, 0),
    units,
  };
}
