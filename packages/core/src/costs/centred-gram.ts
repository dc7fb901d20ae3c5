import * as tf from '@tensorflow/tfjs';
import { gramMatrix } from './gram-matrix.js';

/**
 * Gram matrix of an activation `[1, nH, nW, nC]` centred on a mean activation μ (`nC` values):
 *
 * `G = (F − μ)ᵀ·(F − μ)`, F the activation flattened to `[nH·nW, nC]`;
 *
 * nH·nW times the features' covariance when μ is their mean, {@link gramMatrix} when μ = 0.
 * Ref: Gatys et al., CVPR 2016, eq. 3, centred (why: apps/cli/docs/quality-study.md).
 */
export function centredGram(a: tf.Tensor4D, mean: tf.Tensor1D | Float32Array): tf.Tensor2D {
  return tf.tidy(() => gramMatrix(tf.sub<tf.Tensor4D>(a, mean)));
}
