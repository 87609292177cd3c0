// Number formatting for reasons. Hand-rolled grouping so the text does not depend on the ICU data Node ships with.

function group(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 1234567.8 → "1,234,568"; decimals > 0 keeps that many places: (1234.5, 2) → "1,234.50". */
export function formatNumber(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "-∞" : "NaN";
  const fixed = Math.abs(x).toFixed(decimals);
  const [intPart = "0", frac] = fixed.split(".");
  const sign = x < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${group(intPart)}${frac === undefined ? "" : `.${frac}`}`;
}

/** "1,000,000 W" */
export function formatW(w: number): string {
  return `${formatNumber(w)} W`;
}

export function formatS(ms: number): string {
  return `${formatNumber(ms / 1000)} s`;
}

/** Lists at most `max` items, then "and N more", so a reason stays readable for 558 units. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** "1 unit", "3 units". */
export function units(n: number): string {
  return `${n} ${n === 1 ? "unit" : "units"}`;
}
