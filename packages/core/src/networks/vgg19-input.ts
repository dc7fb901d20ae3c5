import type * as tf from '@tensorflow/tfjs';
import { InvalidModelError } from '../errors.js';
import { caffePreprocess, IMAGENET_RGB_MEAN_255, imagenetPreprocess, rgb255Preprocess } from './preprocess.js';

/**
 * The input a VGG-19's weights were trained on, which differs by where they come from:
 * torchvision's are `(rgb − mean) / std` on [0, 1]; Caffe's (and Keras's, converted from Caffe) BGR
 * on 0…255 minus the mean pixel; MatConvNet's RGB on 0…255 minus its file's `averageImage`.
 * Stored as `userDefinedMetadata.nstInput` in a model.json made by `nst convert-vgg19`.
 */
export type Vgg19Input =
  { readonly kind: 'imagenet' } | { readonly kind: 'caffe' } | { readonly kind: 'rgb255'; readonly mean: readonly number[] };

/** The preprocessing of RGB in [0, 1] for weights trained on `input`. */
export function vgg19Preprocess(input: Vgg19Input): (rgb: tf.Tensor4D) => tf.Tensor4D {
  if (input.kind === 'imagenet') return imagenetPreprocess;
  if (input.kind === 'caffe') return caffePreprocess;
  return rgb255Preprocess(input.mean);
}

/** A stored {@link Vgg19Input}; none (a model.json of an earlier `nst convert-vgg19`) is Caffe's, as Keras's weights are. */
export function parseVgg19Input(value: unknown): Vgg19Input {
  if (value === undefined || value === null) return { kind: 'caffe' };
  const input = value as { kind?: unknown; mean?: unknown };
  if (input.kind === 'imagenet' || input.kind === 'caffe') return { kind: input.kind };
  if (
    input.kind === 'rgb255' &&
    Array.isArray(input.mean) &&
    input.mean.length === 3 &&
    input.mean.every((m) => typeof m === 'number' && Number.isFinite(m))
  ) {
    return { kind: 'rgb255', mean: input.mean as number[] };
  }
  throw new InvalidModelError(
    `The model's nstInput ${JSON.stringify(value)} is not one of imagenet, caffe or rgb255 with a mean of 3 numbers.`,
  );
}

/** MatConvNet's VGG input when its file names no mean pixel. */
export const MATCONVNET_DEFAULT_INPUT: Vgg19Input = { kind: 'rgb255', mean: IMAGENET_RGB_MEAN_255 };
