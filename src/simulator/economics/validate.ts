// Formulas reject impossible inputs at once: a NaN in a hashprice would otherwise flow silently into a dispatch plan.

export function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

export function assertPositive(value: number, name: string): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be > 0, got ${value}`);
}

export function assertNonNegative(value: number, name: string): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be >= 0, got ${value}`);
}

/** A fraction in [0, 1): a fee or margin of 100 % leaves nothing to compute with. */
export function assertFraction(value: number, name: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value < 1)) {
    throw new RangeError(`${name} must be in [0, 1), got ${value}`);
  }
}
