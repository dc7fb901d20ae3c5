import * as tf from '@tensorflow/tfjs';
import { mapColours, type Pixels } from './pixels.js';

// RGB ↔ YIQ (NTSC 1953). Y is luminance; I and Q carry the colour.
const RGB_TO_YIQ = [
  [0.299, 0.596, 0.211],
  [0.587, -0.274, -0.523],
  [0.114, -0.322, 0.312],
];
const YIQ_TO_RGB = [
  [1, 1, 1],
  [0.956, -0.272, -1.106],
  [0.621, -0.647, 1.703],
];

const mix = (image: tf.Tensor4D, matrix: number[][]): tf.Tensor4D =>
  tf.tidy(() => {
    const [, h = 0, w = 0] = image.shape;
    return tf.reshape(tf.matMul(tf.reshape(image, [-1, 3]), tf.tensor2d(matrix)), [1, h, w, 3]);
  });

/** `[1, H, W, 3]` RGB → YIQ, channels (Y, I, Q). */
export const rgbToYiq = (rgb: tf.Tensor4D): tf.Tensor4D => mix(rgb, RGB_TO_YIQ);

/** `[1, H, W, 3]` YIQ → RGB. */
export const yiqToRgb = (yiq: tf.Tensor4D): tf.Tensor4D => mix(yiq, YIQ_TO_RGB);

/** The luminance Y of `rgb` as a grey RGB image (Y, Y, Y). */
export function luminanceImage(rgb: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.tile(tf.slice(rgbToYiq(rgb), [0, 0, 0, 0], [-1, -1, -1, 1]), [1, 1, 1, 3]) as tf.Tensor4D);
}

/**
 * Matches the mean and standard deviation of `source`'s luminance to `target`'s, as luminance-only
 * transfer does to the style image. Both are grey (Y, Y, Y) images.
 */
export function matchLuminance(source: tf.Tensor4D, target: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const s = tf.moments(source);
    const t = tf.moments(target);
    const scale = tf.div(tf.sqrt(tf.add(t.variance, 1e-8)), tf.sqrt(tf.add(s.variance, 1e-8)));
    return tf.add(tf.mul(tf.sub(source, s.mean), scale), t.mean) as tf.Tensor4D;
  });
}

/**
 * Luminance-only transfer: Y from the stylised `luminance` image, I and Q from `colour`.
 * Ref: Gatys, Bethge, Hertzmann & Shechtman, "Preserving Color in Neural Artistic Style
 * Transfer", arXiv:1606.05897, 2016, §2.2.
 */
export function combineLuminance(luminance: tf.Tensor4D, colour: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.slice(rgbToYiq(luminance), [0, 0, 0, 0], [-1, -1, -1, 1]);
    const iq = tf.slice(rgbToYiq(colour), [0, 0, 0, 1], [-1, -1, -1, 2]);
    return yiqToRgb(tf.concat([y, iq], 3) as tf.Tensor4D);
  });
}

const Y = RGB_TO_YIQ.map((row) => row[0]!);

/** {@link luminanceImage} of an image held as {@link Pixels}, in place. */
export const luminancePixels = (p: Pixels): Pixels => mapColours(p, [...Y, ...Y, ...Y], [0, 0, 0], false);

/** Mean and variance of a grey (Y, Y, Y) image's values, as `tf.moments` gives them. */
function pixelLuminanceMoments({ data }: Pixels): { mean: number; variance: number } {
  let [sum, squares] = [0, 0];
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  const mean = sum / data.length;
  for (let i = 0; i < data.length; i++) squares += (data[i]! - mean) ** 2;
  return { mean, variance: squares / data.length };
}

/** {@link combineLuminance} of images held as {@link Pixels}: Y of `luminance`, I and Q of `colour`, into `luminance`. */
export function combineLuminancePixels(luminance: Pixels, colour: Pixels): Pixels {
  const [l, c] = [luminance.data, colour.data];
  const column = (j: number) => RGB_TO_YIQ.map((row) => row[j]!);
  const [toI, toQ] = [column(1), column(2)];
  for (let i = 0; i < l.length; i += 3) {
    const y = Y[0]! * l[i]! + Y[1]! * l[i + 1]! + Y[2]! * l[i + 2]!;
    const iq = [toI, toQ].map((m) => m[0]! * c[i]! + m[1]! * c[i + 1]! + m[2]! * c[i + 2]!);
    for (let k = 0; k < 3; k++) l[i + k] = y * YIQ_TO_RGB[0]![k]! + iq[0]! * YIQ_TO_RGB[1]![k]! + iq[1]! * YIQ_TO_RGB[2]![k]!;
  }
  return luminance;
}

/** {@link matchLuminance} of grey images held as {@link Pixels}: `source`'s values moved to `target`'s mean and deviation, in place. */
export function matchLuminancePixels(source: Pixels, target: Pixels): Pixels {
  const [s, t] = [pixelLuminanceMoments(source), pixelLuminanceMoments(target)];
  const scale = Math.sqrt(t.variance + 1e-8) / Math.sqrt(s.variance + 1e-8);
  const d = source.data;
  for (let i = 0; i < d.length; i++) d[i] = (d[i]! - s.mean) * scale + t.mean;
  return source;
}
