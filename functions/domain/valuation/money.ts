/**
 * Money rules of the valuation: integer cents, one rounding per line (half up, to the
 * cent), and allocations that keep totals exact (largest remainder).
 */

/** Rounds a non-negative amount of cents computed in floating point, half up. toFixed(6) first
 *  absorbs binary noise (1234.4999999997 is 1234.5), so the same inputs give the same cent everywhere. */
export function roundCents(x: number): number {
  return Math.floor(Number(x.toFixed(6)) + 0.5);
}

/** round(num / den), half up, for non-negative integers (exact; no floating point). */
export function roundRatio(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * Splits `total` integer units among integer `weights` in proportion, so that the parts add
 * up to `total` exactly: each gets the floor of its exact share, and the units left go one each
 * to the largest remainders (ties: the earlier index). Deterministic for the same input.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Kilometres as an integer number of tenths (12,34 km → 123): the barème works on integers. */
export function kmTenths(km: number): number {
  return Math.round(km * 10);
}
