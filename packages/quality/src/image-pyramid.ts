import type { Image } from './image.js';
import { resizeImage } from './resize-image.js';

/** The smallest shorter side {@link imagePyramid} goes down to: 4 Gabor scales still fit. */
export const PYRAMID_MIN_SIDE = 48;

/**
 * [image, image/2, image/4, …]: each level half the one before (area averaging, sides rounded
 * down), at most `levels` of them, and none whose shorter side would fall below
 * {@link PYRAMID_MIN_SIDE} (the first level is always kept). A Gaussian-like pyramid in the sense
 * of Burt & Adelson (1983), used to compare texture at several scales.
 */
export function imagePyramid(image: Image, levels: number): Image[] {
  const pyramid = [image];
  for (let last = image; pyramid.length < levels;) {
    const width = Math.floor(last.width / 2);
    const height = Math.floor(last.height / 2);
    if (Math.min(width, height) < PYRAMID_MIN_SIDE) break;
    last = resizeImage(last, width, height);
    pyramid.push(last);
  }
  return pyramid;
}
