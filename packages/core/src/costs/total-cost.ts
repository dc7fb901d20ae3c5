import * as tf from '@tensorflow/tfjs';
import { describeShape } from './activation.js';
import { ShapeMismatchError } from '../errors.js';
import { assertWeight } from './weight.js';

/** The weights of {@link totalCost}. */
export interface TotalCostWeights {
  /** α, the weight of the content cost. Default 10. */
  readonly alpha?: number;
  /** β, the weight of the style cost. Default 40. */
  readonly beta?: number;
}

/**
 * α and β as in deeplearning.ai's "Art Generation with Neural Style Transfer", for the raw costs of
 * {@link contentCost} and {@link styleCost} on VGG-19. `stylize` does not use them: it divides each
 * term by its value at a reference and weighs them with the network's own
 * {@link FeatureNetwork.costWeights} (the embedded network's α = 0.3, β = 1), the one source of
 * the weights it runs with.
 */
export const DEFAULT_TOTAL_COST_WEIGHTS = { alpha: 10, beta: 40 } as const;

/**
 * Total cost of a generated image G:
 *
 * `J(G) = α · J_content(C, G) + β · J_style(S, G)`, with α = 10 and β = 40 by default.
 *
 * Ref: Gatys et al., CVPR 2016, eq. 7.
 */
export function totalCost(
  jContent: tf.Scalar,
  jStyle: tf.Scalar,
  { alpha = DEFAULT_TOTAL_COST_WEIGHTS.alpha, beta = DEFAULT_TOTAL_COST_WEIGHTS.beta }: TotalCostWeights = {},
): tf.Scalar {
  for (const [name, t] of [
    ['jContent', jContent],
    ['jStyle', jStyle],
  ] as const) {
    if (t.rank !== 0) {
      throw new ShapeMismatchError(`totalCost: ${name} must be a scalar; got shape ${describeShape(t.shape)}.`);
    }
  }
  assertWeight(alpha, 'totalCost', 'alpha');
  assertWeight(beta, 'totalCost', 'beta');
  return tf.tidy(() => tf.add(tf.mul(jContent, alpha), tf.mul(jStyle, beta)));
}
