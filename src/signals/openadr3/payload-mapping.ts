// One event-interval payload value → what it asks of the site, in the core's units (W, JPY/kWh). Payload names and
// value ranges follow the 3.1.0 enumerations (event-interval-payloads.schema.yaml); units and currency come from the
// eventPayloadDescriptor of the event, else of its program.
import { type PowerUnit, parsePowerUnit, powerToW, pricePerKwh } from "./units.js";
import type { WireEventPayloadDescriptor, WireValue } from "./wire.js";

export interface SignalSite {
  /** Import the CONTROL_LEVEL_OFFSET payloads are scaled against: the site's contracted or nameplate import. */
  readonly maxImportW: number;
  /** Unit for power payloads whose descriptor names none. Without it such payloads are ignored: a guess is 1000× off. */
  readonly defaultPowerUnit?: PowerUnit;
  /** Alerts that take the site to its floor. Default: ALERT_GRID_EMERGENCY and ALERT_BLACK_START. */
  readonly shedToFloorAlerts?: readonly string[];
  /**
   * The enumeration text of CONTROL_LEVEL_OFFSET_PERCENT says both "the lower the percentage the less load" and
   * "negative values indicate higher load consumption". Default true reads it like CONTROL_LEVEL_OFFSET: positive
   * values reduce load. A program that means the opposite sets false.
   */
  readonly offsetPercentPositiveReducesLoad?: boolean;
  /** Prefix of GridEvent.source, e.g. the VTN's name. Default "openadr3". */
  readonly sourceName?: string;
}

export const DEFAULT_SHED_TO_FLOOR_ALERTS: readonly string[] = ["ALERT_GRID_EMERGENCY", "ALERT_BLACK_START"];

export interface PriceSignal {
  /** The payload value as sent, in `currency` per `units`. */
  readonly amount: number;
  readonly currency?: string;
  /** The energy unit the price is per (KWH, MWH...), from the descriptor. */
  readonly units?: string;
  /** The price per kWh in `currency`, when `units` is an energy unit. */
  readonly pricePerKwh?: number;
  /** Set when the currency is JPY and the unit is an energy unit: what the core reads. */
  readonly priceJpyPerKwh?: number;
}

export interface AlertValue {
  readonly type: string;
  readonly text: string;
}

/** What one payload value asks for. Kinds that conflict between events are resolved by event priority. */
export type Contribution =
  | { readonly kind: "importLimitW"; readonly value: number }
  | { readonly kind: "exportLimitW"; readonly value: number }
  | { readonly kind: "setpointW"; readonly value: number }
  | { readonly kind: "shedLevel"; readonly value: number }
  | { readonly kind: "price"; readonly value: PriceSignal }
  /** Fraction of maxImportW by which the program asks the site to consume MORE than normal. */
  | { readonly kind: "loadIncreaseFraction"; readonly value: number }
  | { readonly kind: "alert"; readonly value: AlertValue };

export type Interpretation =
  | { readonly contributions: readonly Contribution[] }
  | { readonly warning: string; readonly contributions: readonly Contribution[] };

const NONE: Interpretation = { contributions: [] };

/** Payload types this mapping acts on; others are legal but mean nothing to a mining load and are skipped. */
export const MAPPED_PAYLOAD_TYPES: readonly string[] = [
  "SIMPLE",
  "PRICE",
  "DISPATCH_SETPOINT",
  "IMPORT_CAPACITY_LIMIT",
  "EXPORT_CAPACITY_LIMIT",
  "CONTROL_LEVEL_OFFSET",
  "CONTROL_LEVEL_OFFSET_PERCENT",
];

export function isAlertType(type: string): boolean {
  return type.startsWith("ALERT_");
}

/** Interprets one payload value of `type` under its descriptor. Never throws; bad values give a warning. */
export function interpretPayload(
  type: string,
  value: WireValue | undefined,
  descriptor: WireEventPayloadDescriptor | undefined,
  site: SignalSite,
): Interpretation {
  if (isAlertType(type)) {
    return typeof value === "string"
      ? { contributions: [{ kind: "alert", value: { type, text: value } }] }
      : warn(`${type} value ${JSON.stringify(value)} is not a string`);
  }
  switch (type) {
    case "SIMPLE":
      return isIntegerIn(value, 0, 3)
        ? { contributions: [{ kind: "shedLevel", value }] }
        : warn(`SIMPLE value ${JSON.stringify(value)} is not an integer 0..3`);
    case "PRICE":
      return typeof value === "number"
        ? price(value, descriptor)
        : warn(`PRICE value ${JSON.stringify(value)} not a number`);
    case "DISPATCH_SETPOINT":
      return power(type, value, descriptor, site, "setpointW");
    case "IMPORT_CAPACITY_LIMIT":
      return power(type, value, descriptor, site, "importLimitW");
    case "EXPORT_CAPACITY_LIMIT":
      return power(type, value, descriptor, site, "exportLimitW");
    case "CONTROL_LEVEL_OFFSET":
      return isIntegerIn(value, -10, 10)
        ? offset(value / 10, site)
        : warn(`CONTROL_LEVEL_OFFSET value ${JSON.stringify(value)} is not an integer -10..10`);
    case "CONTROL_LEVEL_OFFSET_PERCENT": {
      if (typeof value !== "number" || value < -1 || value > 1) {
        return warn(`CONTROL_LEVEL_OFFSET_PERCENT value ${JSON.stringify(value)} is not a number -1..1`);
      }
      const reduces = site.offsetPercentPositiveReducesLoad ?? true;
      return offset(reduces ? value : -value, site);
    }
    default:
      return NONE;
  }
}

function warn(warning: string): Interpretation {
  return { warning, contributions: [] };
}

function isIntegerIn(v: unknown, lo: number, hi: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;
}

function price(amount: number, descriptor: WireEventPayloadDescriptor | undefined): Interpretation {
  const units = descriptor?.units ?? undefined;
  const currency = descriptor?.currency ?? undefined;
  const perKwh = pricePerKwh(amount, units);
  const signal: PriceSignal = {
    amount,
    ...(currency !== undefined ? { currency } : {}),
    ...(units !== undefined ? { units } : {}),
    ...(perKwh !== undefined ? { pricePerKwh: perKwh } : {}),
    ...(perKwh !== undefined && currency?.toUpperCase() === "JPY" ? { priceJpyPerKwh: perKwh } : {}),
  };
  const contributions: Contribution[] = [{ kind: "price", value: signal }];
  if (perKwh === undefined) {
    return {
      warning: `PRICE without an energy unit (units ${JSON.stringify(units ?? null)})`,
      contributions,
    };
  }
  return { contributions };
}

function power(
  type: string,
  value: WireValue | undefined,
  descriptor: WireEventPayloadDescriptor | undefined,
  site: SignalSite,
  kind: "setpointW" | "importLimitW" | "exportLimitW",
): Interpretation {
  if (typeof value !== "number" || value < 0)
    return warn(`${type} value ${JSON.stringify(value)} is not a number ≥ 0`);
  const declared = descriptor?.units ?? undefined;
  const unit = declared === undefined ? site.defaultPowerUnit : parsePowerUnit(declared);
  if (unit === undefined) {
    return warn(
      declared === undefined
        ? `${type} has no units in its payload descriptor and no default power unit is configured; ignored`
        : `${type} units "${declared}" are not a power unit (W, KW, MW); ignored`,
    );
  }
  return { contributions: [{ kind, value: powerToW(value, unit) }] };
}

/** A level offset as a fraction of normal load: > 0 caps import below maxImportW, < 0 asks for more load. */
function offset(fraction: number, site: SignalSite): Interpretation {
  if (fraction > 0) {
    return { contributions: [{ kind: "importLimitW", value: site.maxImportW * (1 - fraction) }] };
  }
  // Normal or heightened operation: no cap from this event, which still outranks lower-priority caps.
  const contributions: Contribution[] = [{ kind: "importLimitW", value: site.maxImportW }];
  if (fraction < 0) contributions.push({ kind: "loadIncreaseFraction", value: -fraction });
  return { contributions };
}
