// What the VTN's events ask of the site at one instant, resolved across overlapping events by priority and mapped onto
// the core's vocabulary (GridEvent, JPY/kWh). Pure: the VEN calls it every tick with the events it holds.

import type { Reading } from "../../domain/reading.js";
import type { GridEvent } from "../../domain/signals.js";
import { intervalsAt, type ResolvedInterval, resolveEvent } from "./intervals.js";
import type { ReceivedEvent } from "./model.js";
import {
  type AlertValue,
  type Contribution,
  DEFAULT_SHED_TO_FLOOR_ALERTS,
  interpretPayload,
  isAlertType,
  MAPPED_PAYLOAD_TYPES,
  type PriceSignal,
  type SignalSite,
} from "./payload-mapping.js";
import { VERSION_TRAITS } from "./version.js";
import type { WireEventPayloadDescriptor, WireValue, WireValuesMap } from "./wire.js";

export interface SignalOrigin {
  readonly eventId: string;
  readonly programId: string;
  readonly eventName?: string;
  /** The event's priority; absent = lowest. */
  readonly priority?: number;
  readonly intervalId: number;
  /** Span of the (sub-)interval the value holds for. endMs is +Infinity when open-ended. */
  readonly startMs: number;
  readonly endMs: number;
}

export type ActiveValue<T> = SignalOrigin & { readonly value: T };
export type ActiveAlert = SignalOrigin & AlertValue;

export interface ActiveSignals {
  readonly atMs: number;
  readonly importLimitW?: ActiveValue<number>;
  readonly exportLimitW?: ActiveValue<number>;
  /** Absolute consumption the site is dispatched to (DISPATCH_SETPOINT). */
  readonly setpointW?: ActiveValue<number>;
  /** SIMPLE level 0..3. */
  readonly shedLevel?: ActiveValue<number>;
  readonly price?: ActiveValue<PriceSignal>;
  /** CONTROL_LEVEL_OFFSET(_PERCENT) below zero: consume this fraction of maxImportW more than normal. */
  readonly loadIncreaseFraction?: ActiveValue<number>;
  /** Every active alert: alerts do not conflict with each other. */
  readonly alerts: readonly ActiveAlert[];
  /** The above in the core's vocabulary. */
  readonly gridEvents: readonly GridEvent[];
  /** Payloads that could not be interpreted, and timing fields that could not be read. */
  readonly warnings: readonly string[];
}

type Kind = Exclude<Contribution["kind"], "alert">;
type Candidate = { readonly contribution: Contribution } & SignalOrigin;

/**
 * Conflicting events: the lower priority number wins (User Guide §7.1; absent = lowest). Equal priorities are left
 * open by the spec; ties go to the grid-friendly value: lowest limit or setpoint, highest shed level, highest price.
 */
const TIE_BREAK: Readonly<Record<Kind, (a: Candidate, b: Candidate) => number>> = {
  importLimitW: (a, b) => num(a) - num(b),
  exportLimitW: (a, b) => num(a) - num(b),
  setpointW: (a, b) => num(a) - num(b),
  shedLevel: (a, b) => num(b) - num(a),
  price: (a, b) => priceRank(b) - priceRank(a),
  loadIncreaseFraction: (a, b) => num(a) - num(b),
};

export function activeSignalsAt(
  events: readonly ReceivedEvent[],
  nowMs: number,
  site: SignalSite,
): ActiveSignals {
  const candidates: Candidate[] = [];
  const alerts: ActiveAlert[] = [];
  const warnings: string[] = [];
  for (const received of events) {
    const resolved = resolveEvent(received);
    for (const p of resolved.problems) warnings.push(`event "${received.event.id}": ${p}`);
    for (const interval of intervalsAt(resolved, nowMs)) {
      for (const payload of interval.payloads) {
        const picked = valueAt(received, interval, payload, nowMs);
        const origin = originOf(received, interval.id, picked.startMs, picked.endMs);
        const result = interpretPayload(
          payload.type,
          picked.value,
          descriptorFor(received, payload.type),
          site,
        );
        if ("warning" in result)
          warnings.push(`event "${received.event.id}" interval ${interval.id}: ${result.warning}`);
        for (const c of result.contributions) {
          if (c.kind === "alert") alerts.push({ ...origin, ...c.value });
          else candidates.push({ ...origin, contribution: c });
        }
      }
    }
  }
  const chosen = (kind: Kind): Candidate | undefined => pick(candidates, kind);
  const value = <T>(kind: Kind): ActiveValue<T> | undefined => {
    const c = chosen(kind);
    if (!c) return undefined;
    const { contribution, ...origin } = c;
    return { ...origin, value: contribution.value as T };
  };
  const partial = {
    importLimitW: value<number>("importLimitW"),
    exportLimitW: value<number>("exportLimitW"),
    setpointW: value<number>("setpointW"),
    shedLevel: value<number>("shedLevel"),
    price: value<PriceSignal>("price"),
    loadIncreaseFraction: value<number>("loadIncreaseFraction"),
  };
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  return {
    atMs: nowMs,
    ...defined,
    alerts,
    gridEvents: toGridEvents(partial, alerts, site),
    warnings: [...new Set(warnings)],
  };
}

/** The part of GridSignals these events supply: events for the rules, and the price as a fresh reading. */
export function toCoreSignals(active: ActiveSignals): {
  readonly events: readonly GridEvent[];
  readonly energyPriceJpyPerKwh?: Reading<number>;
} {
  const jpy = active.price?.value.priceJpyPerKwh;
  return {
    events: active.gridEvents,
    ...(jpy !== undefined ? { energyPriceJpyPerKwh: { ok: true, value: jpy, atMs: active.atMs } } : {}),
  };
}

function pick(candidates: readonly Candidate[], kind: Kind): Candidate | undefined {
  const ofKind = candidates.filter((c) => c.contribution.kind === kind);
  if (ofKind.length === 0) return undefined;
  const best = Math.min(...ofKind.map(rank));
  return ofKind.filter((c) => rank(c) === best).sort(TIE_BREAK[kind])[0];
}

function rank(c: Candidate): number {
  return c.priority ?? Number.POSITIVE_INFINITY;
}

function num(c: Candidate): number {
  return c.contribution.value as number;
}

function priceRank(c: Candidate): number {
  const p = c.contribution.value as PriceSignal;
  return p.pricePerKwh ?? p.amount;
}

function originOf(received: ReceivedEvent, intervalId: number, startMs: number, endMs: number): SignalOrigin {
  const e = received.event;
  return {
    eventId: e.id,
    programId: e.programID,
    ...(typeof e.eventName === "string" ? { eventName: e.eventName } : {}),
    ...(typeof e.priority === "number" ? { priority: e.priority } : {}),
    intervalId,
    startMs,
    endMs,
  };
}

/** The event's own descriptor for a payload type, else its program's (User Guide §7.6). */
export function descriptorFor(received: ReceivedEvent, type: string): WireEventPayloadDescriptor | undefined {
  return (
    received.event.payloadDescriptors?.find((d) => d.payloadType === type) ??
    received.programDescriptors?.find((d) => d.payloadType === type)
  );
}

/**
 * The value in force at nowMs. In 3.1.0 several values of a unitary payload (PRICE [0.17, 0.03, 0.11] over PT3H)
 * split the interval into equal sub-intervals (User Guide §7.3, "multi-valued payloads"); 3.0.1 has no such form.
 */
function valueAt(
  received: ReceivedEvent,
  interval: ResolvedInterval,
  payload: WireValuesMap,
  nowMs: number,
): { value: WireValue | undefined; startMs: number; endMs: number } {
  const n = payload.values.length;
  const unitary = MAPPED_PAYLOAD_TYPES.includes(payload.type) || isAlertType(payload.type);
  const compact = VERSION_TRAITS[received.version].compactMultiValuePayloads;
  if (!compact || !unitary || n <= 1 || !Number.isFinite(interval.endMs)) {
    return { value: payload.values[0], startMs: interval.startMs, endMs: interval.endMs };
  }
  const subMs = (interval.endMs - interval.startMs) / n;
  const i = Math.min(n - 1, Math.floor((nowMs - interval.startMs) / subMs));
  return {
    value: payload.values[i],
    startMs: interval.startMs + i * subMs,
    endMs: interval.startMs + (i + 1) * subMs,
  };
}

function toGridEvents(
  chosen: {
    readonly importLimitW: ActiveValue<number> | undefined;
    readonly setpointW: ActiveValue<number> | undefined;
    readonly shedLevel: ActiveValue<number> | undefined;
  },
  alerts: readonly ActiveAlert[],
  site: SignalSite,
): GridEvent[] {
  const prefix = site.sourceName ?? "openadr3";
  const base = (o: SignalOrigin, kind: string) => ({
    id: `${prefix}:${o.eventId}:${o.intervalId}:${kind}`,
    startMs: o.startMs,
    endMs: o.endMs,
    source: `${prefix} program ${o.programId} event ${o.eventName ?? o.eventId}`,
  });
  const out: GridEvent[] = [];
  const { importLimitW, setpointW, shedLevel } = chosen;
  if (importLimitW)
    out.push({ ...base(importLimitW, "import-limit"), kind: "import-limit", limitW: importLimitW.value });
  if (setpointW) out.push({ ...base(setpointW, "setpoint"), kind: "setpoint", powerW: setpointW.value });
  if (shedLevel && shedLevel.value > 0) {
    out.push({ ...base(shedLevel, "shed-level"), kind: "shed-level", level: shedLevel.value });
  }
  const shedAlerts = site.shedToFloorAlerts ?? DEFAULT_SHED_TO_FLOOR_ALERTS;
  for (const a of alerts) {
    if (shedAlerts.includes(a.type)) out.push({ ...base(a, a.type), kind: "shed-to-floor" });
  }
  return out;
}
