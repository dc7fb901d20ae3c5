import type { Image } from './image.js';

/**
 * The `width × height` region of `image` whose top-left pixel is (x0, y0), copied (a 1:1 crop):
 * out(x, y) = in(x0 + x, y0 + y). The region must lie inside the image.
 */
export function cropImage(image: Image, x0: number, y0: number, width: number, height: number): Image {
  const inside = [x0, y0, width, height].every(Number.isInteger) && x0 >= 0 && y0 >= 0 && width >= 1 && height >= 1;
  if (!inside || x0 + width > image.width || y0 + height > image.height) {
    throw new RangeError(`cropImage: ${width}×${height} at (${x0}, ${y0}) is not inside the ${image.width}×${image.height} image.`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const start = 4 * ((y0 + y) * image.width + x0);
    data.set(image.data.subarray(start, start + 4 * width), 4 * y * width);
  }
  return { width, height, data };
}
