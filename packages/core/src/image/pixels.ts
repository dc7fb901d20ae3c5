/**
 * Images as plain `height × width × 3` float arrays, off the tfjs heap. The stages of
 * {@link stylize} that are evaluated in tiles hold their image, its optimiser state and their
 * photo here: on wasm every tensor lives in one heap that grows to its high-water mark and never
 * shrinks, so a few full-size tensors at 4096 px would keep gigabytes. These functions do in
 * place, or in one pass, what the tensor stages do with tfjs ops, and are tested against them.
 */
import * as tf from '@tensorflow/tfjs';
import type { RgbaImage } from './rgba-image.js';

/** RGB in [0, 1] (or beyond, while optimising), row-major `height × width × 3`. */
export interface Pixels {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** The values of a `[1, H, W, 3]` tensor. */
export async function pixelsOf(image: tf.Tensor4D): Promise<Pixels> {
  const [, height = 0, width = 0] = image.shape;
  return { data: (await image.data()) as Float32Array, height, width };
}

/** `pixels` as a `[1, H, W, 3]` tensor. The cpu backend keeps `data` itself: do not write to it afterwards. */
export const pixelsTensor = ({ data, width, height }: Pixels): tf.Tensor4D => tf.tensor4d(data, [1, height, width, 3]);

/** `pixels` clipped to [0, 1] and rounded to bytes, with `alpha` or opaque (as `toRgbaImage`). */
export function rgbaOfPixels({ data: values, width, height }: Pixels, alpha?: Uint8Array): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(Math.min(1, Math.max(0, values[i * 3 + c]!)) * 255);
    data[i * 4 + 3] = alpha?.[i] ?? 255;
  }
  return { width, height, data };
}

/** Source coordinate and weights of each output index, aligning corners: `x_in = x_out · (n_in − 1)/(n_out − 1)`. */
function axis(inSize: number, outSize: number): { low: Int32Array; high: Int32Array; frac: Float32Array } {
  const scale = outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const at = i * scale;
    low[i] = Math.floor(at);
    high[i] = Math.min(low[i]! + 1, inSize - 1);
    frac[i] = at - low[i]!;
  }
  return { low, high, frac };
}

/**
 * Bilinear resize with aligned corners, as `tf.image.resizeBilinear(image, size, true)`; from an
 * {@link RgbaImage} it reads the bytes as RGB in [0, 1] (as `rgbTensor`) without a float copy.
 */
export function resizePixels(src: Pixels | RgbaImage, { width, height }: { width: number; height: number }): Pixels {
  const ys = axis(src.height, height);
  const xs = axis(src.width, width);
  const data = new Float32Array(width * height * 3);
  const bytes = src.data instanceof Float32Array ? undefined : src.data;
  const s = bytes === undefined ? src.data : new Float32Array(256).map((_, v) => v / 255);
  const [stride, read] = bytes === undefined ? [3, (i: number) => s[i]!] : [4, (i: number) => s[bytes[i]!]!];
  for (let y = 0; y < height; y++) {
    const [top, bottom, fy] = [ys.low[y]! * src.width, ys.high[y]! * src.width, ys.frac[y]!];
    for (let x = 0; x < width; x++) {
      const [left, right, fx] = [xs.low[x]!, xs.high[x]!, xs.frac[x]!];
      for (let c = 0; c < 3; c++) {
        const tl = read((top + left) * stride + c);
        const tr = read((top + right) * stride + c);
        const bl = read((bottom + left) * stride + c);
        const br = read((bottom + right) * stride + c);
        const t = tl + (tr - tl) * fx;
        const b = bl + (br - bl) * fx;
        data[(y * width + x) * 3 + c] = t + (b - t) * fy;
      }
    }
  }
  return { data, width, height };
}

/** `out[i] = a[i] + (b[i] − c[i])` in place of `a`: a stage's start, the last result plus the photo's finer detail. */
export function addDifference(a: Pixels, b: Pixels, c: Pixels): Pixels {
  for (let i = 0; i < a.data.length; i++) a.data[i]! += b.data[i]! - c.data[i]!;
  return a;
}

/** Each pixel through the affine colour map `x' = M·x + t` (M row-major 3×3), clipped to [0, 1] when `clip`, in place. */
export function mapColours(p: Pixels, m: readonly number[], t: readonly number[], clip: boolean): Pixels {
  const d = p.data;
  for (let i = 0; i < d.length; i += 3) {
    const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
    for (let c = 0; c < 3; c++) {
      const v = m[c * 3]! * r + m[c * 3 + 1]! * g + m[c * 3 + 2]! * b + t[c]!;
      d[i + c] = clip ? Math.min(1, Math.max(0, v)) : v;
    }
  }
  return p;
}
