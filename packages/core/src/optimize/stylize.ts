/**
 * The optimisation loop: finds the image G that minimises J(G) = α·J_content + β·J_style
 * (+ TV), from coarse to fine, reporting after every iteration and stopping at once on abort.
 * Each stage holds its image in tensors (tensor-stage.ts) or, once it is evaluated in tiles, in
 * plain arrays (pixel-stage.ts). It runs on whatever backend is active and owns every tensor it
 * makes: on success, error or cancel, it leaves tf.memory() as it found it, and the caller's
 * images are never written to.
 */
import * as tf from '@tensorflow/tfjs';
import { createDefaultNetwork } from '../networks/default-network.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { combineLuminance, combineLuminancePixels } from '../image/luminance.js';
import { asOutOfMemory } from '../backend/out-of-memory.js';
import { runPixelStage } from './pixel-stage.js';
import { type Pixels, pixelsTensor, resizePixels, rgbaOfPixels } from '../image/pixels.js';
import { alphaChannel, fitWithin, resizeAlpha, rgbTensor, toRgbaImage, type RgbaImage } from '../image/rgba-image.js';
import { createStageObjectives, type StageObjectives } from './stage-objectives.js';
import { CancelledError } from '../errors.js';
import {
  type ResolvedStylizeOptions,
  resolveScheduleOptions,
  resolveStylizeOptions,
  type ScheduleOptions,
  resultShifts,
  type StylizeOptions,
} from './stylize-options.js';
import { StylizeRun } from './stylize-run.js';
import { stageSettings } from './stage-settings.js';
import { styleLevels } from './style-levels.js';
import { runTensorStage, type StageInputs } from './tensor-stage.js';

let sharedNetwork: FeatureNetwork | undefined;

/** The embedded network, created on first use and shared. */
export function defaultNetwork(): FeatureNetwork {
  sharedNetwork ??= createDefaultNetwork();
  return sharedNetwork;
}

/** Sizes of the coarse-to-fine stages, each half the next, the last `final`. */
function stageSizes(final: { width: number; height: number }, stages: number) {
  const longest = Math.max(final.width, final.height);
  return Array.from({ length: stages }, (_, i) => {
    const side = Math.max(16, Math.round(longest / 2 ** (stages - 1 - i)));
    return side >= longest ? final : fitWithin(final.width, final.height, side);
  });
}

/**
 * Iterations per stage: each stage `ratio` times as many as the next (larger) one, `total` in all,
 * every stage at least `least` (else one) when `total` allows.
 */
export function stageIterations(total: number, stages: number, ratio: number, least = 1): number[] {
  const weights = Array.from({ length: stages }, (_, i) => ratio ** (stages - 1 - i));
  const sum = weights.reduce((a, b) => a + b, 0);
  const floor = total >= stages * least ? least : total >= stages ? 1 : 0;
  const counts = weights.map((w) => Math.max(floor, Math.floor((total * w) / sum)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % stages) {
    const step = left > 0 ? 1 : counts[i]! > Math.max(1, floor) ? -1 : 0;
    counts[i]! += step;
    left -= step;
  }
  return counts;
}

/**
 * The fewest iterations a stage needs to change its image: L-BFGS's first only measures (it keeps
 * the best image it evaluated, and a stage of one evaluated only its start), Adam's moves.
 */
export const leastStageIterations = (optimizer: 'lbfgs' | 'adam' | undefined) => (optimizer === 'adam' ? 1 : 2);

function schedule(settings: ReturnType<typeof resolveScheduleOptions> & ScheduleOptions) {
  const { content, maxSize, stages, iterations, stageRatio } = settings;
  const final = fitWithin(content.width, content.height, Math.min(maxSize, Math.max(content.width, content.height)));
  // Fewer stages rather than stages that change nothing (with L-BFGS, 3 iterations over 3 stages left the photo as it was).
  const least = leastStageIterations(settings.optimizer);
  const sizes = stageSizes(final, Math.min(stages, Math.max(1, Math.floor(iterations / least))));
  return { final, sizes, perStage: stageIterations(iterations, sizes.length, stageRatio, least) };
}

/** One stage of a {@link stylize} run: the image's size and the iterations it gets. */
export interface ScheduledStage {
  readonly width: number;
  readonly height: number;
  readonly iterations: number;
}

/**
 * The coarse-to-fine stages {@link stylize} would run with `options`, without running them: for
 * estimates (work ∝ Σ width·height·iterations) and for peers that run the same schedule.
 */
export function stylizeSchedule(options: ScheduleOptions): ScheduledStage[] {
  const { sizes, perStage } = schedule({ ...options, ...resolveScheduleOptions(options) });
  return sizes.map((size, i) => ({ ...size, iterations: perStage[i]! }));
}

/**
 * Generates the image G that minimises `J(G) = α·J_content(C, G) + β·Σ_s w_s·J_style(S_s, G)
 * + tv·TV(G)`, each term relative to its value at a reference (see `createStyleObjective`),
 * from the photo recoloured with the style's palette, noise or a mix, with Adam or L-BFGS. The
 * result's longest side is `maxSize`, or the photo's own when that is smaller: a photo is never
 * enlarged.
 * Ref: Gatys, Ecker & Bethge, "Image Style Transfer Using Convolutional Neural Networks", CVPR 2016.
 */
export async function stylize(options: StylizeOptions): Promise<RgbaImage> {
  const network = options.network ?? defaultNetwork();
  const settings = resolveStylizeOptions(options, network);
  if (options.signal?.aborted === true) throw new CancelledError();
  const styles = settings.styles.map((s) => rgbTensor(s.image));
  const objectives = createStageObjectives(network, { ...settings, largest: schedule(settings).final });
  try {
    return await stylizeWith(options, settings, { objectives, styles });
  } finally {
    tf.dispose(styles);
    await objectives.dispose();
  }
}

/** What {@link stylizeWith} runs on, and leaves to its caller to free: the stage objectives and the style images as tensors. */
export interface StylizeEquipment {
  readonly objectives: StageObjectives;
  readonly styles: readonly tf.Tensor4D[];
}

/** {@link stylize} of checked `settings` on `equipment`, which a batch shares between photos. */
export async function stylizeWith(
  options: Pick<StylizeOptions, 'signal' | 'onProgress'>,
  checked: ResolvedStylizeOptions,
  { objectives, styles }: StylizeEquipment,
): Promise<RgbaImage> {
  const { final, sizes, perStage } = schedule(checked);
  const settings = { ...checked, shifts: resultShifts(checked.shifts, final) };
  const run = new StylizeRun(settings, options, sizes, perStage);
  run.checkAbort();
  const photo = settings.content;
  const inputs: StageInputs = { settings, photo, styles, objectives, run };
  let image: tf.Tensor4D | Pixels | undefined;
  try {
    for (const [stage, size] of sizes.entries()) {
      const previous = image;
      image = undefined; // the stage owns (and disposes) it now
      const at = { ...inputs, settings: stageSettings(settings, size) };
      const levels = styleLevels(settings, size);
      image =
        levels.length > 0 || at.settings.shifts > 1 || objectives.tiled(at.settings, size)
          ? await runPixelStage(at, stage, previous, levels)
          : await runTensorStage(at, stage, previous instanceof tf.Tensor ? previous : undefined);
    }
    run.checkAbort();
    const alpha = alphaChannel(settings.content);
    const finalAlpha = alpha && resizeAlpha(alpha, settings.content, final);
    const result = image ?? resizePixels(photo, final);
    if (!(result instanceof tf.Tensor))
      return rgbaOfPixels(settings.preserveColors ? combineLuminancePixels(result, resizePixels(photo, final)) : result, finalAlpha);
    if (!settings.preserveColors) return await toRgbaImage(result, finalAlpha);
    const coloured = tf.tidy(() => combineLuminance(result, pixelsTensor(resizePixels(photo, final))));
    try {
      return await toRgbaImage(coloured, finalAlpha);
    } finally {
      coloured.dispose();
    }
  } catch (error) {
    throw asOutOfMemory(error, final);
  } finally {
    if (image instanceof tf.Tensor) image.dispose();
  }
}
