import type { RgbaImage } from '@nst/core';

/** A colour of a palette and the share of the image's (opaque) pixels nearest to it. */
export interface PaletteColor {
  readonly rgb: readonly [number, number, number];
  readonly share: number;
}

const distance2 = (a: readonly number[], b: readonly number[]) => (a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2 + (a[2]! - b[2]!) ** 2;

/**
 * The `k` dominant colours of `image`, largest share first: k-means (Lloyd) on up to `samples`
 * opaque pixels, seeded by farthest-point picking, so the result is deterministic.
 */
export function dominantColors(image: RgbaImage, k = 6, samples = 4096, iterations = 12): PaletteColor[] {
  const { data, width, height } = image;
  const stride = Math.max(1, Math.floor((width * height) / samples));
  const points: number[][] = [];
  for (let i = 0; i < width * height; i += stride) {
    if (data[i * 4 + 3]! >= 128) points.push([data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!]);
  }
  if (points.length === 0) return [];
  const mean = [0, 1, 2].map((c) => points.reduce((s, p) => s + p[c]!, 0) / points.length);
  const centres: number[][] = [];
  let far = points.reduce((best, p) => (distance2(p, mean) > distance2(best, mean) ? p : best));
  while (centres.length < Math.min(k, points.length)) {
    centres.push([...far]);
    far = points.reduce((best, p) => {
      const d = Math.min(...centres.map((c) => distance2(p, c)));
      return d > Math.min(...centres.map((c) => distance2(best, c))) ? p : best;
    });
    if (Math.min(...centres.map((c) => distance2(far, c))) === 0) break; // fewer distinct colours than k
  }
  const assignment = new Int32Array(points.length);
  for (let it = 0; it < iterations; it++) {
    points.forEach((p, i) => {
      let best = 0;
      centres.forEach((c, j) => {
        if (distance2(p, c) < distance2(p, centres[best]!)) best = j;
      });
      assignment[i] = best;
    });
    centres.forEach((c, j) => {
      const members = points.filter((_, i) => assignment[i] === j);
      if (members.length > 0) for (let ch = 0; ch < 3; ch++) c[ch] = members.reduce((s, p) => s + p[ch]!, 0) / members.length;
    });
  }
  const counts = centres.map((_, j) => assignment.reduce((n, a) => n + (a === j ? 1 : 0), 0));
  return centres
    .map((c, j) => ({ rgb: [Math.round(c[0]!), Math.round(c[1]!), Math.round(c[2]!)] as const, share: counts[j]! / points.length }))
    .filter((c) => c.share > 0)
    .sort((a, b) => b.share - a.share);
}
