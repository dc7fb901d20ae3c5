import type { Image } from './image.js';
import { labFromRgb, rgbFromLab } from './lab-from-rgb.js';
import { sliceDirections } from './slice-directions.js';

/** Options of {@link colourTransfer}. */
export interface ColourTransferOptions {
  /** Rounds of matching (default 1: the L*a*b* axes only); more rounds match the joint distribution. */
  readonly iterations?: number;
  /** Seed of the random bases of rounds after the first (default 0). */
  readonly seed?: number;
}

/** Index of the first element of sorted `s` that is ≥ v (or > v when `strict`). */
function bound(s: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = s[mid] ?? 0;
    if (x < v || (strict && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each value v sent to the target quantile Q(midrank(v) / (n − 1)), linear between samples. */
function matchMarginal(values: Float64Array, target: Float64Array): Float64Array {
  const n = values.length;
  const m = target.length;
  const sorted = values.slice().sort();
  return values.map((v) => {
    const midrank = (bound(sorted, v, false) + bound(sorted, v, true) - 1) / 2;
    const position = n > 1 ? (midrank / (n - 1)) * (m - 1) : (m - 1) / 2;
    const lo = Math.floor(position);
    const a = target[lo] ?? 0;
    const b = target[Math.min(m - 1, lo + 1)] ?? a;
    return a + (position - lo) * (b - a);
  });
}

/** An orthonormal basis from three directions, by Gram–Schmidt. */
function orthonormal(vectors: readonly (readonly number[])[]): number[][] {
  const basis: number[][] = [];
  for (const v of vectors) {
    const u = [...v];
    for (const b of basis) {
      const dot = u.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
      b.forEach((x, i) => (u[i] = (u[i] ?? 0) - dot * x));
    }
    const norm = Math.hypot(...u);
    basis.push(u.map((x) => x / norm));
  }
  return basis;
}

/**
 * The colour-only baseline: the content recoloured with the style's colour distribution, its
 * structure unchanged. Round 1 matches each CIE L*a*b* channel's histogram (a nearly
 * decorrelated opponent space, as in Reinhard, Ashikhmin, Gooch & Shirley 2001, "Color transfer
 * between images", who match mean and deviation in lαβ; here the whole marginal): a content
 * value v goes to the style's quantile Q_S(midrank(v) / (n − 1)), so equal values stay equal.
 * Each further round (`iterations`) does the same along a random orthonormal basis, the
 * iterative distribution transfer of Pitié, Kokaram & Dahyot (2005, "N-dimensional probability
 * density function transfer"), which converges to the style's joint colour distribution. Alpha
 * is kept; out-of-gamut colours are clipped. An image recoloured with itself comes back
 * unchanged up to 8-bit rounding.
 */
export function colourTransfer(content: Image, style: Image, options: ColourTransferOptions = {}): Image {
  const source = labFromRgb(content);
  const target = labFromRgb(style);
  const n = content.width * content.height;
  const m = style.width * style.height;
  const iterations = options.iterations ?? 1;
  const random = sliceDirections(3 * Math.max(0, iterations - 1), options.seed ?? 0);
  for (let round = 0; round < iterations; round++) {
    const basis =
      round === 0
        ? [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ]
        : orthonormal(random.slice(3 * (round - 1), 3 * round));
    for (const axis of basis) {
      const [x, y, z] = [axis[0] ?? 0, axis[1] ?? 0, axis[2] ?? 0];
      const s = new Float64Array(n);
      const t = new Float64Array(m);
      for (let i = 0; i < n; i++) s[i] = x * (source[3 * i] ?? 0) + y * (source[3 * i + 1] ?? 0) + z * (source[3 * i + 2] ?? 0);
      for (let i = 0; i < m; i++) t[i] = x * (target[3 * i] ?? 0) + y * (target[3 * i + 1] ?? 0) + z * (target[3 * i + 2] ?? 0);
      const matched = matchMarginal(s, t.sort());
      for (let i = 0; i < n; i++) {
        const d = (matched[i] ?? 0) - (s[i] ?? 0);
        source[3 * i] = (source[3 * i] ?? 0) + d * x;
        source[3 * i + 1] = (source[3 * i + 1] ?? 0) + d * y;
        source[3 * i + 2] = (source[3 * i + 2] ?? 0) + d * z;
      }
    }
  }
  return rgbFromLab(source, content.width, content.height, content);
}
