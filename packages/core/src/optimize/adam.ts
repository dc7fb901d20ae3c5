import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './optimizer.js';
import { arraySpace, tensorSpace, type VectorSpace } from './vector-space.js';

/** The settings of {@link Adam}. */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * Adam over a {@link VectorSpace}, its moments held as vectors of that space (no tf.Variable, no
 * global state): `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `x ← x − lr · m̂ / (√v̂ + ε)`, with the
 * bias corrections folded into the step, `lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`.
 * Ref: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1 (and the
 * more efficient order of computation at the end of its section 2).
 */
export class AdaptiveMoments<V> {
  readonly #space: VectorSpace<V>;
  readonly #lr: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;
  #m: V | undefined;
  #v: V | undefined;
  #t = 0;

  constructor(space: VectorSpace<V>, { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions) {
    this.#space = space;
    this.#lr = learningRate;
    this.#beta1 = beta1;
    this.#beta2 = beta2;
    this.#epsilon = epsilon;
  }

  /** The next x from x and ∇J(x); consumes `x` (see {@link VectorSpace}), keeps `g`. */
  step(x: V, g: V): V {
    const space = this.#space;
    this.#t += 1;
    const m = space.addScaled(space.scale(this.#m ?? space.zerosLike(g), this.#beta1), 1 - this.#beta1, g);
    const v = space.addScaledSquare(space.scale(this.#v ?? space.zerosLike(g), this.#beta2), 1 - this.#beta2, g);
    this.#m = m;
    this.#v = v;
    const stepSize = (this.#lr * Math.sqrt(1 - this.#beta2 ** this.#t)) / (1 - this.#beta1 ** this.#t);
    return space.addScaledRatio(x, -stepSize, m, v, this.#epsilon);
  }

  /** Frees the moments. */
  dispose(): void {
    for (const moment of [this.#m, this.#v]) if (moment !== undefined) this.#space.dispose(moment);
    this.#m = this.#v = undefined;
  }
}

/**
 * Adam on one tensor, its moments held as plain tensors (no tf.Variable, no global state):
 * `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `x ← x − lr · m̂ / (√v̂ + ε)`. `step` returns a new x
 * and disposes none of its inputs. (Written once, over a vector space, as `AdaptiveMoments`.)
 * Ref: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1.
 */
export class Adam implements Optimizer {
  readonly #core: AdaptiveMoments<tf.Tensor>;

  constructor(options: AdamOptions) {
    this.#core = new AdaptiveMoments(tensorSpace, options);
  }

  step<T extends tf.Tensor>(x: T, _loss: number, g: tf.Tensor): Promise<T> {
    return Promise.resolve(this.#core.step(tf.clone(x), g) as T);
  }

  dispose(): void {
    this.#core.dispose();
  }
}

/**
 * {@link Adam} on a plain array, updated in place and projected onto [0, 1]: the optimiser of
 * stages held as {@link Pixels}, whose moments would otherwise be two more image-sized tensors.
 */
export class InPlaceAdam {
  readonly #core: AdaptiveMoments<Float32Array>;

  constructor(options: AdamOptions) {
    this.#core = new AdaptiveMoments(arraySpace, options);
  }

  /** One step of x along −g, clipped to [0, 1], in place. */
  step(x: Float32Array, g: Float32Array): void {
    this.#core.step(x, g);
    for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i]!));
  }
}
