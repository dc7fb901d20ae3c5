import { InvalidImageError, MAX_IMAGE_SIDE, fitWithin, type RgbaImage } from '@nst/core';

const canvas2d = (width: number, height: number): OffscreenCanvasRenderingContext2D => {
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (context === null) throw new Error('This browser gives no 2D canvas to decode images with.');
  return context;
};

/** How {@link decodeImage} treats large images. */
export interface DecodeOptions {
  /**
   * Scale an image whose longest side is over this many px down to it (keeping its aspect)
   * instead of refusing it: for previews of camera photos. At most {@link MAX_IMAGE_SIDE}.
   */
  readonly fitWithin?: number;
}

/**
 * Decodes PNG, JPEG, GIF (its first frame), WebP or BMP bytes to straight (not premultiplied)
 * RGBA, with the browser's own decoder, upright (EXIF orientation applied). Throws {@link InvalidImageError} for bytes that are no
 * image, and for images over {@link MAX_IMAGE_SIDE} px unless `options.fitWithin` scales them down.
 */
export async function decodeImage(bytes: Uint8Array, what = 'image', options: DecodeOptions = {}): Promise<RgbaImage> {
  if (bytes.length === 0) throw new InvalidImageError(`The ${what} is empty (0 bytes).`);
  let bitmap: ImageBitmap;
  try {
    // imageOrientation 'from-image' (the spec's default since 2023, said here for older browsers): a phone's EXIF-rotated JPEG comes upright.
    bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]), {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
      imageOrientation: 'from-image',
    });
  } catch {
    throw new InvalidImageError(`The ${what} could not be decoded: it is not a PNG, JPEG, GIF, WebP or BMP, or it is damaged.`);
  }
  const limit = Math.min(options.fitWithin ?? MAX_IMAGE_SIDE, MAX_IMAGE_SIDE);
  if (options.fitWithin === undefined && (bitmap.width > limit || bitmap.height > limit)) {
    bitmap.close();
    throw new InvalidImageError(
      `The ${what} is ${bitmap.width}×${bitmap.height} px; the largest side may be ${MAX_IMAGE_SIDE}. Scale it down first.`,
    );
  }
  const { width, height } = Math.max(bitmap.width, bitmap.height) > limit ? fitWithin(bitmap.width, bitmap.height, limit) : bitmap;
  const context = canvas2d(width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { width, height, data: context.getImageData(0, 0, width, height).data };
}

/** Encodes RGBA pixels as PNG bytes. */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const context = canvas2d(image.width, image.height);
  context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  const blob = await context.canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

/** Draws RGBA pixels on a canvas, sizing it to them. */
export function drawPixels(canvas: HTMLCanvasElement, image: RgbaImage): void {
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
}
