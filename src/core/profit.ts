// Marginal profit of one unit in one mode, per hour. Revenue: hashprice (JPY per TH/s per day) × TH/s / 24.
// Cost: (energy price + margin) in JPY/kWh × the mode's power in kW.
// Example: 7 JPY/TH/day × 480 TH/s = 3,360 JPY/day = 140 JPY/h; 8.064 kW breaks even at 140 / 8.064 = 17.36 JPY/kWh.

export interface ModeEconomics {
  readonly revenueJpyPerH: number;
  readonly energyCostJpyPerH: number;
  readonly marginJpyPerH: number;
  readonly profitJpyPerH: number;
  /** Energy price at which profit is zero, with the margin already taken off. */
  readonly breakEvenJpyPerKwh: number;
}

export function modeEconomics(
  hashrateThs: number,
  powerW: number,
  hashpriceJpyPerThsDay: number,
  priceJpyPerKwh: number,
  marginJpyPerKwh: number,
): ModeEconomics {
  const kw = powerW / 1000;
  const revenueJpyPerH = (hashpriceJpyPerThsDay * hashrateThs) / 24;
  const energyCostJpyPerH = priceJpyPerKwh * kw;
  const marginJpyPerH = marginJpyPerKwh * kw;
  return {
    revenueJpyPerH,
    energyCostJpyPerH,
    marginJpyPerH,
    profitJpyPerH: revenueJpyPerH - energyCostJpyPerH - marginJpyPerH,
    breakEvenJpyPerKwh: kw > 0 ? revenueJpyPerH / kw - marginJpyPerKwh : Number.POSITIVE_INFINITY,
  };
}
