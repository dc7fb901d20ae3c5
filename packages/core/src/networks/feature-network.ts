import type * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from '../costs/style-cost.js';

/** The style layers of the stages from a size on (see {@link FeatureNetwork.largeStyleLayers}). */
export interface LargeStyleLayers {
  readonly fromSide: number;
  readonly layers: LayerWeights;
}

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
  /**
   * Style layers for large stages, finest first: a stage whose longest side × styleScale is at
   * least `fromSide` uses the `layers` of the last entry it reaches instead of {@link styleLayers},
   * so that a painting's mark, many pixels wide once the painting is fitted to a large stage,
   * stays within a style layer's receptive field. None: styleLayers at every size.
   */
  readonly largeStyleLayers?: readonly LargeStyleLayers[];
  /** α and β that balance this network's content and style costs, for a "strength" of 1. */
  readonly costWeights: { readonly alpha: number; readonly beta: number };
  /** Activations at `layers` for `image`, `[1, H, W, 3]` RGB in [0, 1]. Differentiable. */
  extract(image: tf.Tensor4D, layers: readonly string[]): Record<string, tf.Tensor4D>;
  /** Frees the weights. */
  dispose(): void;
}
