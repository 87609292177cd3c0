// Small statistics shared by the API bench and its load generator.

/** Nearest-rank quantile; NaN for no values, so a missing figure shows as such instead of as zero. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[idx] as number;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const round = (v: number, digits = 1): number => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};
