/**
 * A stage of {@link stylize} evaluated in tiles: its image, photo and gradient are plain arrays
 * and its optimiser works on them (Adam in place; L-BFGS with as many (s, y) pairs as
 * {@link LBFGS_HISTORY_BYTES} holds: 10 up to about 1500 × 1500 px, 1 at 4096 × 4096), so the tfjs heap holds
 * no more than a tile (see pixels.ts for why).
 */
import * as tf from '@tensorflow/tfjs';
import { InPlaceAdam } from './adam.js';
import { LimitedMemoryBfgs } from './lbfgs.js';
import { arraySpace } from './vector-space.js';
import { transferColourPixels } from '../image/colour-transfer.js';
import { luminancePixels } from '../image/luminance.js';
import { addDifference, type Pixels, pixelsOf, resizePixels, rgbaOfPixels } from '../image/pixels.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import type { StageInputs } from './tensor-stage.js';
import { initialImage, stageContent, type StageImages } from './stage-start.js';
import { createLevelledObjective } from './levelled-objective.js';
import type { StyleLevel } from './style-levels.js';

/** The most bytes a tiled stage's L-BFGS history may take: each (s, y) pair is two image-sized arrays. */
export const LBFGS_HISTORY_BYTES = 512 * 2 ** 20;

/** How many (s, y) pairs of `length` floats fit {@link LBFGS_HISTORY_BYTES}, from 1 to 10. */
export const lbfgsHistory = (length: number): number => Math.min(10, Math.max(1, Math.floor(LBFGS_HISTORY_BYTES / (2 * 4 * length))));

/** A tiled stage's images, for the rule of how a stage starts (`stage-start.ts`): a stage's photo is its own, changed in place. */
const PIXEL_IMAGES: StageImages<Pixels> = {
  luminance: luminancePixels,
  recolour: transferColourPixels,
  keep: (photo) => photo,
  copy: (content) => ({ ...content, data: Float32Array.from(content.data) }),
  size: (image) => image.data.length,
  mix: (content, noise, share) => ({ ...content, data: content.data.map((v, i) => v * (1 - share) + noise[i]! * share) }),
};

/** The values of `tensor`, which it disposes. */
async function pixelsOfDisposing(tensor: tf.Tensor4D): Promise<Pixels> {
  try {
    return await pixelsOf(tensor);
  } finally {
    tensor.dispose();
  }
}

/**
 * A tiled stage's optimiser on plain arrays, moving x in place: `step` takes x to the next point
 * from J(x) and ∇J(x); `finish` gives the stage's result after x's last evaluation (Adam's last
 * step; for L-BFGS the lower-cost of x and the last accepted point, since its last trial may be
 * one it would reject).
 */
function arrayOptimizer(
  settings: ResolvedStylizeOptions,
  length: number,
): {
  step(x: Float32Array, loss: number, g: Float32Array): Promise<Float32Array>;
  finish(x: Float32Array, loss: number, g: Float32Array): Promise<Float32Array>;
} {
  if (settings.optimizer === 'adam') {
    const adam = new InPlaceAdam({ learningRate: settings.learningRate });
    const step = (x: Float32Array, _loss: number, g: Float32Array) => {
      adam.step(x, g);
      return Promise.resolve(x);
    };
    return { step, finish: step };
  }
  const lbfgs = new LimitedMemoryBfgs(arraySpace, { learningRate: settings.learningRate, historySize: lbfgsHistory(length) });
  return { step: (x, loss, g) => lbfgs.step(x, loss, g), finish: (x, loss) => Promise.resolve(lbfgs.settle(x, loss)) };
}

/**
 * Runs stage `stage` from `previous` (the last stage's result, a tensor it disposes, or pixels;
 * undefined at the first), its painting matched on `levels` too, and returns its result.
 */
export async function runPixelStage(
  { settings, photo, styles, objectives, run }: StageInputs,
  stage: number,
  previous: tf.Tensor4D | Pixels | undefined,
  levels: readonly StyleLevel[] = [],
): Promise<Pixels> {
  const size = run.sizes[stage]!;
  const before = run.sizes[stage - 1];
  const content = await stageContent(PIXEL_IMAGES, settings, resizePixels(photo, size), styles);
  const last = previous instanceof tf.Tensor ? await pixelsOfDisposing(previous) : previous;
  let image: Pixels;
  if (last === undefined || before === undefined) image = initialImage(PIXEL_IMAGES, settings, content);
  else {
    image = resizePixels(last, size);
    // The photo's detail finer than the previous stage could hold: content − up(down(content)).
    if (settings.carryDetail) addDifference(image, content, resizePixels(resizePixels(content, before), size));
  }
  const objective = await createLevelledObjective(objectives, settings, levels, content, styles);
  try {
    const optimizer = arrayOptimizer(settings, image.data.length);
    const iterations = run.perStage[stage]!;
    for (let i = 0; i < iterations; i++) {
      await run.beforeIteration();
      const { gradient, ...costs } = await objective.evaluatePixels(image);
      run.checkLoss(costs.loss);
      image = { ...image, data: await (i < iterations - 1 ? optimizer.step : optimizer.finish)(image.data, costs.loss, gradient) };
      await run.afterIteration(stage, i, costs, () => Promise.resolve(rgbaOfPixels(image)));
    }
    return image;
  } finally {
    objective.dispose();
  }
}
