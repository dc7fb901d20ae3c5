/**
 * The objective that {@link stylize} minimises at one stage of its schedule. Every term is divided
 * by its value at a reference image, so that α, β and the TV weight mean the same on every image
 * pair and at every size: the content term by its value for a black image (a relative error of the
 * content features), each style layer by its value at the photo the run starts from, TV by the
 * photo's own. Style is compared through Gram matrices of the activations centred on the style's
 * mean activation: for a random-weight network the plain Gram is dominated by the mean, and
 * matching it paints flat colour instead of strokes (see apps/cli/docs/quality-study.md).
 */
import * as tf from '@tensorflow/tfjs';
import { contentCost } from '../costs/content-cost.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { centredGram } from '../costs/centred-gram.js';
import { layerStyleCost } from '../costs/layer-style-cost.js';
import { luminanceImage, matchLuminance } from '../image/luminance.js';
import { stageStyleSize } from './stage-style-size.js';
import { styleCost, type LayerWeights } from '../costs/style-cost.js';
import { totalCost } from '../costs/total-cost.js';
import { totalVariation } from '../costs/total-variation.js';
import { clampPositive } from '../costs/clamp-positive.js';

/** J, J_content and J_style at an image (the latter two relative, unweighted), and ∂J/∂image. */
export interface Evaluation {
  readonly loss: number;
  readonly contentLoss: number;
  readonly styleLoss: number;
  readonly gradient: tf.Tensor4D;
}

/**
 * What an objective reads of a stylize's settings, untiled here and tiled in `tiled-objective.ts`
 * (the resolved options of `stylize` are one): the layers, the weights α, β and tv, the
 * styles' blend weights, and how the styles' statistics are taken.
 */
export interface ObjectiveSettings {
  readonly contentLayer: string;
  /** λ per style layer. */
  readonly styleLayers: LayerWeights;
  /** α. */
  readonly contentWeight: number;
  /** β. */
  readonly styleWeight: number;
  readonly tvWeight: number;
  /** Each style's blend weight w_s (they sum to 1). */
  readonly styles: readonly { readonly weight: number }[];
  /** The style images' size over the photo's. */
  readonly styleScale: number;
  /** Whether a style image may be enlarged past its own pixels (see stageStyleSize). */
  readonly enlargeStyle: boolean;
  /** Grams of activations centred on the style's mean. */
  readonly centredGram: boolean;
  /** Styles reduced to luminance, matched to the photo's. */
  readonly preserveColors: boolean;
}

/** One stage's objective; it owns its targets until {@link StyleObjective.dispose}. */
export interface StyleObjective {
  evaluate(image: tf.Tensor4D): Promise<Evaluation>;
  dispose(): void;
}

/** A style's target at one stage, as tensors, weighted (the tiled objective's `StyleTarget` is a style's means and Grams as arrays, cached by fitted size). */
interface StageStyleTarget {
  /** Blend weight × β. */
  readonly weight: number;
  /** Per style layer: the style's Gram about its mean, scaled to the generated image's area. */
  readonly grams: Record<string, tf.Tensor2D>;
  /** Per style layer: the style's mean activation (zeros when not centring). */
  readonly means: Record<string, tf.Tensor1D>;
  /** λ_l divided by the layer's cost at the starting photo. */
  readonly layerWeights: LayerWeights;
}

/**
 * `J(G) = α·J_content(C, G)/J_content(C, 0) + β·Σ_s w_s·Σ_l λ_l·J_style^l(S_s, G)/J_style^l(S_s, C)
 * + tv·TV(G)/TV(C)` at the stage's size, with Grams of activations centred on the style's mean.
 * `content` is the stage's photo (already recoloured or reduced to luminance), `styles` the style
 * images at any size (fitted to `content` × styleScale here).
 * Ref: Gatys et al., CVPR 2016 (eq. 7); per-term normalisation after Gatys et al.,
 * "Controlling Perceptual Factors in Neural Style Transfer", CVPR 2017.
 */
export async function createStyleObjective(
  network: FeatureNetwork,
  settings: ObjectiveSettings,
  content: tf.Tensor4D,
  styles: readonly tf.Tensor4D[],
): Promise<StyleObjective> {
  const styleLayers = Object.keys(settings.styleLayers);
  const layers = [...new Set([settings.contentLayer, ...styleLayers])];
  const [, height = 0, width = 0] = content.shape;
  const prepared = tf.tidy(() => {
    const atContent = network.extract(content, layers);
    const targets = styles.map((style) => {
      const [, sh = 0, sw = 0] = style.shape;
      const fitted = stageStyleSize({ width: sw, height: sh }, { width, height }, settings);
      let styleAt = tf.image.resizeBilinear(style, [fitted.height, fitted.width], true);
      if (settings.preserveColors) styleAt = matchLuminance(luminanceImage(styleAt), content);
      const acts = network.extract(styleAt, styleLayers);
      const grams: Record<string, tf.Tensor2D> = {};
      const means: Record<string, tf.Tensor1D> = {};
      const refs = styleLayers.map((layer) => {
        const [, gh = 0, gw = 0, nC = 0] = atContent[layer]!.shape;
        const [, ah = 0, aw = 0] = acts[layer]!.shape;
        means[layer] = settings.centredGram ? tf.mean(acts[layer]!, [0, 1, 2]) : tf.zeros([nC]);
        grams[layer] = tf.mul(centredGram(acts[layer]!, means[layer]!), (gh * gw) / (ah * aw));
        return layerStyleCost(grams[layer]!, tf.sub(atContent[layer]!, means[layer]!));
      });
      return { grams, means, refs: tf.stack(refs) };
    });
    const contentTarget = atContent[settings.contentLayer]!;
    const refs = tf.stack([contentCost(contentTarget, tf.zerosLike(contentTarget)), totalVariation(content)]);
    return { contentTarget, targets, refs };
  });
  const [contentRef = 1, tvRef = 1] = await prepared.refs.data();
  const targets: StageStyleTarget[] = [];
  for (const [i, t] of prepared.targets.entries()) {
    const refs = await t.refs.data();
    const layerWeights = Object.fromEntries(styleLayers.map((layer, l) => [layer, settings.styleLayers[layer]! / clampPositive(refs[l]!)]));
    targets.push({ weight: settings.styles[i]!.weight * settings.styleWeight, grams: t.grams, means: t.means, layerWeights });
  }
  tf.dispose([prepared.refs, ...prepared.targets.map((t) => t.refs)]);
  const alpha = settings.contentWeight / clampPositive(contentRef);
  const tv = settings.tvWeight / clampPositive(tvRef);

  return {
    async evaluate(image) {
      let parts: tf.Tensor[] = [];
      const { value, grad } = tf.valueAndGrad((input: tf.Tensor) => {
        const acts = network.extract(input as tf.Tensor4D, layers);
        const jContent = contentCost(prepared.contentTarget, acts[settings.contentLayer]!);
        const jStyle = tf.addN(
          targets.map((t) => {
            const centred = settings.centredGram
              ? Object.fromEntries(styleLayers.map((layer) => [layer, tf.sub(acts[layer]!, t.means[layer]!) as tf.Tensor4D]))
              : acts;
            return tf.mul(styleCost(t.grams, centred, t.layerWeights), t.weight);
          }),
        ) as tf.Scalar;
        parts = [tf.keep(tf.mul(jContent, 1 / clampPositive(contentRef))), tf.keep(jStyle)];
        const j = totalCost(jContent, jStyle, { alpha, beta: 1 });
        return (tv > 0 ? tf.add(j, tf.mul(totalVariation(input as tf.Tensor4D), tv)) : j) as tf.Scalar;
      })(image);
      const costs = tf.stack([value, ...parts]);
      const [loss = NaN, contentLoss = NaN, styleLoss = NaN] = await costs.data();
      tf.dispose([costs, value, ...parts]);
      return { loss, contentLoss, styleLoss: styleLoss / clampPositive(settings.styleWeight), gradient: grad as tf.Tensor4D };
    },
    dispose() {
      tf.dispose([prepared.contentTarget, ...targets.flatMap((t) => [...Object.values(t.grams), ...Object.values(t.means)])]);
    },
  };
}
