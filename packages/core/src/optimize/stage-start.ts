/**
 * How a stage of {@link stylize} starts, one rule for both kinds of stage: `tensor-stage.ts` holds
 * its image in tensors, `pixel-stage.ts` in plain arrays, and each hands in its own image
 * operations ({@link StageImages}). The rule: the content a stage keeps is the photo's luminance
 * (`preserveColors`), the photo recoloured with the styles' palette (`recolour`), or the photo;
 * the first stage starts from that content mixed with seeded noise,
 * `content·(1 − noise) + u·noise` with u uniform in [0, 1) from `seededRandom(seed)`.
 */
import type * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../networks/seeded-random.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

/** What a stage's start reads of the options. */
export type StartSettings = Pick<ResolvedStylizeOptions, 'preserveColors' | 'recolour' | 'styles' | 'noise' | 'seed'>;

/** A kind of stage's images, as the rule needs them; each returns a new image unless it says otherwise. */
export interface StageImages<I> {
  /** The photo's luminance as grey RGB (pixels: may be the photo, changed in place). */
  luminance(photo: I): I;
  /** The photo recoloured with the styles' colour statistics, each by its weight. */
  recolour(photo: I, styles: readonly { readonly image: tf.Tensor4D; readonly weight: number }[]): Promise<I>;
  /** The photo as the stage's content, unchanged (a copy where the caller frees the photo). */
  keep(photo: I): I;
  /** A copy of `content`, for an iterate the optimiser changes. */
  copy(content: I): I;
  /** How many values `image` holds. */
  size(image: I): number;
  /** `content·(1 − share) + noise·share`, value by value. */
  mix(content: I, noise: Float32Array, share: number): I;
}

/** The stage's content from its photo (see the module comment). */
export function stageContent<I>(images: StageImages<I>, settings: StartSettings, photo: I, styles: readonly tf.Tensor4D[]): Promise<I> {
  if (settings.preserveColors) return Promise.resolve(images.luminance(photo));
  if (settings.recolour) {
    return images.recolour(
      photo,
      styles.map((image, i) => ({ image, weight: settings.styles[i]!.weight })),
    );
  }
  return Promise.resolve(images.keep(photo));
}

/** The first stage's start: a copy of the content, or its mix with the seeded noise. */
export function initialImage<I>(images: StageImages<I>, settings: StartSettings, content: I): I {
  if (settings.noise === 0) return images.copy(content);
  const noise = Float32Array.from({ length: images.size(content) }, seededRandom(settings.seed));
  return images.mix(content, noise, settings.noise);
}
