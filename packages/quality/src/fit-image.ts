import type { Image } from './image.js';
import { resizeImage } from './resize-image.js';

/**
 * Resizes so that the longest side is `longestSide`, keeping the aspect ratio: scale
 * s = longestSide / max(w, h), size (max(1, round(s·w)), max(1, round(s·h))), by
 * {@link resizeImage}.
 */
export function fitImage(image: Image, longestSide: number): Image {
  const scale = longestSide / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  return resizeImage(image, width, height);
}
