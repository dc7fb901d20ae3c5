import type { Image } from './image.js';

/**
 * Grey levels in [0, 1]: Y′ = (0.299 R′ + 0.587 G′ + 0.114 B′) / 255, the Rec. 601 luma of the
 * gamma-encoded values (ITU-R BT.601), one per pixel, row-major. Alpha is ignored.
 */
export function greyLevels(image: Image): Float64Array {
  const { width, height, data } = image;
  const grey = new Float64Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    const r = data[4 * i] ?? 0;
    const g = data[4 * i + 1] ?? 0;
    const b = data[4 * i + 2] ?? 0;
    grey[i] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  }
  return grey;
}
