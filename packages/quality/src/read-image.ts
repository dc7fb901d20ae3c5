import sharp from 'sharp';
import type { Image } from './image.js';

/**
 * Decodes an image file (PNG, JPEG, WebP, … through sharp/libvips) to 8-bit sRGB RGBA, grey
 * images expanded to three channels, opaque when the file has no alpha. Node only.
 */
export async function readImage(path: string): Promise<Image> {
  const { data, info } = await sharp(path).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`${path}: expected 4 channels after decoding, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
