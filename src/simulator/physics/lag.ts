// Closed-form first-order lag y' = (u(t) − y)/τ with a linear input u(t) = a + b·t, so a step of any length
// costs the same and gives the same result as many small steps (no integration error, no per-tick timers).

/** y(t) for y(0) = y0. */
export function lagLinear(y0: number, a: number, b: number, tauS: number, tS: number): number {
  if (tauS <= 0) return a + b * tS;
  return a + b * (tS - tauS) + (y0 - a + b * tauS) * Math.exp(-tS / tauS);
}

/** Time in (0, T) of y's interior extremum, if it has one there (y has at most one). */
function extremumTimeS(y0: number, a: number, b: number, tauS: number, horizonS: number): number | null {
  if (tauS <= 0) return null;
  const c = y0 - a + b * tauS;
  if (c === 0 || b === 0) return null;
  const ratio = (b * tauS) / c;
  if (!(ratio > 0 && ratio < 1)) return null;
  const t = -tauS * Math.log(ratio);
  return t > 0 && t < horizonS ? t : null;
}

/**
 * First time in [0, T] at which y exceeds `limit`, or null. y has at most one interior extremum, so it is monotone
 * on each side of it and bisection on the rising side finds the crossing.
 */
export function lagFirstExceedS(
  y0: number,
  a: number,
  b: number,
  tauS: number,
  horizonS: number,
  limit: number,
): number | null {
  if (y0 > limit) return 0;
  const tExt = extremumTimeS(y0, a, b, tauS, horizonS);
  let lo = 0;
  let hi = horizonS;
  if (tExt !== null) {
    const c = y0 - a + b * tauS;
    if (c < 0) {
      // Interior maximum: rising on [0, tExt].
      if (lagLinear(y0, a, b, tauS, tExt) <= limit) return null;
      hi = tExt;
    } else {
      // Interior minimum: the crossing, if any, is after it.
      lo = tExt;
    }
  }
  if (lagLinear(y0, a, b, tauS, hi) <= limit) return null;
  for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (lagLinear(y0, a, b, tauS, mid) > limit) hi = mid;
    else lo = mid;
  }
  return hi;
}
