/**
 * The optimisation loop: finds the image G that minimises J(G) = α·J_content + β·J_style
 * (+ TV), from coarse to fine, reporting after every iteration and stopping at once on abort.
 * It runs on whatever backend is active and owns every tensor it makes: on success, error or
 * cancel, it leaves tf.memory() as it found it, and the caller's images are never written to.
 */
import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam.js';
import { transferColour } from './colour-transfer.js';
import { createDefaultNetwork } from './default-network.js';
import { CancelledError, NstError } from './errors.js';
import type { FeatureNetwork } from './feature-network.js';
import { Lbfgs } from './lbfgs.js';
import { combineLuminance, luminanceImage } from './luminance.js';
import type { Optimizer } from './optimizer.js';
import { alphaChannel, fitWithin, resizeAlpha, rgbTensor, toRgbaImage, type RgbaImage } from './rgba-image.js';
import { seededRandom } from './seeded-random.js';
import { asOutOfMemory } from './out-of-memory.js';
import { createStageObjectives } from './stage-objectives.js';
import { resolveStylizeOptions, type ResolvedStylizeOptions, type StylizeOptions } from './stylize-options.js';

let sharedNetwork: FeatureNetwork | undefined;

/** The embedded network, created on first use and shared. */
export function defaultNetwork(): FeatureNetwork {
  sharedNetwork ??= createDefaultNetwork();
  return sharedNetwork;
}

const resize = (image: tf.Tensor4D, { width, height }: { width: number; height: number }) =>
  tf.image.resizeBilinear(image, [height, width], true);

/** Sizes of the coarse-to-fine stages, each half the next, the last `final`. */
function stageSizes(final: { width: number; height: number }, stages: number) {
  const longest = Math.max(final.width, final.height);
  return Array.from({ length: stages }, (_, i) => {
    const side = Math.max(16, Math.round(longest / 2 ** (stages - 1 - i)));
    return side >= longest ? final : fitWithin(final.width, final.height, side);
  });
}

/** The image a stage starts from and keeps the content of: the photo's luminance, the photo recoloured with the styles' palette, or the photo. Disposes `photo`. */
async function stageContent(o: ResolvedStylizeOptions, photo: tf.Tensor4D, styles: readonly tf.Tensor4D[]): Promise<tf.Tensor4D> {
  try {
    if (o.preserveColors) return tf.tidy(() => luminanceImage(photo));
    if (o.recolour) return await transferColour(photo, styles.map((image, i) => ({ image, weight: o.styles[i]!.weight })));
    return tf.clone(photo);
  } finally {
    photo.dispose();
  }
}

/** Resolves after the event loop has run its pending tasks: setImmediate in Node, a message elsewhere (no timer clamp). */
function nextTask(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (setImmediate !== undefined) return new Promise((resolve) => setImmediate(() => resolve()));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Iterations per stage: each stage `ratio` times as many as the next (larger) one, `total` in all,
 * every stage at least one when `total` allows.
 */
export function stageIterations(total: number, stages: number, ratio: number): number[] {
  const weights = Array.from({ length: stages }, (_, i) => ratio ** (stages - 1 - i));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(total >= stages ? 1 : 0, Math.floor((total * w) / sum)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % stages) {
    const step = left > 0 ? 1 : counts[i]! > 1 ? -1 : 0;
    counts[i]! += step;
    left -= step;
  }
  return counts;
}

function initialImage(o: ResolvedStylizeOptions, contentAt: tf.Tensor4D): tf.Tensor4D {
  if (o.noise === 0) return tf.clone(contentAt);
  const next = seededRandom(o.seed);
  const noise = tf.tensor(Float32Array.from({ length: contentAt.size }, next), contentAt.shape);
  return tf.tidy(() => tf.add(tf.mul(contentAt, 1 - o.noise), tf.mul(noise, o.noise)) as tf.Tensor4D);
}

/**
 * Generates the image G that minimises `J(G) = α·J_content(C, G) + β·Σ_s w_s·J_style(S_s, G)
 * + tv·TV(G)`, each term relative to its value at a reference (see `createStyleObjective`),
 * from the photo recoloured with the style's palette, noise or a mix, with Adam or L-BFGS.
 * Ref: Gatys, Ecker & Bethge, "Image Style Transfer Using Convolutional Neural Networks", CVPR 2016.
 */
export async function stylize(options: StylizeOptions): Promise<RgbaImage> {
  const network = options.network ?? defaultNetwork();
  const o = resolveStylizeOptions(options, network);
  const { signal, onProgress } = options;
  const checkAbort = () => {
    if (signal?.aborted === true) throw new CancelledError();
  };
  checkAbort();
  const started = performance.now();
  const final = fitWithin(o.content.width, o.content.height, Math.min(o.maxSize, Math.max(o.content.width, o.content.height)));
  const sizes = stageSizes(final, Math.min(o.stages, o.iterations));
  const perStage = stageIterations(o.iterations, sizes.length, o.stageRatio);
  const pixels = sizes.map((s) => s.width * s.height);
  const totalWork = pixels.reduce((sum, p, i) => sum + p * perStage[i]!, 0);
  let work = 0;

  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const contentRgb = own(rgbTensor(o.content));
  const styleRgbs = o.styles.map((s) => own(rgbTensor(s.image)));
  let x: tf.Tensor4D | undefined;
  let done = 0;
  const objectives = createStageObjectives(network, o);
  try {
    for (const [stage, size] of sizes.entries()) {
      const contentAt = own(await stageContent(o, resize(contentRgb, size), styleRgbs));
      const objective = await objectives.create(o, contentAt, styleRgbs);
      const previous: tf.Tensor4D | undefined = x;
      const before = sizes[stage - 1];
      let image: tf.Tensor4D =
        previous === undefined || before === undefined
          ? initialImage(o, contentAt)
          : tf.tidy(() => {
              const up = resize(previous, size);
              if (!o.carryDetail) return up;
              // The photo's detail finer than the previous stage could hold: content − up(down(content)).
              const detail = tf.sub(contentAt, resize(resize(contentAt, before), size));
              return tf.add(up, detail) as tf.Tensor4D;
            });
      x = image;
      previous?.dispose();
      const optimizer: Optimizer = o.optimizer === 'adam' ? new Adam({ learningRate: o.learningRate }) : new Lbfgs({ learningRate: o.learningRate });
      // The lowest-cost image evaluated so far: L-BFGS's last trial may be one it would reject.
      let best = { loss: Infinity, image: undefined as tf.Tensor4D | undefined };
      try {
        for (let i = 0; i < perStage[stage]!; i++) {
          // A caller's abort comes from a task (a timer, Ctrl-C, a click); on wasm and cpu every
          // promise here settles as a microtask, so without this turn the signal never fires.
          if (signal !== undefined) await nextTask();
          checkAbort();
          const { loss, contentLoss, styleLoss, gradient } = await objective.evaluate(image);
          if (!Number.isFinite(loss)) {
            gradient.dispose();
            throw new NstError(`stylize: the cost became ${loss} at iteration ${done + 1}; lower learningRate (now ${o.learningRate}).`);
          }
          if (loss < best.loss) {
            best.image?.dispose();
            best = { loss, image: tf.clone(image) };
          }
          const stepped = await optimizer.step(image, loss, gradient);
          gradient.dispose();
          image.dispose();
          // Adam is projected onto [0, 1]; L-BFGS needs the unclipped path to keep its curvature pairs.
          image = o.optimizer === 'adam' ? tf.tidy(() => tf.clipByValue(stepped, 0, 1)) : stepped;
          if (image !== stepped) stepped.dispose();
          x = image;
          done += 1;
          work += pixels[stage]!;
          const last = i === perStage[stage]! - 1;
          const wantPreview = last || (o.previewEvery > 0 && done % o.previewEvery === 0);
          await onProgress?.({
            iteration: done,
            iterations: o.iterations,
            stage: stage + 1,
            stages: sizes.length,
            loss,
            contentLoss,
            styleLoss,
            elapsedMs: performance.now() - started,
            fraction: Math.min(1, work / totalWork),
            ...(wantPreview ? { preview: await toRgbaImage(best.image ?? image) } : {}),
          });
        }
        if (best.image !== undefined) {
          image.dispose();
          image = x = best.image;
          best.image = undefined;
        }
      } finally {
        optimizer.dispose();
        objective.dispose();
        best.image?.dispose();
      }
    }
    checkAbort();
    const result: tf.Tensor4D = x ?? own(tf.clone(contentRgb));
    const finalRgb = o.preserveColors ? own(tf.tidy(() => combineLuminance(result, resize(contentRgb, final)))) : result;
    const alpha = alphaChannel(o.content);
    return await toRgbaImage(finalRgb, alpha && resizeAlpha(alpha, o.content, final));
  } catch (error) {
    throw asOutOfMemory(error, final);
  } finally {
    tf.dispose(owned);
    x?.dispose();
    await objectives.dispose();
  }
}
