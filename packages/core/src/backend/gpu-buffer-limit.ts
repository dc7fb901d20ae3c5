/**
 * WebGPU binds each tensor as one storage buffer, and devices cap a binding's size (often 128 MB
 * to 2 GB); over the cap tfjs gets an invalid buffer and silent garbage, not an error. So the sizes
 * are checked before a stage starts: tiles are made small enough for their largest activation to
 * fit, and an image whose own pixels do not fit is refused with an {@link OutOfMemoryError}.
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { OutOfMemoryError } from '../errors.js';
import type { NetworkGeometry } from '../tiling/tile-plan.js';

/** The active WebGPU device's `maxStorageBufferBindingSize`, or undefined on other backends. */
export function gpuBindingLimit(): number | undefined {
  const backend = tf.getBackend() === 'webgpu' ? tf.backend() : undefined;
  return backend instanceof WebGPUBackend ? backend.device.limits.maxStorageBufferBindingSize : undefined;
}

/** Bytes per image pixel of the largest activation (float32): max over layers of channels / factor². */
export const bytesPerPixel = (geometry: NetworkGeometry): number =>
  4 * Math.max(3, ...Object.values(geometry.layers).map(({ factor, channels }) => channels / factor ** 2));

/**
 * The largest tile size, at most `tileSize` and a multiple of the stride, whose crop (the tile and
 * its halo on both sides) has every activation within `limit` bytes; throws {@link OutOfMemoryError}
 * when not even one stride fits.
 */
export function tileSizeWithin(limit: number, geometry: NetworkGeometry, tileSize: number): number {
  const side = Math.floor(Math.sqrt(limit / bytesPerPixel(geometry))) - 2 * geometry.halo;
  const fits = Math.min(tileSize, side - (side % geometry.stride));
  if (fits < geometry.stride) {
    throw new OutOfMemoryError(
      `This GPU binds at most ${Math.round(limit / 2 ** 20)} MB a buffer, too little for even the smallest tile of this network; use another backend (wasm).`,
    );
  }
  return fits;
}

/** Throws {@link OutOfMemoryError} when an image of `width × height` RGB pixels does not fit in one buffer of `limit` bytes. */
export function assertImageFits(limit: number, width: number, height: number): void {
  const bytes = width * height * 3 * 4;
  if (bytes <= limit) return;
  const side = Math.floor(Math.sqrt(limit / 12) * (Math.max(width, height) / Math.sqrt(width * height)));
  throw new OutOfMemoryError(
    `At ${width}×${height} px the image alone needs a ${Math.round(bytes / 2 ** 20)} MB buffer; this GPU binds at most ` +
      `${Math.round(limit / 2 ** 20)} MB. Use a size of at most about ${side} px, or another backend (wasm).`,
  );
}
