/**
 * A stage of {@link stylize} small enough to hold in tensors: its image, the optimiser's state and
 * the whole-image objective live on the active backend (a GPU's memory, where there is one).
 */
import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam.js';
import { transferColour } from '../image/colour-transfer.js';
import { Lbfgs } from './lbfgs.js';
import { luminanceImage } from '../image/luminance.js';
import type { Optimizer } from './optimizer.js';
import { pixelsTensor, resizePixels } from '../image/pixels.js';
import { type RgbaImage, toRgbaImage } from '../image/rgba-image.js';
import { seededRandom } from '../networks/seeded-random.js';
import type { StageObjectives } from '../tiling/stage-objectives.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import type { StylizeRun } from './stylize-run.js';

/** What every stage reads: the options, the photo (as the caller's bytes), the style images and the objectives. */
export interface StageInputs {
  readonly settings: ResolvedStylizeOptions;
  readonly photo: RgbaImage;
  readonly styles: readonly tf.Tensor4D[];
  readonly objectives: StageObjectives;
  readonly run: StylizeRun;
}

const resize = (image: tf.Tensor4D, { width, height }: { width: number; height: number }) =>
  tf.image.resizeBilinear(image, [height, width], true);

/** The image a stage keeps the content of: the photo's luminance, the photo recoloured with the styles' palette, or the photo. Disposes `photo`. */
async function stageContent(settings: ResolvedStylizeOptions, photo: tf.Tensor4D, styles: readonly tf.Tensor4D[]): Promise<tf.Tensor4D> {
  try {
    if (settings.preserveColors) return tf.tidy(() => luminanceImage(photo));
    if (settings.recolour)
      return await transferColour(
        photo,
        styles.map((image, i) => ({ image, weight: settings.styles[i]!.weight })),
      );
    return tf.clone(photo);
  } finally {
    photo.dispose();
  }
}

/** The first stage's start: the content, or its mix with seeded noise. */
function initialImage(settings: ResolvedStylizeOptions, content: tf.Tensor4D): tf.Tensor4D {
  if (settings.noise === 0) return tf.clone(content);
  const next = seededRandom(settings.seed);
  const noise = tf.tensor(Float32Array.from({ length: content.size }, next), content.shape);
  return tf.tidy(() => tf.add(tf.mul(content, 1 - settings.noise), tf.mul(noise, settings.noise)) as tf.Tensor4D);
}

/**
 * Runs stage `stage` from `previous` (the last stage's result, which it disposes; undefined at the
 * first) and returns its result. With Adam the result is the last iterate (projected onto
 * [0, 1]); with L-BFGS, the lowest-cost image it evaluated, since its last trial may be one it
 * would reject.
 */
export async function runTensorStage(
  { settings, photo, styles, objectives, run }: StageInputs,
  stage: number,
  previous: tf.Tensor4D | undefined,
): Promise<tf.Tensor4D> {
  const size = run.sizes[stage]!;
  const before = run.sizes[stage - 1];
  let content: tf.Tensor4D | undefined;
  /** The current iterate: this function's until it returns it, disposed on error. */
  let image: tf.Tensor4D | undefined;
  let best: { loss: number; image?: tf.Tensor4D } = { loss: Infinity };
  let optimizer: Optimizer | undefined;
  let objective: { dispose(): void } | undefined;
  try {
    content = await stageContent(settings, pixelsTensor(resizePixels(photo, size)), styles);
    const at = content;
    const evaluator = await objectives.create(settings, at, styles);
    objective = evaluator;
    const from = previous;
    image =
      from === undefined || before === undefined
        ? initialImage(settings, at)
        : tf.tidy(() => {
            const up = resize(from, size);
            if (!settings.carryDetail) return up;
            // The photo's detail finer than the previous stage could hold: content − up(down(content)).
            return tf.add(up, tf.sub(at, resize(resize(at, before), size))) as tf.Tensor4D;
          });
    previous?.dispose();
    previous = undefined;
    optimizer =
      settings.optimizer === 'adam'
        ? new Adam({ learningRate: settings.learningRate })
        : new Lbfgs({ learningRate: settings.learningRate });
    for (let i = 0; i < run.perStage[stage]!; i++) {
      await run.beforeIteration();
      const { gradient, ...costs } = await evaluator.evaluate(image);
      try {
        run.checkLoss(costs.loss);
        if (settings.optimizer === 'lbfgs' && costs.loss < best.loss) {
          best.image?.dispose();
          best = { loss: costs.loss, image: tf.clone(image) };
        }
        const stepped: tf.Tensor4D = await optimizer.step(image, costs.loss, gradient);
        image.dispose();
        // Adam is projected onto [0, 1]; L-BFGS needs the unclipped path to keep its curvature pairs.
        image = settings.optimizer === 'adam' ? tf.tidy(() => tf.clipByValue(stepped, 0, 1)) : stepped;
        if (image !== stepped) stepped.dispose();
      } finally {
        gradient.dispose();
      }
      const shown = best.image ?? image;
      await run.afterIteration(stage, i, costs, () => toRgbaImage(shown));
    }
    if (best.image !== undefined) {
      image.dispose();
      image = best.image;
      best = { loss: Infinity };
    }
    const result = image;
    image = undefined; // handed to the caller
    return result;
  } finally {
    previous?.dispose();
    image?.dispose();
    best.image?.dispose();
    content?.dispose();
    optimizer?.dispose();
    objective?.dispose();
  }
}
