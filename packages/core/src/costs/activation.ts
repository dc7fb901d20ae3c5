import type * as tf from '@tensorflow/tfjs';
import { ActivationShapeError, ShapeMismatchError } from '../errors.js';

/** The dimensions `nH, nW, nC` of an activation of shape `[1, nH, nW, nC]`. */
export interface ActivationDims {
  readonly nH: number;
  readonly nW: number;
  readonly nC: number;
}

/** A shape as people write it: `[1, 4, 4, 3]`. */
export const describeShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/**
 * Checks that `a` is one image's activation, `[1, nH, nW, nC]` in tfjs's NHWC layout, and returns
 * its dimensions. Throws {@link ActivationShapeError} naming the caller and the shape it got.
 */
export function activationDims(a: tf.Tensor, caller: string, name = 'activation'): ActivationDims {
  const shape = a.shape;
  if (shape.length !== 4) {
    throw new ActivationShapeError(
      `${caller}: ${name} must have rank 4, [1, nH, nW, nC]; got rank ${shape.length}, ${describeShape(shape)}.`,
    );
  }
  const [batch, nH, nW, nC] = shape as [number, number, number, number];
  if (batch !== 1) {
    throw new ActivationShapeError(
      `${caller}: ${name} must hold one image (batch 1); got batch ${batch}, ${describeShape(shape)}. ` +
        'Slice one image out first, e.g. tf.slice(a, [i, 0, 0, 0], [1, -1, -1, -1]).',
    );
  }
  if (nH === 0 || nW === 0 || nC === 0) {
    throw new ActivationShapeError(`${caller}: ${name} is empty, ${describeShape(shape)}.`);
  }
  return { nH, nW, nC };
}

/** Throws {@link ShapeMismatchError}, naming both shapes, unless `a` and `b` have the same shape. */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, caller: string, names: readonly [string, string]): void {
  const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (!same) {
    throw new ShapeMismatchError(
      `${caller}: ${names[0]} has shape ${describeShape(a.shape)} but ${names[1]} has shape ` +
        `${describeShape(b.shape)}; they must come from the same layer for images of the same size.`,
    );
  }
}
