import type * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from '../costs/style-cost.js';

/**
 * A network whose activations define content and style: VGG-19 for Gatys et al., or the embedded
 * random-weight network. It owns its preprocessing, so callers always pass RGB in [0, 1].
 */
export interface FeatureNetwork {
  readonly name: string;
  /** Every layer `extract` can return, input to output. */
  readonly layers: readonly string[];
  /** The default content layer, e.g. `conv4_2`. */
  readonly contentLayer: string;
  /** The default style layers and their λ: what stylize's `styleLayers` option replaces. */
  readonly styleLayers: LayerWeights;
  /** α and β that balance this network's content and style costs, for a "strength" of 1. */
  readonly costWeights: { readonly alpha: number; readonly beta: number };
  /** Activations at `layers` for `image`, `[1, H, W, 3]` RGB in [0, 1]. Differentiable. */
  extract(image: tf.Tensor4D, layers: readonly string[]): Record<string, tf.Tensor4D>;
  /** Frees the weights. */
  dispose(): void;
}
