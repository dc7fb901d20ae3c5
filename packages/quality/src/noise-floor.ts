import { colourDistance } from './colour-distance.js';
import { cropImage } from './crop-image.js';
import { fitImage } from './fit-image.js';
import type { Image } from './image.js';
import { levelDistances, textureLevels } from './texture-levels.js';

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

/** Σ_ℓ d_ℓ(a, b), the texture distance {@link critique} sums. */
const texture = (a: Image, b: Image) => levelDistances(textureLevels(a), textureLevels(b)).reduce((x, y) => x + y, 0);

/**
 * The noise floor of {@link critique}'s texture and colour for one painting at the working size
 * `size` (longest side; pass the painting's side at {@link paintingScale}, so it is not
 * enlarged): S = fit(style, size), d_T the sum of {@link levelDistances} as in {@link critique};
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
  const left = cropImage(full, 0, 0, half, full.height);
  const right = cropImage(full, full.width - half, 0, half, full.height);
  return {
    scale: { texture: texture(smaller, full), colour: colourDistance(smaller, full) },
    halves: { texture: texture(left, right), colour: colourDistance(left, right) },
  };
}
