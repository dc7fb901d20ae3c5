import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError, UnknownLayerError } from '../errors.js';
import type { LayerWeights } from './style-cost.js';

/**
 * The style distance between two images, from their Gram matrices normalised by area
 * (`Ĝ = G / (nH·nW)`, see {@link gramMatrix}) on the same network:
 *
 * `d(a, b) = Σ_l λ_l · 1 / (4·nC²) · Σ_k Σ_k' (Ĝ_a[k, k'] − Ĝ_b[k, k'])²`,
 *
 * which is `J_style = Σ_l λ_l·J_style^l(a, b)` when both images have the same size, and does not
 * depend on their sizes otherwise. Symmetric, zero for equal styles.
 *
 * Ref: Gatys et al., CVPR 2016, eq. 4–5.
 */
export function styleDistance(
  a: Readonly<Record<string, tf.Tensor2D>>,
  b: Readonly<Record<string, tf.Tensor2D>>,
  weights: LayerWeights,
): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Scalar = tf.scalar(0);
    for (const [layer, weight] of Object.entries(weights)) {
      const ga = a[layer];
      const gb = b[layer];
      if (ga === undefined || gb === undefined) {
        throw new UnknownLayerError(
          `styleDistance: no Gram matrix for layer '${layer}' in ${ga === undefined ? 'a' : 'b'}; give one per weighted layer.`,
        );
      }
      const nC = ga.shape[0];
      if (ga.shape[1] !== nC || gb.shape[0] !== nC || gb.shape[1] !== nC) {
        throw new ShapeMismatchError(
          `styleDistance: layer '${layer}' has Gram matrices of shapes [${ga.shape.join(', ')}] and [${gb.shape.join(', ')}]; both must be the same nC × nC.`,
        );
      }
      total = tf.add(total, tf.mul(tf.sum(tf.squaredDifference(ga, gb)), weight / (4 * nC * nC)));
    }
    return total;
  });
}
