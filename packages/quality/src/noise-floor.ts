import { colourDistance } from './colour-distance.js';
import { fitImage } from './fit-image.js';
import type { Image } from './image.js';
import { textureDistance } from './texture-distance.js';

/** Texture and colour distances of the painting to itself (see {@link noiseFloor}). */
export interface SelfDistance {
  readonly texture: number;
  readonly colour: number;
}

/** What the painting scores against itself: the best a result can hope for. */
export interface NoiseFloor {
  /** The style fitted to 0.75·size against the style fitted to size: a change of scale. */
  readonly scale: SelfDistance;
  /** The left half against the right half of the style fitted to size: another sample of the same hand. */
  readonly halves: SelfDistance;
}

function crop(image: Image, x0: number, width: number): Image {
  const data = new Uint8ClampedArray(width * image.height * 4);
  for (let y = 0; y < image.height; y++) {
    data.set(image.data.subarray(4 * (y * image.width + x0), 4 * (y * image.width + x0 + width)), 4 * y * width);
  }
  return { width, height: image.height, data };
}

/**
 * The noise floor of {@link critique}'s texture and colour for one painting at the working size
 * `size` (longest side): S = fit(style, size);
 * scale = (d_T, d_C)(fit(style, round(0.75·size)), S), the painting against itself at another
 * scale; halves = (d_T, d_C)(S[:, left half], S[:, right half]), two disjoint samples of the
 * same painting at the same scale. A result scoring below these is as close to the painting as
 * the painting is to itself; divide by d(content, style) to express them as the best gains,
 * 1 − floor / d(C, S). Calibration in the sense of Portilla & Simoncelli (2000), who compare
 * syntheses to other crops of the same texture.
 */
export function noiseFloor(style: Image, size: number): NoiseFloor {
  const full = fitImage(style, size);
  const smaller = fitImage(style, Math.round(0.75 * size));
  const half = Math.floor(full.width / 2);
  const left = crop(full, 0, half);
  const right = crop(full, full.width - half, half);
  return {
    scale: { texture: textureDistance(smaller, full), colour: colourDistance(smaller, full) },
    halves: { texture: textureDistance(left, right), colour: colourDistance(left, right) },
  };
}
