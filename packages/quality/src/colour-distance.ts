import type { Image } from './image.js';
import { labFromRgb } from './lab-from-rgb.js';
import { type Direction, sliceDirections } from './slice-directions.js';

/** Options of {@link colourDistance}. */
export interface ColourDistanceOptions {
  /** Number of random directions (default 64); ignored when `directions` is given. */
  readonly projections?: number;
  /** Seed of the directions (default 0). */
  readonly seed?: number;
  /** Explicit unit directions in L*a*b*, e.g. the three axes. */
  readonly directions?: readonly Direction[];
}

/** Bins per direction of the projected-colour histograms. */
export const COLOUR_BINS = 4096;

/** L*a*b* box every 8-bit sRGB colour lies in: L* ∈ [0, 100], a*, b* ∈ [−128, 128]. */
const BOX_LOW = [0, -128, -128] as const;
const BOX_HIGH = [100, 128, 128] as const;

/**
 * One image's colours projected on each direction, binned on a fixed grid per direction (the
 * projection of the L*a*b* box, in {@link COLOUR_BINS} bins): counts, and the sums of the
 * offsets of the values from their bin's lower edge.
 */
export interface ColourProjections {
  readonly pixels: number;
  readonly width: Float64Array;
  readonly counts: Float64Array[];
  readonly offsets: Float64Array[];
}

/** The grid of one direction: its lower edge and bin width. */
function grid([dx, dy, dz]: Direction): { low: number; width: number } {
  let low = 0;
  let high = 0;
  [dx, dy, dz].forEach((d, i) => {
    const a = d * (BOX_LOW[i] ?? 0);
    const b = d * (BOX_HIGH[i] ?? 0);
    low += Math.min(a, b);
    high += Math.max(a, b);
  });
  return { low, width: (high - low) / COLOUR_BINS };
}

/** The binned projections {@link colourDistance} compares, to reuse one image's against many. */
export function colourProjections(image: Image, directions: readonly Direction[]): ColourProjections {
  const lab = labFromRgb(image);
  const n = lab.length / 3;
  const widths = new Float64Array(directions.length);
  const counts: Float64Array[] = [];
  const offsets: Float64Array[] = [];
  const bins = new Int32Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < directions.length; k++) {
    const direction = directions[k];
    if (!direction) continue;
    const [dx, dy, dz] = direction;
    const { low, width } = grid(direction);
    const scale = 1 / width;
    widths[k] = width;
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      const p = dx * (lab[j] ?? 0) + dy * (lab[j + 1] ?? 0) + dz * (lab[j + 2] ?? 0) - low;
      const bin = Math.min(COLOUR_BINS - 1, Math.max(0, Math.floor(p * scale)));
      bins[i] = bin;
      values[i] = p - bin * width;
    }
    const count = new Float64Array(COLOUR_BINS);
    const offset = new Float64Array(COLOUR_BINS);
    for (let i = 0; i < n; i++) {
      const bin = bins[i] ?? 0;
      count[bin] = (count[bin] ?? 0) + 1;
      offset[bin] = (offset[bin] ?? 0) + (values[i] ?? 0);
    }
    counts.push(count);
    offsets.push(offset);
  }
  return { pixels: n, width: widths, counts, offsets };
}

/**
 * SW₁ of two binned projections: the mean over directions of W₁ = ∫ |F_A(x) − F_B(x)| dx, the
 * integral taken bin by bin as |∫_bin (F_A − F_B)|, where ∫_bin F = F(edge)·w + (count·w −
 * Σ offsets)/n is exact. So W₁ is exact unless the two CDFs cross inside one bin (error below
 * one bin width, under 0.1 ΔE).
 */
export function slicedWasserstein(a: ColourProjections, b: ColourProjections): number {
  let sum = 0;
  a.counts.forEach((countA, k) => {
    const countB = b.counts[k];
    const offsetA = a.offsets[k];
    const offsetB = b.offsets[k];
    if (!countB || !offsetA || !offsetB) return;
    const w = a.width[k] ?? 0;
    let fa = 0;
    let fb = 0;
    let w1 = 0;
    for (let bin = 0; bin < COLOUR_BINS; bin++) {
      const ca = countA[bin] ?? 0;
      const cb = countB[bin] ?? 0;
      const ia = fa * w + (ca * w - (offsetA[bin] ?? 0)) / a.pixels;
      const ib = fb * w + (cb * w - (offsetB[bin] ?? 0)) / b.pixels;
      w1 += Math.abs(ia - ib);
      fa += ca / a.pixels;
      fb += cb / b.pixels;
    }
    sum += w1;
  });
  return sum / a.counts.length;
}

/** The directions {@link colourDistance} uses for `options`. */
export function colourDirections(options: ColourDistanceOptions = {}): readonly Direction[] {
  return options.directions ?? sliceDirections(options.projections ?? 64, options.seed ?? 0);
}

/**
 * Sliced Wasserstein distance between the colour distributions (Rabin, Peyré, Delon & Bernot
 * 2011, "Wasserstein barycenter and its application to texture mixing"): SW₁ = (1/K) Σₖ
 * W₁(θₖ·A, θₖ·B) over K unit directions θₖ in CIE L*a*b* (so the unit is ΔE*76), where A, B are
 * all the pixels' colours and W₁ the 1-D earth mover's distance of the projected values
 * (computed on a 4096-bin grid, see {@link slicedWasserstein}). Positions are ignored; the sizes may differ.
 * Deterministic: K = `projections` (64) directions drawn with `seed` (0), or `directions`. Two
 * constant images c, d give (1/K) Σₖ |θₖ·(c − d)|.
 */
export function colourDistance(a: Image, b: Image, options: ColourDistanceOptions = {}): number {
  const directions = colourDirections(options);
  return slicedWasserstein(colourProjections(a, directions), colourProjections(b, directions));
}
