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
import type { StageObjectives } from './stage-objectives.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import type { StylizeRun } from './stylize-run.js';
import { initialImage, stageContent, type StageImages } from './stage-start.js';

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

/** A tensor stage's images, for the rule of how a stage starts (`stage-start.ts`). */
const TENSOR_IMAGES: StageImages<tf.Tensor4D> = {
  luminance: luminanceImage,
  recolour: transferColour,
  keep: (photo) => tf.clone(photo),
  copy: (content) => tf.clone(content),
  size: (image) => image.size,
  mix: (content, noise, share) =>
    tf.tidy(() => tf.add(tf.mul(content, 1 - share), tf.mul(tf.tensor(noise, content.shape), share)) as tf.Tensor4D),
};

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
    const photoAt = pixelsTensor(resizePixels(photo, size));
    content = await stageContent(TENSOR_IMAGES, settings, photoAt, styles).finally(() => photoAt.dispose());
    const at = content;
    const evaluator = await objectives.create(settings, at, styles);
    objective = evaluator;
    const from = previous;
    image =
      from === undefined || before === undefined
        ? initialImage(TENSOR_IMAGES, settings, at)
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
