/** A point of a piecewise-linear curve. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Linear interpolation between points, flat beyond both ends (a dry cooler at 50 °C is not extrapolated to
 * negative capacity). Points need not be sorted. An empty curve returns undefined.
 */
export function interpolate(points: readonly CurvePoint[], x: number): number | undefined {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (x <= first.x) return first.y;
  if (x >= last.x) return last.y;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === undefined || b === undefined) continue;
    if (x <= b.x) {
      const span = b.x - a.x;
      return span === 0 ? Math.min(a.y, b.y) : a.y + ((x - a.x) / span) * (b.y - a.y);
    }
  }
  return last.y;
}
