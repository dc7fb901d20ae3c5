import * as tf from '@tensorflow/tfjs';
import { InvalidImageError } from '../errors.js';

/** Pixels as every platform has them: `ImageData`, sharp's raw output, a decoded PNG. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `width·height·4` bytes, row-major RGBA. */
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** The largest side {@link stylize} accepts, as Figma's image limit. */
export const MAX_IMAGE_SIDE = 4096;

/** Throws {@link InvalidImageError}, naming `what`, unless `image` is a non-empty RGBA image. */
export function assertRgbaImage(image: RgbaImage, what = 'image'): void {
  const { width, height, data } = image ?? {};
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new InvalidImageError(`The ${what} is ${String(width)}×${String(height)} pixels; it must be at least 1×1.`);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new InvalidImageError(
      `The ${what} is ${width}×${height} pixels; the largest side may be ${MAX_IMAGE_SIDE}. Scale it down first.`,
    );
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    throw new InvalidImageError(
      `The ${what}'s pixels hold ${data?.length ?? 0} bytes; a ${width}×${height} RGBA image has ${width * height * 4}.`,
    );
  }
}

/** The size that fits `width × height` within `maxSide` on its longest side, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = maxSide / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** RGB of `image` as a `[1, H, W, 3]` tensor in [0, 1]; alpha is dropped (see `alphaChannel`). */
export function rgbTensor(image: RgbaImage): tf.Tensor4D {
  return tf.tidy(() => {
    const rgba = tf.tensor4d(Uint8Array.from(image.data), [1, image.height, image.width, 4], 'int32');
    return tf.div(tf.slice(rgba, [0, 0, 0, 0], [1, -1, -1, 3]), 255) as tf.Tensor4D;
  });
}

/** The alpha channel of `image`, or undefined when it is fully opaque. */
export function alphaChannel(image: RgbaImage): Uint8Array | undefined {
  const alpha = new Uint8Array(image.width * image.height);
  let opaque = true;
  for (let i = 0; i < alpha.length; i++) {
    const a = image.data[i * 4 + 3] ?? 255;
    alpha[i] = a;
    if (a !== 255) opaque = false;
  }
  return opaque ? undefined : alpha;
}

/** A `[1, H, W, 3]` tensor in [0, 1] (clipped) as an RGBA image, with `alpha` or opaque. */
export async function toRgbaImage(rgb: tf.Tensor4D, alpha?: Uint8Array): Promise<RgbaImage> {
  const [, height = 0, width = 0] = rgb.shape;
  const bytes = tf.tidy(() => tf.cast(tf.round(tf.mul(tf.clipByValue(rgb, 0, 1), 255)), 'int32'));
  const values = await bytes.data();
  bytes.dispose();
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = values[i * 3] ?? 0;
    data[i * 4 + 1] = values[i * 3 + 1] ?? 0;
    data[i * 4 + 2] = values[i * 3 + 2] ?? 0;
    data[i * 4 + 3] = alpha?.[i] ?? 255;
  }
  return { width, height, data };
}

/** Resizes alpha (nearest sample) from `from` to `to`, so a scaled result keeps its transparency. */
export function resizeAlpha(alpha: Uint8Array, from: { width: number; height: number }, to: { width: number; height: number }): Uint8Array {
  const out = new Uint8Array(to.width * to.height);
  for (let y = 0; y < to.height; y++) {
    const sy = Math.min(from.height - 1, Math.floor(((y + 0.5) * from.height) / to.height));
    for (let x = 0; x < to.width; x++) {
      const sx = Math.min(from.width - 1, Math.floor(((x + 0.5) * from.width) / to.width));
      out[y * to.width + x] = alpha[sy * from.width + sx] ?? 255;
    }
  }
  return out;
}
