import type { Image } from './image.js';

/** Thrown by a metric that compares two images pixel by pixel when their sizes differ. */
export class ImageSizeMismatchError extends Error {
  override readonly name = 'ImageSizeMismatchError';

  constructor(a: Image, b: Image) {
    super(`images differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  }
}

/** Throws {@link ImageSizeMismatchError} unless `a` and `b` have the same width and height. */
export function assertSameSize(a: Image, b: Image): void {
  if (a.width !== b.width || a.height !== b.height) throw new ImageSizeMismatchError(a, b);
}
