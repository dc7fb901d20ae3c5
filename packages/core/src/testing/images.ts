import type { RgbaImage } from '../image/rgba-image.js';
import { seededRandom } from '../networks/seeded-random.js';

/** A `width × height` image from `pixel(x, y) → [r, g, b, a]`. */
export function makeImage(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}

/** A smooth colour gradient with a disc: a stand-in photo. */
export const photo = (width: number, height: number): RgbaImage =>
  makeImage(width, height, (x, y) => {
    const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 3) ** 2;
    return inDisc ? [230, 200, 60, 255] : [(255 * x) / width, 90, (255 * y) / height, 255];
  });

/** Diagonal stripes of two saturated colours with seeded speckle: a stand-in painting. */
export const painting = (width: number, height: number, seed = 1): RgbaImage => {
  const next = seededRandom(seed);
  return makeImage(width, height, (x, y) => {
    const speckle = next() * 40;
    return (x + y) % 6 < 3 ? [20 + speckle, 40, 200, 255] : [240, 120 + speckle, 20, 255];
  });
};
