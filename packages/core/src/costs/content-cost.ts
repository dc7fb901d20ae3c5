import * as tf from '@tensorflow/tfjs';
import { type ActivationDims, activationDims, assertSameShape } from './activation.js';

/** `1 / (4·nH·nW·nC)`, the normalisation of {@link contentCost} at a layer of these dimensions. */
export const contentCostScale = ({ nH, nW, nC }: ActivationDims): number => 1 / (4 * nH * nW * nC);

/**
 * Content cost between the content image's and the generated image's activations at one layer,
 * both `[1, nH, nW, nC]`:
 *
 * `J_content(C, G) = 1 / (4·nH·nW·nC) · Σ (a_C − a_G)²`.
 *
 * Ref: Gatys et al., CVPR 2016, eq. 1, with the normalisation of deeplearning.ai's
 * "Art Generation with Neural Style Transfer".
 */
export function contentCost(aC: tf.Tensor4D, aG: tf.Tensor4D): tf.Scalar {
  const dims = activationDims(aC, 'contentCost', 'aC');
  activationDims(aG, 'contentCost', 'aG');
  assertSameShape(aC, aG, 'contentCost', ['aC', 'aG']);
  return tf.tidy(() => tf.mul(tf.sum(tf.squaredDifference(aC, aG)), contentCostScale(dims)));
}
