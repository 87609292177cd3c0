// Units of eventPayloadDescriptor.units. The 3.1.0 enumeration lists KW and KWH (and non-power units); W, MW, WH and
// MWH are accepted as the private strings the spec allows, because utilities do send them.

export type PowerUnit = "W" | "KW" | "MW";

const POWER_FACTOR_W: Readonly<Record<PowerUnit, number>> = { W: 1, KW: 1_000, MW: 1_000_000 };

/** Energy units a price may be quoted per. */
const ENERGY_FACTOR_KWH: Readonly<Record<string, number>> = { WH: 0.001, KWH: 1, MWH: 1_000 };

export function parsePowerUnit(units: string | null | undefined): PowerUnit | undefined {
  const u = units?.trim().toUpperCase();
  return u === "W" || u === "KW" || u === "MW" ? u : undefined;
}

/** A power value in the descriptor's unit, in W. */
export function powerToW(value: number, unit: PowerUnit): number {
  return value * POWER_FACTOR_W[unit];
}

/** A power in W, in the given unit (reports state their unit in the payload descriptor). */
export function wToPower(powerW: number, unit: PowerUnit): number {
  return powerW / POWER_FACTOR_W[unit];
}

/** kWh per one unit of the energy unit a price is quoted per (KWH = 1, MWH = 1000), or undefined if not energy. */
export function energyUnitKwh(units: string | null | undefined): number | undefined {
  const u = units?.trim().toUpperCase();
  return u === undefined ? undefined : ENERGY_FACTOR_KWH[u];
}

/** A price per `units` of energy, per kWh: 12000 JPY per MWH is 12 JPY per kWh. */
export function pricePerKwh(price: number, units: string | null | undefined): number | undefined {
  const kwh = energyUnitKwh(units);
  return kwh === undefined ? undefined : price / kwh;
}

export type EnergyUnit = "WH" | "KWH" | "MWH";

/** An energy in Wh, in the given unit. */
export function whToEnergy(energyWh: number, unit: EnergyUnit): number {
  return energyWh / (1000 * (ENERGY_FACTOR_KWH[unit] ?? 1));
}
