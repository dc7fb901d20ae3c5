import * as tf from '@tensorflow/tfjs';
import { activationDims } from './activation.js';

/**
 * The Gram matrix with a hand-written gradient. With F the activation flattened to
 * `[nH·nW, nC]`, `G = Fᵀ·F` and `∂L/∂F = F·(dG + dGᵀ)`: one matmul, where autodiff of
 * `matMul(transpose(F), F)` spends two matmuls and two transposes.
 */
const gram = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, save] = args as [tf.Tensor, tf.GradSaveFunc]; // tfjs types inputs and `save` as one union
  const [, nH = 0, nW = 0, nC = 0] = a.shape;
  const f = tf.reshape(a, [nH * nW, nC]);
  save([f]);
  return {
    // transpose-then-matMul: 2× faster than matMul(f, f, true) on wasm, level on cpu and webgpu.
    value: tf.matMul(tf.transpose(f), f),
    gradFunc: (dG: tf.Tensor, saved: tf.Tensor[]) => {
      const [fSaved] = saved as [tf.Tensor2D];
      return tf.reshape(tf.matMul(fSaved, tf.add(dG, tf.transpose(dG))), a.shape);
    },
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
