import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './optimizer.js';

/** The settings of {@link Adam}. */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * Adam on one tensor, with its moments held as plain tensors (no tf.Variable, no global state):
 * `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `x ← x − lr · m̂ / (√v̂ + ε)`.
 * Ref: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1.
 */
export class Adam implements Optimizer {
  readonly #lr: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;
  #m: tf.Tensor | undefined;
  #v: tf.Tensor | undefined;
  #t = 0;

  constructor({ learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions) {
    this.#lr = learningRate;
    this.#beta1 = beta1;
    this.#beta2 = beta2;
    this.#epsilon = epsilon;
  }

  async step<T extends tf.Tensor>(x: T, _loss: number, g: tf.Tensor): Promise<T> {
    this.#t += 1;
    const [m, v, next] = tf.tidy(() => {
      const m = tf.add(tf.mul(this.#m ?? tf.zerosLike(g), this.#beta1), tf.mul(g, 1 - this.#beta1));
      const v = tf.add(tf.mul(this.#v ?? tf.zerosLike(g), this.#beta2), tf.mul(tf.square(g), 1 - this.#beta2));
      const stepSize = (this.#lr * Math.sqrt(1 - this.#beta2 ** this.#t)) / (1 - this.#beta1 ** this.#t);
      return [m, v, tf.sub(x, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.#epsilon)), stepSize))];
    });
    tf.dispose([this.#m, this.#v].filter((t): t is tf.Tensor => t !== undefined));
    this.#m = m;
    this.#v = v;
    return next as T;
  }

  dispose(): void {
    tf.dispose([this.#m, this.#v].filter((t): t is tf.Tensor => t !== undefined));
    this.#m = this.#v = undefined;
  }
}

/**
 * {@link Adam} on a plain array, updated in place and projected onto [0, 1]: the optimiser of
 * stages held as {@link Pixels}, whose moments would otherwise be two more image-sized tensors.
 */
export class InPlaceAdam {
  readonly #lr: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;
  readonly #m: Float32Array;
  readonly #v: Float32Array;
  #t = 0;

  constructor(size: number, { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions) {
    this.#lr = learningRate;
    this.#beta1 = beta1;
    this.#beta2 = beta2;
    this.#epsilon = epsilon;
    this.#m = new Float32Array(size);
    this.#v = new Float32Array(size);
  }

  /** One step of x along −g, clipped to [0, 1], in place. */
  step(x: Float32Array, g: Float32Array): void {
    this.#t += 1;
    const [b1, b2, eps, m, v] = [this.#beta1, this.#beta2, this.#epsilon, this.#m, this.#v];
    const stepSize = (this.#lr * Math.sqrt(1 - b2 ** this.#t)) / (1 - b1 ** this.#t);
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const mi = (m[i] = b1 * m[i]! + (1 - b1) * gi);
      const vi = (v[i] = b2 * v[i]! + (1 - b2) * gi * gi);
      x[i] = Math.min(1, Math.max(0, x[i]! - (stepSize * mi) / (Math.sqrt(vi) + eps)));
    }
  }
}
