/**
 * A stage of {@link stylize} evaluated in tiles: its image, photo and gradient are plain arrays
 * and its optimiser updates them in place, so the tfjs heap holds no more than a tile (see
 * pixels.ts for why). Its optimiser is Adam whatever `optimizer` says: L-BFGS's history is
 * 2 × 10 more image-sized arrays, 4 GB at 4096 × 4096, and these stages refine a result the
 * small stages have already made.
 */
import * as tf from '@tensorflow/tfjs';
import { InPlaceAdam } from './adam.js';
import { transferColourPixels } from '../image/colour-transfer.js';
import { luminancePixels } from '../image/luminance.js';
import { addDifference, type Pixels, pixelsOf, resizePixels, rgbaOfPixels } from '../image/pixels.js';
import { seededRandom } from '../networks/seeded-random.js';
import { DEFAULT_ADAM_LEARNING_RATE, type ResolvedStylizeOptions } from './stylize-options.js';
import type { StageInputs } from './tensor-stage.js';

/** The stage's photo, in place: its luminance, recoloured with the styles' palette, or as it is. */
async function stageContent(settings: ResolvedStylizeOptions, photo: Pixels, styles: readonly tf.Tensor4D[]): Promise<Pixels> {
  if (settings.preserveColors) return luminancePixels(photo);
  if (settings.recolour)
    return transferColourPixels(
      photo,
      styles.map((image, i) => ({ image, weight: settings.styles[i]!.weight })),
    );
  return photo;
}

/** The first stage's start: the content, or its mix with seeded noise (the same noise as the tensor stage's). */
function initialPixels(settings: ResolvedStylizeOptions, content: Pixels): Pixels {
  const data = Float32Array.from(content.data);
  if (settings.noise > 0) {
    const next = seededRandom(settings.seed);
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * (1 - settings.noise) + next() * settings.noise;
  }
  return { ...content, data };
}

/** Runs stage `stage` from `previous` (the last stage's result, a tensor it disposes, or pixels; undefined at the first) and returns its result. */
export async function runPixelStage(
  { settings, photo, styles, objectives, run }: StageInputs,
  stage: number,
  previous: tf.Tensor4D | Pixels | undefined,
): Promise<Pixels> {
  const size = run.sizes[stage]!;
  const before = run.sizes[stage - 1];
  const content = await stageContent(settings, resizePixels(photo, size), styles);
  let last: Pixels | undefined;
  if (previous instanceof tf.Tensor) {
    try {
      last = await pixelsOf(previous);
    } finally {
      previous.dispose();
    }
  } else last = previous;
  let image: Pixels;
  if (last === undefined || before === undefined) image = initialPixels(settings, content);
  else {
    image = resizePixels(last, size);
    last = undefined;
    // The photo's detail finer than the previous stage could hold: content − up(down(content)).
    if (settings.carryDetail) addDifference(image, content, resizePixels(resizePixels(content, before), size));
  }
  const objective = await objectives.createTiled(settings, content, styles);
  try {
    const adam = new InPlaceAdam(image.data.length, {
      learningRate: settings.optimizer === 'adam' ? settings.learningRate : DEFAULT_ADAM_LEARNING_RATE,
    });
    for (let i = 0; i < run.perStage[stage]!; i++) {
      await run.beforeIteration();
      const { gradient, ...costs } = await objective.evaluatePixels(image);
      run.checkLoss(costs.loss);
      adam.step(image.data, gradient);
      await run.afterIteration(stage, i, costs, () => Promise.resolve(rgbaOfPixels(image)));
    }
    return image;
  } finally {
    objective.dispose();
  }
}
