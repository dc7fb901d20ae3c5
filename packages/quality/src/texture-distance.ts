import type { Image } from './image.js';
import { textureStatistics } from './texture-statistics.js';

/** ‖s − t‖₂, the Euclidean distance between two statistic vectors of equal length. */
export function statisticsDistance(s: Float64Array, t: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += ((s[i] ?? 0) - (t[i] ?? 0)) ** 2;
  return Math.sqrt(sum);
}

/**
 * d(a, b) = ‖T(a) − T(b)‖₂ with T = {@link textureStatistics}, components unweighted: the 16 log
 * energy shares (a factor e between shares counts 1), 16 coefficients of variation and 28
 * energy correlations (plain numbers in [−1, 1]). ≥ 0, 0 for equal images; the images may differ
 * in size. Portilla & Simoncelli (2000) style statistics, compared as in texture-synthesis
 * evaluations with a plain norm rather than their projection-based synthesis.
 */
export function textureDistance(a: Image, b: Image): number {
  return statisticsDistance(textureStatistics(a), textureStatistics(b));
}
