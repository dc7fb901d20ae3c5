import { fileURLToPath } from 'node:url';
import type { Image } from '../image.js';
import { readImage } from '../read-image.js';
import { seededRandom } from '../seeded-random.js';

/** A `width × height` image from `pixel(x, y) → [r, g, b]` (opaque). */
export function makeImage(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Image {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...pixel(x, y).slice(0, 3), 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

/** Uniform random colours, repeatable from `seed`. */
export function randomImage(width: number, height: number, seed: number): Image {
  const next = seededRandom(seed);
  return makeImage(width, height, () => [next() * 256, next() * 256, next() * 256].map(Math.floor));
}

/** A PNG of packages/quality/test-images as RGBA. */
export function readTestImage(name: string): Promise<Image> {
  return readImage(fileURLToPath(new URL(`../../test-images/${name}`, import.meta.url)));
}
