import type { Image } from './image.js';
import { imagePyramid } from './image-pyramid.js';
import { statisticsDistance } from './texture-distance.js';
import { textureStatistics } from './texture-statistics.js';

/** Pyramid levels texture is compared at: the image's own scale, ½ and ¼ of it. */
export const TEXTURE_LEVELS = 3;

/** {@link textureStatistics} of each level of the image's {@link imagePyramid} ({@link TEXTURE_LEVELS} at most). */
export function textureLevels(image: Image): Float64Array[] {
  return imagePyramid(image, TEXTURE_LEVELS).map(textureStatistics);
}

/**
 * d_ℓ = ‖T_ℓ(a) − T_ℓ(b)‖₂ for the levels both have, T_ℓ from {@link textureLevels}: texture
 * compared at the images' scale and at ½ and ¼ of it, where marks a few times larger than the
 * finest Gabor band live (Portilla & Simoncelli 2000 statistics over a Burt & Adelson 1983 pyramid).
 */
export function levelDistances(a: readonly Float64Array[], b: readonly Float64Array[]): number[] {
  return a.slice(0, Math.min(a.length, b.length)).map((stats, i) => statisticsDistance(stats, b[i]!));
}
