import * as tf from '@tensorflow/tfjs';
import { activationDims } from './activation.js';

/**
 * Total variation of an image `x` of shape `[1, H, W, C]`, the smoothness regulariser:
 *
 * `TV(x) = Σ (x[i+1, j, c] − x[i, j, c])² + Σ (x[i, j+1, c] − x[i, j, c])²`.
 *
 * Ref: Mahendran & Vedaldi, "Understanding Deep Image Representations by Inverting Them",
 * CVPR 2015, eq. 5 with β = 2.
 */
export function totalVariation(image: tf.Tensor4D): tf.Scalar {
  const { nH, nW } = activationDims(image, 'totalVariation', 'image');
  return tf.tidy(() => {
    const down = tf.squaredDifference(
      tf.slice(image, [0, 1, 0, 0], [-1, nH - 1, -1, -1]),
      tf.slice(image, [0, 0, 0, 0], [-1, nH - 1, -1, -1]),
    );
    const right = tf.squaredDifference(
      tf.slice(image, [0, 0, 1, 0], [-1, -1, nW - 1, -1]),
      tf.slice(image, [0, 0, 0, 0], [-1, -1, nW - 1, -1]),
    );
    return tf.add(tf.sum(down), tf.sum(right));
  });
}
