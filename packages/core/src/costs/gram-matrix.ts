import * as tf from '@tensorflow/tfjs';
import { activationDims } from './activation.js';

/**
 * `∂L/∂a` of a Gram `G = Fᵀ·F` (F = `a` flattened to `[nH·nW, nC]`) given `dG = ∂L/∂G`:
 * `F·(dG + dGᵀ)`, reshaped as `a`. One matmul, where autodiff of `matMul(transpose(F), F)` spends
 * two matmuls and two transposes.
 */
export function gramBackward(a: tf.Tensor4D, dG: tf.Tensor2D): tf.Tensor4D {
  const [, nH = 0, nW = 0, nC = 0] = a.shape;
  return tf.tidy(() => tf.reshape(tf.matMul(tf.reshape(a, [nH * nW, nC]), tf.add(dG, tf.transpose(dG))), a.shape));
}

/** The Gram matrix `G = Fᵀ·F` with its hand-written gradient, {@link gramBackward}. */
const gram = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, save] = args as [tf.Tensor, tf.GradSaveFunc]; // tfjs types inputs and `save` as one union
  const [, nH = 0, nW = 0, nC = 0] = a.shape;
  const f = tf.reshape(a, [nH * nW, nC]);
  save([a]);
  return {
    // transpose-then-matMul: 2× faster than matMul(f, f, true) on wasm, level on cpu and webgpu.
    value: tf.matMul(tf.transpose(f), f),
    gradFunc: (dG: tf.Tensor, [aSaved]: tf.Tensor[]) => gramBackward(aSaved as tf.Tensor4D, dG as tf.Tensor2D),
  };
});

/**
 * Style (Gram) matrix of one layer's activation `a` of shape `[1, nH, nW, nC]`:
 *
 * `G[k, k'] = Σ_i Σ_j a[i, j, k] · a[i, j, k']`, unnormalised, `nC × nC`.
 *
 * Ref: Gatys, Ecker & Bethge, "Image Style Transfer Using Convolutional Neural Networks", CVPR 2016, eq. 3.
 */
export function gramMatrix(a: tf.Tensor4D): tf.Tensor2D {
  activationDims(a, 'gramMatrix');
  return tf.tidy(() => gram(a) as tf.Tensor2D);
}
