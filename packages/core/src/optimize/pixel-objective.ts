/**
 * A stage's objective on an image held as pixels, whichever way a stage of its size is evaluated:
 * in tiles, or whole on tensors (the views of a stage, its style levels and shifts, are of other
 * sizes than the stage, and may be evaluated the other way).
 */
import type * as tf from '@tensorflow/tfjs';
import { type Pixels, pixelsOf, pixelsTensor } from '../image/pixels.js';
import type { TiledObjective } from '../tiling/tiled-objective.js';
import type { StageObjectives } from './stage-objectives.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

/** The objective of `settings` on `content` held as pixels: tiled when a stage of its size is, else whole, on tensors. */
export async function pixelObjective(
  objectives: StageObjectives,
  settings: ResolvedStylizeOptions,
  content: Pixels,
  styles: readonly tf.Tensor4D[],
): Promise<TiledObjective> {
  if (objectives.tiled(settings, content)) return objectives.createTiled(settings, content, styles);
  const photo = pixelsTensor(content);
  const whole = await objectives.create(settings, photo, styles).finally(() => photo.dispose());
  return {
    evaluate: (image) => whole.evaluate(image),
    async evaluatePixels(image) {
      const x = pixelsTensor(image);
      const { gradient, ...costs } = await whole.evaluate(x).finally(() => x.dispose());
      try {
        return { ...costs, gradient: (await pixelsOf(gradient)).data };
      } finally {
        gradient.dispose();
      }
    },
    dispose: () => whole.dispose(),
  };
}
