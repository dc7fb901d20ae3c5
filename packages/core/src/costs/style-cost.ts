import * as tf from '@tensorflow/tfjs';
import { InvalidWeightError, UnknownLayerError } from '../errors.js';
import { layerStyleCost } from './layer-style-cost.js';
import { assertWeight } from './weight.js';

/** Per-layer style weights λ_l, keyed by layer name (e.g. `{ conv1_1: 0.2, conv2_1: 0.2 }`). */
export type LayerWeights = Readonly<Record<string, number>>;

function lookup<T>(record: Readonly<Record<string, T>>, layer: string, recordName: string): T {
  const value = Object.hasOwn(record, layer) ? record[layer] : undefined;
  if (value === undefined) {
    const known = Object.keys(record);
    throw new UnknownLayerError(
      `styleCost: weights name layer '${layer}', which ${recordName} does not have ` +
        `(it has ${known.length > 0 ? known.map((k) => `'${k}'`).join(', ') : 'no layers'}).`,
    );
  }
  return value;
}

/**
 * Style cost over several layers:
 *
 * `J_style(S, G) = Σ_l λ_l · J_style^l(S, G)`, over the layers named in `weights`.
 *
 * `styleActs[l]` is the style image's activation at layer l or its precomputed Gram matrix
 * (see {@link layerStyleCost}); `genActs[l]` is the generated image's activation.
 *
 * Ref: Gatys et al., CVPR 2016, eq. 5.
 */
export function styleCost(
  styleActs: Readonly<Record<string, tf.Tensor4D | tf.Tensor2D>>,
  genActs: Readonly<Record<string, tf.Tensor4D>>,
  weights: LayerWeights,
): tf.Scalar {
  const layers = Object.entries(weights).map(([layer, lambda]) => ({
    lambda: assertWeight(lambda, 'styleCost', `the weight λ of layer '${layer}'`),
    aS: lookup(styleActs, layer, 'styleActs'),
    aG: lookup(genActs, layer, 'genActs'),
  }));
  if (layers.length === 0) {
    throw new InvalidWeightError('styleCost: weights names no layer; give at least one, e.g. { conv1_1: 1 }.');
  }
  return tf.tidy(() => tf.addN(layers.map(({ lambda, aS, aG }) => tf.mul(layerStyleCost(aS, aG), lambda))) as tf.Scalar);
}
