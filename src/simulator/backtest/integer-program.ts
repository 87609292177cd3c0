// Exact solver for the small integer programme behind the hindsight optimum of one slot:
//
//   maximise  Σ u_m·x_m   subject to  Σ x_m ≤ K,   lo ≤ Σ q_m·x_m ≤ hi,   x_m ∈ {0, 1, 2, …}
//
// (x_m = units in mode m, q_m = the power each adds above standby, K = the fleet). Branch and bound over the
// variables in turn, bounded by the LP relaxation. With one variable fixed, the LP value is a concave function of
// it, so the search walks outward from the LP's own value and stops in a direction as soon as the bound falls to
// the best integer solution found. The result is the integer optimum, not a rounding of the LP.

export interface IntegerProgram {
  /** Objective coefficient per variable. */
  readonly u: readonly number[];
  /** Weight per variable in the two-sided constraint; > 0. */
  readonly q: readonly number[];
  /** Σ x ≤ K. */
  readonly k: number;
  readonly lo: number;
  readonly hi: number;
}

export interface IntegerSolution {
  readonly x: number[];
  readonly value: number;
}

const FEASIBILITY_TOLERANCE = 1e-7;

/**
 * LP relaxation over variables from..end: its optimal value, or −∞ when infeasible; the vertex goes into `out` when
 * given. Two constraints besides x ≥ 0, so an optimal vertex has at most two non-zero variables: enumerate those
 * vertices. No allocation: the search calls this for every bound.
 */
function lpMax(p: IntegerProgram, from: number, k: number, lo: number, hi: number, out?: number[]): number {
  const n = p.u.length;
  let best = Number.NEGATIVE_INFINITY;
  let bi = -1;
  let ba = 0;
  let bj = -1;
  let bb = 0;
  const tol =
    FEASIBILITY_TOLERANCE *
    (1 + (Number.isFinite(hi) ? Math.abs(hi) : 0) + (Number.isFinite(lo) ? Math.abs(lo) : 0));
  if (lo <= tol && hi >= -tol && k >= 0) best = 0;
  for (let i = from; i < n; i++) {
    const qi = p.q[i] as number;
    const ui = p.u[i] as number;
    const tMin = Math.max(0, lo / qi);
    const tMax = Math.min(k, hi / qi);
    if (tMin > tMax + tol / qi) continue;
    const t = ui > 0 ? Math.max(tMin, tMax) : tMin;
    if (ui * t > best) {
      best = ui * t;
      bi = i;
      ba = t;
      bj = -1;
    }
  }
  for (let i = from; i < n; i++) {
    const qi = p.q[i] as number;
    for (let j = i + 1; j < n; j++) {
      const qj = p.q[j] as number;
      if (qi === qj) continue;
      for (let side = 0; side < 2; side++) {
        const r = side === 0 ? lo : hi;
        if (!Number.isFinite(r)) continue;
        const xi = (r - qj * k) / (qi - qj);
        const xj = k - xi;
        if (xi < -tol || xj < -tol) continue;
        const a = Math.max(0, xi);
        const b = Math.max(0, xj);
        const w = qi * a + qj * b;
        if (w < lo - tol || w > hi + tol) continue;
        const value = (p.u[i] as number) * a + (p.u[j] as number) * b;
        if (value > best) {
          best = value;
          bi = i;
          ba = a;
          bj = j;
          bb = b;
        }
      }
    }
  }
  if (out !== undefined) {
    out.fill(0);
    if (bi >= 0) out[bi] = ba;
    if (bj >= 0) out[bj] = bb;
  }
  return best;
}

/** The integer optimum, or undefined when no integer point is feasible. */
export function solveIntegerProgram(p: IntegerProgram): IntegerSolution | undefined {
  const n = p.u.length;
  if (n === 0 || p.q.length !== n) throw new RangeError("integer programme needs matching u and q");
  for (const q of p.q) if (!(q > 0)) throw new RangeError(`weights must be > 0, got ${q}`);
  // Branch first on variables the LP leaves at zero: moving them off zero costs their reduced cost at once, so the
  // walk is short; the (at most two) variables the LP uses come last.
  const rootX = new Array<number>(n).fill(0);
  if (lpMax(p, 0, p.k, p.lo, p.hi, rootX) === Number.NEGATIVE_INFINITY) return undefined;
  const order = [...Array(n).keys()].sort(
    (a, b) => (rootX[a] === 0 ? 0 : 1) - (rootX[b] === 0 ? 0 : 1) || a - b,
  );
  const q = order.map((i) => p.q[i] as number);
  const u = order.map((i) => p.u[i] as number);
  const solved = solveOrdered({ u, q, k: p.k, lo: p.lo, hi: p.hi });
  if (solved === undefined) return undefined;
  const x = new Array<number>(n).fill(0);
  order.forEach((i, j) => {
    x[i] = solved.x[j] as number;
  });
  return { x, value: solved.value };
}

/** Whole units of one variable within [lo, hi] of weight and [0, k] of count: the best end, or undefined. */
function lastVariable(u: number, q: number, k: number, lo: number, hi: number): number | undefined {
  let tMin = Math.max(0, Math.ceil(lo / q - 1e-12));
  let tMax = Math.min(k, Math.floor(hi / q + 1e-12));
  // Correct the float division at the edges: a whole number of units must satisfy the constraint exactly.
  while (tMin > 0 && q * (tMin - 1) >= lo) tMin--;
  while (q * tMin < lo - FEASIBILITY_TOLERANCE) tMin++;
  while (tMax >= 0 && q * tMax > hi + FEASIBILITY_TOLERANCE) tMax--;
  if (tMin > tMax) return undefined;
  return u > 0 ? tMax : tMin;
}

function solveOrdered(p: IntegerProgram): IntegerSolution | undefined {
  const n = p.u.length;
  const x = new Array<number>(n).fill(0);
  let best: IntegerSolution | undefined;
  const scale = 1 + p.u.reduce((s, u) => s + Math.abs(u), 0) * Math.max(1, p.k);
  const valueTol = 1e-12 * scale;
  const vertex = new Array<number>(n).fill(0);
  const offer = (value: number) => {
    if (best === undefined || value > best.value + valueTol) best = { x: [...x], value };
  };

  const branch = (i: number, k: number, lo: number, hi: number, acc: number) => {
    const qi = p.q[i] as number;
    const ui = p.u[i] as number;
    if (i === n - 1) {
      const t = lastVariable(ui, qi, k, lo, hi);
      if (t === undefined) return;
      x[i] = t;
      offer(acc + ui * t);
      x[i] = 0;
      return;
    }
    const tTop = Math.min(k, Math.floor(hi / qi + 1e-12));
    const here = lpMax(p, i, k, lo, hi, vertex);
    if (here === Number.NEGATIVE_INFINITY) return;
    if (best !== undefined && acc + here <= best.value + valueTol) return;
    const visit = (t: number): boolean => {
      const rest = lpMax(p, i + 1, k - t, lo - qi * t, hi - qi * t);
      if (rest === Number.NEGATIVE_INFINITY) return false;
      if (best !== undefined && acc + ui * t + rest <= best.value + valueTol) return false;
      x[i] = t;
      branch(i + 1, k - t, lo - qi * t, hi - qi * t, acc + ui * t);
      x[i] = 0;
      return true;
    };
    const start = Math.min(Math.max(0, Math.floor(vertex[i] ?? 0)), Math.max(0, tTop));
    // Walk down from the LP value, then up; the bound is concave in t, so once it stops paying it never recovers.
    // A t where the rest is infeasible ends that direction too: the feasible t form an interval.
    for (let t = start; t >= 0; t--) if (!visit(t) && t < start) break;
    for (let t = start + 1; t <= tTop; t++) if (!visit(t)) break;
  };

  branch(0, p.k, p.lo, p.hi, 0);
  return best;
}
