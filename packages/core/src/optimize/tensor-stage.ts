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
import { type Pixels, pixelsTensor, resizePixels } from '../image/pixels.js';
import { toRgbaImage } from '../image/rgba-image.js';
import { seededRandom } from '../networks/seeded-random.js';
import type { StageObjectives } from '../tiling/stage-objectives.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';
import type { StylizeRun } from './stylize-run.js';

/** What every stage reads: the options, the photo (off the tfjs heap), the style images and the objectives. */
export interface StageInputs {
  readonly o: ResolvedStylizeOptions;
  readonly photo: Pixels;
  readonly styles: readonly tf.Tensor4D[];
  readonly objectives: StageObjectives;
  readonly run: StylizeRun;
}

const resize = (image: tf.Tensor4D, { width, height }: { width: number; height: number }) =>
  tf.image.resizeBilinear(image, [height, width], true);

/** The image a stage keeps the content of: the photo's luminance, the photo recoloured with the styles' palette, or the photo. Disposes `photo`. */
async function stageContent(o: ResolvedStylizeOptions, photo: tf.Tensor4D, styles: readonly tf.Tensor4D[]): Promise<tf.Tensor4D> {
  try {
    if (o.preserveColors) return tf.tidy(() => luminanceImage(photo));
    if (o.recolour) return await transferColour(photo, styles.map((image, i) => ({ image, weight: o.styles[i]!.weight })));
    return tf.clone(photo);
  } finally {
    photo.dispose();
  }
}

/** The first stage's start: the content, or its mix with seeded noise. */
function initialImage(o: ResolvedStylizeOptions, content: tf.Tensor4D): tf.Tensor4D {
  if (o.noise === 0) return tf.clone(content);
  const next = seededRandom(o.seed);
  const noise = tf.tensor(Float32Array.from({ length: content.size }, next), content.shape);
  return tf.tidy(() => tf.add(tf.mul(content, 1 - o.noise), tf.mul(noise, o.noise)) as tf.Tensor4D);
}

/**
 * Runs stage `stage` from `previous` (the last stage's result, which it disposes; undefined at the
 * first) and returns its result. With Adam the result is the last iterate (projected onto
 * [0, 1]); with L-BFGS, the lowest-cost image it evaluated, since its last trial may be one it
 * would reject.
 */
export async function runTensorStage({ o, photo, styles, objectives, run }: StageInputs, stage: number, previous: tf.Tensor4D | undefined): Promise<tf.Tensor4D> {
  const size = run.sizes[stage]!;
  const before = run.sizes[stage - 1];
  let content: tf.Tensor4D | undefined;
  let image: tf.Tensor4D | undefined;
  let best: { loss: number; image?: tf.Tensor4D } = { loss: Infinity };
  let optimizer: Optimizer | undefined;
  let objective: { dispose(): void } | undefined;
  try {
    content = await stageContent(o, pixelsTensor(resizePixels(photo, size)), styles);
    const at = content;
    const evaluator = await objectives.create(o, at, styles);
    objective = evaluator;
    const from = previous;
    let x: tf.Tensor4D =
      from === undefined || before === undefined
        ? initialImage(o, at)
        : tf.tidy(() => {
            const up = resize(from, size);
            if (!o.carryDetail) return up;
            // The photo's detail finer than the previous stage could hold: content − up(down(content)).
            return tf.add(up, tf.sub(at, resize(resize(at, before), size))) as tf.Tensor4D;
          });
    image = x;
    previous?.dispose();
    previous = undefined;
    optimizer = o.optimizer === 'adam' ? new Adam({ learningRate: o.learningRate }) : new Lbfgs({ learningRate: o.learningRate });
    for (let i = 0; i < run.perStage[stage]!; i++) {
      await run.beforeIteration();
      const { gradient, ...costs } = await evaluator.evaluate(x);
      try {
        run.checkLoss(costs.loss);
        if (o.optimizer === 'lbfgs' && costs.loss < best.loss) {
          best.image?.dispose();
          best = { loss: costs.loss, image: tf.clone(x) };
        }
        const stepped: tf.Tensor4D = await optimizer.step(x, costs.loss, gradient);
        x.dispose();
        // Adam is projected onto [0, 1]; L-BFGS needs the unclipped path to keep its curvature pairs.
        image = x = o.optimizer === 'adam' ? tf.tidy(() => tf.clipByValue(stepped, 0, 1)) : stepped;
        if (x !== stepped) stepped.dispose();
      } finally {
        gradient.dispose();
      }
      const shown = best.image ?? x;
      await run.afterIteration(stage, i, costs, () => toRgbaImage(shown));
    }
    if (best.image !== undefined) {
      x.dispose();
      x = best.image;
      best = { loss: Infinity };
    }
    image = undefined;
    return x;
  } finally {
    previous?.dispose();
    image?.dispose();
    best.image?.dispose();
    content?.dispose();
    optimizer?.dispose();
    objective?.dispose();
  }
}
