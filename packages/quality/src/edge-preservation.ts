import { greyLevels } from './grey-levels.js';
import type { Image } from './image.js';
import { assertSameSize } from './image-size-mismatch-error.js';
import { pearsonCorrelation } from './pearson-correlation.js';
import { reflectIndex } from './reflect-index.js';

/** |∇I| by the Sobel operator (Sobel & Feldman 1968), borders by reflection. */
export function gradientMagnitude(grey: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const at = (x: number, y: number): number => grey[reflectIndex(y, height) * width + reflectIndex(x, width)] ?? 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      out[y * width + x] = Math.hypot(gx, gy);
    }
  }
  return out;
}

/**
 * Edge preservation: Pearson's correlation r(|∇R|, |∇C|) of the Sobel gradient magnitudes of the
 * grey levels of the result R and the content C, pixel by pixel (in the spirit of the
 * gradient-correlation measures of Xydeas & Petrović 2000). In [−1, 1]: 1 when the result's edges
 * are the content's up to a gain, about 0 when unrelated; 0 when either image is flat. Throws
 * {@link ImageSizeMismatchError} when the sizes differ.
 */
export function edgePreservation(result: Image, content: Image): number {
  assertSameSize(result, content);
  const { width, height } = result;
  return pearsonCorrelation(gradientMagnitude(greyLevels(result), width, height), gradientMagnitude(greyLevels(content), width, height));
}
