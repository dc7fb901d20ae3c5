/**
 * A pixel stage's objective with its style levels (`style-levels.ts`): J(x) = J_stage(x) +
 * Σ_k J_k(h^k(x)), where h halves the image (`halve-pixels.ts`) and J_k matches the painting at
 * level k. The gradient goes back through each halving by its adjoint, from the coarsest level up:
 * ∂J/∂x = ∇J_stage(x) + hᵀ(∇J_1 + hᵀ(∇J_2 + …)). Each level is evaluated whole or in tiles, as
 * a stage of its size would be.
 */
import * as tf from '@tensorflow/tfjs';
import { addHalvedAdjoint, halvePixels } from '../image/halve-pixels.js';
import { type Pixels, pixelsOf } from '../image/pixels.js';
import type { PixelEvaluation, TiledObjective } from '../tiling/tiled-objective.js';
import type { StageObjectives } from './stage-objectives.js';
import { createShiftedObjective } from './shifted-objective.js';
import { pixelObjective } from './pixel-objective.js';
import type { StyleLevel } from './style-levels.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

/** The stage's objective on `content`, with `levels` (coarsest last); the stage's own when there are none. */
export async function createLevelledObjective(
  objectives: StageObjectives,
  settings: ResolvedStylizeOptions,
  levels: readonly StyleLevel[],
  content: Pixels,
  styles: readonly tf.Tensor4D[],
): Promise<TiledObjective> {
  const parts: TiledObjective[] = [];
  try {
    let at = content;
    parts.push(await createShiftedObjective(objectives, settings, settings.shifts, at, styles));
    for (const level of levels) parts.push(await pixelObjective(objectives, level.settings, (at = halvePixels(at)), styles));
  } catch (error) {
    for (const part of parts) part.dispose();
    throw error;
  }
  if (parts.length === 1) return parts[0]!;
  const evaluatePixels = async (image: Pixels): Promise<PixelEvaluation> => {
    const inputs = [image];
    for (let k = 1; k < parts.length; k++) inputs.push(halvePixels(inputs[k - 1]!));
    const evaluations: PixelEvaluation[] = [];
    for (const [k, part] of parts.entries()) evaluations.push(await part.evaluatePixels(inputs[k]!));
    for (let k = parts.length - 1; k > 0; k--) {
      const parent = inputs[k - 1]!;
      addHalvedAdjoint(evaluations[k - 1]!.gradient, parent.width, parent.height, evaluations[k]!.gradient);
    }
    const sum = (key: 'loss' | 'styleLoss') => evaluations.reduce((total, e) => total + e[key], 0);
    return { loss: sum('loss'), contentLoss: evaluations[0]!.contentLoss, styleLoss: sum('styleLoss'), gradient: evaluations[0]!.gradient };
  };
  return {
    evaluatePixels,
    async evaluate(image) {
      const { gradient, ...costs } = await evaluatePixels(await pixelsOf(image));
      return { ...costs, gradient: tf.tensor4d(gradient.slice(), image.shape) };
    },
    dispose: () => parts.forEach((part) => part.dispose()),
  };
}
