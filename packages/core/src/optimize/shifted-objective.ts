/**
 * A pixel stage's objective averaged over diagonal shifts of the image: J(x) = (1/n) Σ_s J_s(x
 * cropped s rows and columns in), s = 0 … n − 1, each J_s the stage's objective on the photo
 * cropped alike, and ∂J/∂x the crops' gradients added back where they came from. An image
 * optimised against a network of stride-2 pools fills the phases of the pools' grids the objective
 * cannot see with a mesh of their periods (2 and 4 px); shifted by s, every grid moves by s, so a
 * mesh in one phase costs in the others ("transformation robustness", Olah, Mordvintsev &
 * Schubert, "Feature Visualization", Distill 2017, made deterministic so that L-BFGS can run on
 * it). Studied in apps/cli/docs/quality-study.md.
 */
import * as tf from '@tensorflow/tfjs';
import { type Pixels, pixelsOf } from '../image/pixels.js';
import type { PixelEvaluation, TiledObjective } from '../tiling/tiled-objective.js';
import { pixelObjective } from './pixel-objective.js';
import type { StageObjectives } from './stage-objectives.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

/**
 * `image` without its first `s` rows and columns, and without as many of its last as make each side
 * a multiple of `align`. tfjs's 'same' pooling puts its grid by the parity of its input (see
 * tile-plan.ts), so only a crop whose sides are multiples of 2^j has the grids of its first j pools
 * start at its own first pixel, that is s pixels into the image.
 */
export function cropPixels({ data, width, height }: Pixels, s: number, align: number): Pixels {
  const fit = (side: number) => side - s - ((side - s) % align);
  const [w, h] = [fit(width), fit(height)];
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) out.set(data.subarray(((y + s) * width + s) * 3, ((y + s) * width + s + w) * 3), y * w * 3);
  return { data: out, width: w, height: h };
}

/** Adds `scale` × a crop's gradient (the crop starting `s` rows and columns in) into the image's. */
function addCropAdjoint(target: Float32Array, width: number, s: number, crop: Pixels, scale: number): void {
  for (let y = 0; y < crop.height; y++) {
    const at = ((y + s) * width + s) * 3;
    for (let i = 0; i < crop.width * 3; i++) target[at + i]! += scale * crop.data[y * crop.width * 3 + i]!;
  }
}

/** The stage's objective on `content` averaged over `shifts` diagonal shifts (the plain objective when 1). */
export async function createShiftedObjective(
  objectives: StageObjectives,
  settings: ResolvedStylizeOptions,
  shifts: number,
  content: Pixels,
  styles: readonly tf.Tensor4D[],
): Promise<TiledObjective> {
  const n = shifts;
  if (n === 1 || Math.min(content.width, content.height) < 2 * n) return pixelObjective(objectives, settings, content, styles);
  const parts: TiledObjective[] = [];
  try {
    for (let s = 0; s < n; s++) parts.push(await pixelObjective(objectives, settings, cropPixels(content, s, n), styles));
  } catch (error) {
    for (const part of parts) part.dispose();
    throw error;
  }
  const evaluatePixels = async (image: Pixels): Promise<PixelEvaluation> => {
    const gradient = new Float32Array(image.data.length);
    let [loss, contentLoss, styleLoss] = [0, 0, 0];
    for (const [s, part] of parts.entries()) {
      const crop = cropPixels(image, s, n);
      const e = await part.evaluatePixels(crop);
      [loss, contentLoss, styleLoss] = [loss + e.loss / n, contentLoss + e.contentLoss / n, styleLoss + e.styleLoss / n];
      addCropAdjoint(gradient, image.width, s, { ...crop, data: e.gradient }, 1 / n);
    }
    return { loss, contentLoss, styleLoss, gradient };
  };
  return {
    evaluatePixels,
    async evaluate(image) {
      const { gradient, ...costs } = await evaluatePixels(await pixelsOf(image));
      return { ...costs, gradient: tf.tensor4d(gradient, image.shape) };
    },
    dispose: () => parts.forEach((part) => part.dispose()),
  };
}
