/**
 * Half-sample symmetric reflection of an index into `[0, n)`: …, 1, 0 | 0, 1, …, n−1 | n−1, n−2, …
 * (the border rule of the filters here; any `i`, any `n ≥ 1`).
 */
export function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  const k = ((i % period) + period) % period;
  return k < n ? k : period - 1 - k;
}
