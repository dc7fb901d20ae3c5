import * as tf from '@tensorflow/tfjs';
import { mapColours, type Pixels } from './pixels.js';

type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** Eigen-decomposition of a symmetric 3×3 matrix by Jacobi rotations: `A = V·diag(d)·Vᵀ`. */
function symmetricEigen(a: Matrix3): { values: number[]; vectors: Matrix3 } {
  const m = [...a];
  const v: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 32; sweep++) {
    const off = m[1]! ** 2 + m[2]! ** 2 + m[5]! ** 2;
    if (off < 1e-30) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = m[p * 3 + q]!;
      if (Math.abs(apq) < 1e-30) continue;
      const theta = (m[q * 3 + q]! - m[p * 3 + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const mkp = m[k * 3 + p]!;
        const mkq = m[k * 3 + q]!;
        m[k * 3 + p] = c * mkp - s * mkq;
        m[k * 3 + q] = s * mkp + c * mkq;
      }
      for (let k = 0; k < 3; k++) {
        const mpk = m[p * 3 + k]!;
        const mqk = m[q * 3 + k]!;
        m[p * 3 + k] = c * mpk - s * mqk;
        m[q * 3 + k] = s * mpk + c * mqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k * 3 + p]!;
        const vkq = v[k * 3 + q]!;
        v[k * 3 + p] = c * vkp - s * vkq;
        v[k * 3 + q] = s * vkp + c * vkq;
      }
    }
  }
  return { values: [m[0]!, m[4]!, m[8]!], vectors: v };
}

/** `V·diag(f(d))·Vᵀ` for the symmetric matrix `A = V·diag(d)·Vᵀ`. */
function matrixFunction(a: Matrix3, f: (eigenvalue: number) => number): Matrix3 {
  const { values, vectors: v } = symmetricEigen(a);
  const out = new Array<number>(9).fill(0) as Matrix3;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += v[i * 3 + k]! * f(values[k]!) * v[j * 3 + k]!;
      out[i * 3 + j] = sum;
    }
  }
  return out;
}

interface ColourMoments {
  readonly mean: number[];
  readonly covariance: Matrix3;
}

function pixelMoments({ data }: Pixels): ColourMoments {
  const n = data.length / 3;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
  const mean = sum.map((v) => v / n);
  const covariance = new Array<number>(9).fill(0) as Matrix3;
  for (let i = 0; i < data.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      const da = data[i + a]! - mean[a]!;
      for (let b = a; b < 3; b++) covariance[a * 3 + b]! += da * (data[i + b]! - mean[b]!);
    }
  }
  for (let a = 0; a < 3; a++) for (let b = a; b < 3; b++) covariance[b * 3 + a] = covariance[a * 3 + b] = covariance[a * 3 + b]! / n;
  return { mean, covariance };
}

async function colourMoments(rgb: tf.Tensor4D): Promise<ColourMoments> {
  const stats = tf.tidy(() => {
    const pixels = tf.reshape(rgb, [-1, 3]);
    const mean = tf.mean(pixels, 0);
    const centred = tf.sub(pixels, mean);
    const covariance = tf.div(tf.matMul(centred, centred, true, false), pixels.shape[0]!);
    return tf.concat([mean, tf.reshape(covariance, [9])]);
  });
  const values = Array.from(await stats.data());
  stats.dispose();
  return { mean: values.slice(0, 3), covariance: values.slice(3) as Matrix3 };
}

/** Mean and covariance of a blend of images: a mixture, each image's pixels weighted by its share. */
async function blendMoments(targets: readonly { readonly image: tf.Tensor4D; readonly weight: number }[]) {
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  const mean = [0, 0, 0];
  const second = new Array<number>(9).fill(0);
  for (const { image, weight } of targets) {
    const m = await colourMoments(image);
    const w = weight / total;
    for (let i = 0; i < 3; i++) {
      mean[i]! += w * m.mean[i]!;
      for (let j = 0; j < 3; j++) second[i * 3 + j]! += w * (m.covariance[i * 3 + j]! + m.mean[i]! * m.mean[j]!);
    }
  }
  const covariance = second.map((v, k) => v - mean[Math.floor(k / 3)]! * mean[k % 3]!) as Matrix3;
  return { mean, covariance };
}

/** The affine map `x' = M·x + t` (M row-major 3×3) that takes moments `s` to `t`: `M = Σ_t^½ · Σ_s^−½`, `t = μ_t − M·μ_s`. */
function colourMap(s: ColourMoments, t: ColourMoments): { matrix: number[]; offset: number[] } {
  const floor = 1e-5;
  const inverseRoot = matrixFunction(s.covariance, (d) => 1 / Math.sqrt(Math.max(d, floor)));
  const root = matrixFunction(t.covariance, (d) => Math.sqrt(Math.max(d, 0)));
  const matrix = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) matrix[i * 3 + j]! += root[i * 3 + k]! * inverseRoot[k * 3 + j]!;
    }
  }
  const offset = t.mean.map(
    (m, i) => m - (matrix[i * 3]! * s.mean[0]! + matrix[i * 3 + 1]! * s.mean[1]! + matrix[i * 3 + 2]! * s.mean[2]!),
  );
  return { matrix, offset };
}

/**
 * `source` recoloured to the colour mean μ and covariance Σ of `targets` (several images are
 * blended by weight), by the symmetric linear map `x' = Σ_t^½ · Σ_s^−½ · (x − μ_s) + μ_t`, clipped
 * to [0, 1]. Images are `[1, H, W, 3]` RGB in [0, 1]. Returns a new tensor.
 * Ref: Gatys et al., "Controlling Perceptual Factors in Neural Style Transfer", CVPR 2017, §5.1.
 */
export async function transferColour(
  source: tf.Tensor4D,
  targets: readonly { readonly image: tf.Tensor4D; readonly weight: number }[],
): Promise<tf.Tensor4D> {
  const { matrix, offset } = colourMap(await colourMoments(source), await blendMoments(targets));
  return tf.tidy(() => {
    const [, h = 0, w = 0] = source.shape;
    // Row vectors: x'ᵀ = xᵀ · Mᵀ + t.
    const mapped = tf.add(tf.matMul(tf.reshape(source, [-1, 3]), tf.tensor2d(matrix, [3, 3]), false, true), offset);
    return tf.clipByValue(tf.reshape(mapped, [1, h, w, 3]), 0, 1) as tf.Tensor4D;
  });
}

/** {@link transferColour} of an image held as {@link Pixels}, in place (moments summed in float64). */
export async function transferColourPixels(
  source: Pixels,
  targets: readonly { readonly image: tf.Tensor4D; readonly weight: number }[],
): Promise<Pixels> {
  const { matrix, offset } = colourMap(pixelMoments(source), await blendMoments(targets));
  return mapColours(source, matrix, offset, true);
}
