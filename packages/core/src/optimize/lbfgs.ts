import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './optimizer.js';

/** The settings of {@link Lbfgs}. */
export interface LbfgsOptions {
  /** First trial step along a quasi-Newton direction. Default 1. */
  readonly learningRate?: number;
  /** The first steepest-descent step moves no element by more than this. Default 0.02. */
  readonly firstStep?: number;
  /** How many (s, y) pairs approximate the inverse Hessian. Default 10. */
  readonly historySize?: number;
}

interface Pair {
  readonly s: tf.Tensor;
  readonly y: tf.Tensor;
  readonly rho: tf.Scalar;
}

/** The point a step was taken from, and the step. */
interface Trial {
  readonly x: tf.Tensor;
  readonly g: tf.Tensor;
  readonly d: tf.Tensor;
  readonly loss: number;
  /** ∇Jᵀd, < 0 for a descent direction. */
  readonly slope: number;
  t: number;
  readonly steepest: boolean;
}

const ARMIJO = 1e-4;

async function read(scalar: tf.Tensor): Promise<number> {
  const [value = NaN] = await scalar.data();
  scalar.dispose();
  return value;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search spread over calls: each call
 * evaluates one trial point; a trial that does not lower J by `1e-4·t·∇Jᵀd` is halved from the
 * same start, one that does is accepted and its (s, y) pair stored when `sᵀy > 1e-10`. Directions
 * come from the two-loop recursion with `H₀ = sᵀy / yᵀy`; with no pairs (start, or style costs'
 * negative curvature near the content image) the step is steepest descent whose length doubles
 * after each accepted step.
 * Ref: Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 3.1 and 7.4.
 */
export class Lbfgs implements Optimizer {
  readonly #lr: number;
  readonly #m: number;
  readonly #firstStep: number;
  readonly #pairs: Pair[] = [];
  #trial: Trial | undefined;
  /** Length of the next steepest-descent step; set from the first gradient. */
  #steepestT: number | undefined;

  constructor({ learningRate = 1, firstStep = 0.02, historySize = 10 }: LbfgsOptions = {}) {
    this.#lr = learningRate;
    this.#firstStep = firstStep;
    this.#m = historySize;
  }

  async step<T extends tf.Tensor>(x: T, loss: number, g: tf.Tensor): Promise<T> {
    const trial = this.#trial;
    if (trial !== undefined) {
      if (!(loss <= trial.loss + ARMIJO * trial.t * trial.slope)) {
        trial.t /= 2; // backtrack from the same start
        if (trial.t * Math.abs(trial.slope) > 1e-12 * Math.max(1, Math.abs(trial.loss))) {
          return tf.tidy(() => tf.add(trial.x, tf.mul(trial.d, trial.t))) as T;
        }
        this.#clearPairs(); // the direction is useless: start again from steepest descent
        this.#steepestT = undefined;
        return this.#from(trial.x as T, trial.loss, trial.g);
      }
      await this.#accept(trial, x, g);
    }
    return this.#from(x, loss, g);
  }

  async #accept(trial: Trial, x: tf.Tensor, g: tf.Tensor): Promise<void> {
    const [s, y] = tf.tidy(() => [tf.sub(x, trial.x), tf.sub(g, trial.g)]) as [tf.Tensor, tf.Tensor];
    const sy = await read(tf.tidy(() => tf.sum(tf.mul(s, y))));
    if (sy > 1e-10) {
      this.#pairs.push({ s, y, rho: tf.scalar(1 / sy) });
      if (this.#pairs.length > this.#m) {
        const oldest = this.#pairs.shift();
        if (oldest !== undefined) tf.dispose([oldest.s, oldest.y, oldest.rho]);
      }
    } else {
      tf.dispose([s, y]);
    }
    if (trial.steepest && this.#steepestT !== undefined) this.#steepestT = trial.t * 2;
    this.#disposeTrial();
  }

  /** A new trial from x: quasi-Newton if there are pairs and it descends, else steepest descent. */
  async #from<T extends tf.Tensor>(x: T, loss: number, g: tf.Tensor): Promise<T> {
    let steepest = this.#pairs.length === 0;
    let d = tf.tidy(() => (steepest ? tf.neg(g) : this.#direction(g)));
    let slope = await read(tf.tidy(() => tf.sum(tf.mul(g, d))));
    if (!steepest && !(slope < 0)) {
      this.#clearPairs();
      d.dispose();
      steepest = true;
      d = tf.neg(g);
      slope = await read(tf.tidy(() => tf.sum(tf.mul(g, d))));
    }
    if (steepest) {
      this.#steepestT ??= this.#firstStep / Math.max(await read(tf.tidy(() => tf.max(tf.abs(g)))), 1e-30);
    }
    const t = steepest ? (this.#steepestT ?? 1) : this.#lr;
    const next = tf.tidy(() => tf.add(x, tf.mul(d, t))) as T;
    const trial = { x: tf.clone(x), g: tf.clone(g), d, loss, slope, t, steepest };
    this.#disposeTrial(); // after cloning: x and g may be the old trial's
    this.#trial = trial;
    return next;
  }

  /** The two-loop recursion: −H·g from the stored pairs. */
  #direction(g: tf.Tensor): tf.Tensor {
    let q: tf.Tensor = tf.neg(g);
    const alphas: tf.Tensor[] = [];
    for (let i = this.#pairs.length - 1; i >= 0; i--) {
      const { s, y, rho } = this.#pairs[i]!;
      alphas[i] = tf.mul(tf.sum(tf.mul(s, q)), rho);
      q = tf.sub(q, tf.mul(y, alphas[i]!));
    }
    const newest = this.#pairs.at(-1)!;
    let r = tf.mul(q, tf.div(tf.sum(tf.mul(newest.s, newest.y)), tf.sum(tf.square(newest.y))));
    this.#pairs.forEach(({ s, y, rho }, i) => {
      const beta = tf.mul(tf.sum(tf.mul(y, r)), rho);
      r = tf.add(r, tf.mul(s, tf.sub(alphas[i]!, beta)));
    });
    return r;
  }

  #clearPairs(): void {
    for (const { s, y, rho } of this.#pairs) tf.dispose([s, y, rho]);
    this.#pairs.length = 0;
  }

  #disposeTrial(): void {
    if (this.#trial !== undefined) tf.dispose([this.#trial.x, this.#trial.g, this.#trial.d]);
    this.#trial = undefined;
  }

  dispose(): void {
    this.#clearPairs();
    this.#disposeTrial();
  }
}
