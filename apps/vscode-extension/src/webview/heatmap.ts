import type { RgbaImage } from '@nst/core';

/** Stops of a perceptually ordered colour map (dark blue → teal → yellow), as in viridis. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of `t ∈ [0, 1]` on the map. */
export function colormap(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/**
 * An `n × n` picture of a Gram matrix: each entry as the correlation of two feature maps,
 * `G[k, k'] / √(G[k, k]·G[k', k'])` (1 on the diagonal), through {@link colormap}.
 * Channels that never fire are drawn as 0.
 */
export function gramHeatmap(gram: Float32Array, n: number): RgbaImage {
  if (gram.length !== n * n) throw new Error(`gramHeatmap: ${gram.length} values are not an ${n}×${n} matrix`);
  const data = new Uint8ClampedArray(n * n * 4);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const norm = Math.sqrt(gram[k * n + k]! * gram[j * n + j]!);
      const [r, g, b] = colormap(norm > 0 ? gram[k * n + j]! / norm : 0);
      data.set([r, g, b, 255], (k * n + j) * 4);
    }
  }
  return { width: n, height: n, data };
}
