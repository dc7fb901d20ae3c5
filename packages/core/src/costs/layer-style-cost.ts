import * as tf from '@tensorflow/tfjs';
import { type ActivationDims, activationDims, assertSameShape, describeShape } from './activation.js';
import { ShapeMismatchError } from '../errors.js';
import { gramMatrix } from './gram-matrix.js';

const isGram = (t: tf.Tensor4D | tf.Tensor2D): t is tf.Tensor2D => t.rank === 2;

/** `1 / (2·nH·nW·nC)²`, the normalisation of {@link layerStyleCost} at a layer of these dimensions. */
export const layerStyleCostScale = ({ nH, nW, nC }: ActivationDims): number => 1 / (2 * nH * nW * nC) ** 2;

/**
 * Style cost of one layer between the style image and the generated image:
 *
 * `J_style^l(S, G) = 1 / (2·nH·nW·nC)² · Σ_k Σ_k' (G_S[k, k'] − G_G[k, k'])²`,
 *
 * with `nH, nW, nC` the dimensions of `aG`. `aS` is the style image's activation, of the same
 * shape as `aG`, or its Gram matrix `G_S` (`nC × nC`) computed once with {@link gramMatrix}.
 *
 * Ref: Gatys et al., CVPR 2016, eq. 4, with the normalisation of deeplearning.ai's
 * "Art Generation with Neural Style Transfer".
 */
export function layerStyleCost(aS: tf.Tensor4D | tf.Tensor2D, aG: tf.Tensor4D): tf.Scalar {
  const dims = activationDims(aG, 'layerStyleCost', 'aG');
  const { nC } = dims;
  if (isGram(aS)) {
    if (aS.shape[0] !== nC || aS.shape[1] !== nC) {
      throw new ShapeMismatchError(
        `layerStyleCost: the style Gram matrix has shape ${describeShape(aS.shape)} but aG has ` +
          `${nC} channels, ${describeShape(aG.shape)}; expected [${nC}, ${nC}] from the same layer.`,
      );
    }
  } else {
    activationDims(aS, 'layerStyleCost', 'aS');
    assertSameShape(aS, aG, 'layerStyleCost', ['aS', 'aG']);
  }
  const scale = layerStyleCostScale(dims);
  return tf.tidy(() => {
    const gS = isGram(aS) ? aS : gramMatrix(aS);
    return tf.mul(tf.sum(tf.squaredDifference(gS, gramMatrix(aG))), scale);
  });
}
