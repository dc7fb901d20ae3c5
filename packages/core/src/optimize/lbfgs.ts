import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './optimizer.js';
import { tensorSpace, type VectorSpace } from './vector-space.js';

/** The settings of {@link Lbfgs}. */
export interface LbfgsOptions {
  /** First trial step along a quasi-Newton direction. Default 1. */
  readonly learningRate?: number;
  /** The first steepest-descent step moves no element by more than this. Default 0.02. */
  readonly firstStep?: number;
  /** How many (s, y) pairs approximate the inverse Hessian. Default 10. */
  readonly historySize?: number;
}

interface Pair<V> {
  readonly s: V;
  readonly y: V;
  /** 1 / sᵀy. */
  readonly rho: number;
  readonly yy: number;
}

/** The step on trial: from the last accepted point x₀ along d. */
interface Trial<V> {
  readonly x: V;
  /** ∇J(x₀). */
  readonly g: V;
  readonly d: V;
  /** J(x₀). */
  readonly loss: number;
  /** ∇J(x₀)ᵀd, < 0 for a descent direction. */
  readonly slope: number;
  t: number;
  readonly steepest: boolean;
}

const ARMIJO = 1e-4;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search spread over calls: each call
 * evaluates one trial point; a trial that does not lower J by `1e-4·t·∇Jᵀd` is halved from the
 * same start, one that does is accepted and its (s, y) pair stored when `sᵀy > 1e-10`. Directions
 * come from the two-loop recursion with `H₀ = sᵀy / yᵀy`; with no pairs (start, or style costs'
 * negative curvature near the content image) the step is steepest descent whose length doubles
 * after each accepted step. Generic over where the vectors live ({@link VectorSpace}); the iterate
 * moves in place and a trial's start and gradient become its (s, y) pair, so that the state is
 * 3 + 2·historySize vectors besides x.
 * Ref: Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 3.1 and 7.4.
 */
export class LimitedMemoryBfgs<V> {
  readonly #space: VectorSpace<V>;
  readonly #lr: number;
  readonly #m: number;
  readonly #firstStep: number;
  readonly #pairs: Pair<V>[] = [];
  /** Vectors done with, to be overwritten rather than allocated again (a 4096² image's is 200 MB). */
  readonly #spare: V[] = [];
  #trial: Trial<V> | undefined;
  /** Length of the next steepest-descent step; set from the first gradient. */
  #steepestT: number | undefined;

  constructor(space: VectorSpace<V>, { learningRate = 1, firstStep = 0.02, historySize = 10 }: LbfgsOptions = {}) {
    this.#space = space;
    this.#lr = learningRate;
    this.#firstStep = firstStep;
    this.#m = historySize;
  }

  /**
   * Given x (the start, or the point this last returned), J(x) and ∇J(x), the next x to evaluate.
   * Consumes x (moved in place, or replaced); `g` is read, not kept.
   */
  async step(x: V, loss: number, g: V): Promise<V> {
    const space = this.#space;
    const trial = this.#trial;
    if (trial !== undefined) {
      if (!(loss <= trial.loss + ARMIJO * trial.t * trial.slope)) {
        const half = trial.t / 2; // backtrack from the same start
        if (half * Math.abs(trial.slope) > 1e-12 * Math.max(1, Math.abs(trial.loss))) {
          trial.t = half;
          return space.addScaled(space.assign(x, trial.x), half, trial.d);
        }
        this.#clearPairs(); // the direction is useless: start again from steepest descent
        this.#steepestT = undefined;
        return this.#from(space.assign(x, trial.x), trial.loss, trial.g);
      }
      await this.#accept(trial, x, g);
    }
    return this.#from(x, loss, g);
  }

  /** The lower-cost of x (the point this last returned, of cost `loss`) and the last accepted point. Consumes x. */
  settle(x: V, loss: number): V {
    const trial = this.#trial;
    return trial !== undefined && !(loss < trial.loss) ? this.#space.assign(x, trial.x) : x;
  }

  /** Stores the accepted trial's pair: s = x − x₀ and y = g − g₀, in place of x₀ and g₀. */
  async #accept(trial: Trial<V>, x: V, g: V): Promise<void> {
    const space = this.#space;
    this.#trial = undefined;
    this.#recycle(trial.d);
    const s = space.addScaled(space.scale(trial.x, -1), 1, x);
    const [y, sy] = await space.addScaledDot(space.scale(trial.g, -1), 1, g, s);
    if (sy > 1e-10) {
      this.#pairs.push({ s, y, rho: 1 / sy, yy: await space.dot(y, y) });
      if (this.#pairs.length > this.#m) {
        const oldest = this.#pairs.shift();
        if (oldest !== undefined) [oldest.s, oldest.y].forEach((v) => this.#recycle(v));
      }
    } else {
      [s, y].forEach((v) => this.#recycle(v));
    }
    if (trial.steepest && this.#steepestT !== undefined) this.#steepestT = trial.t * 2;
  }

  /** A new trial from x: quasi-Newton if there are pairs and it descends, else steepest descent. */
  async #from(x: V, loss: number, g: V): Promise<V> {
    const space = this.#space;
    let steepest = this.#pairs.length === 0;
    let { d, slope } = steepest ? await this.#steepest(g) : await this.#direction(g);
    if (!steepest && !(slope < 0)) {
      this.#clearPairs();
      this.#recycle(d);
      steepest = true;
      ({ d, slope } = await this.#steepest(g));
    }
    if (steepest) this.#steepestT ??= this.#firstStep / Math.max(await space.maxAbs(g), 1e-30);
    const t = steepest ? (this.#steepestT ?? 1) : this.#lr;
    const trial = { x: this.#copy(x), g: this.#copy(g), d, loss, slope, t, steepest };
    this.#disposeTrial(); // after cloning: x and g may be the old trial's
    this.#trial = trial;
    return space.addScaled(x, t, d);
  }

  /** −g, and its slope gᵀ(−g). */
  async #steepest(g: V): Promise<{ d: V; slope: number }> {
    const d = this.#space.scale(this.#copy(g), -1);
    return { d, slope: await this.#space.dot(g, d) };
  }

  /**
   * The two-loop recursion: d = −H·g from the stored pairs, and its slope gᵀd. Each update
   * carries the dot product the next one needs (`addScaledDot`), so a loop makes one pass over
   * the vectors a pair, not two; the last carries y₀ᵀq into the second loop, and the second's
   * last gives gᵀd.
   */
  async #direction(g: V): Promise<{ d: V; slope: number }> {
    const space = this.#space;
    const pairs = this.#pairs;
    const n = pairs.length;
    let q = space.scale(this.#copy(g), -1);
    let dot = await space.dot(pairs[n - 1]!.s, q); // sᵢᵀq
    const alphas: number[] = [];
    for (let i = n - 1; i >= 0; i--) {
      alphas[i] = pairs[i]!.rho * dot;
      [q, dot] = await space.addScaledDot(q, -alphas[i]!, pairs[i]!.y, i > 0 ? pairs[i - 1]!.s : pairs[0]!.y);
    }
    const newest = pairs[n - 1]!;
    const gamma = 1 / (newest.rho * newest.yy); // H₀ = sᵀy / yᵀy
    let r = space.scale(q, gamma);
    dot *= gamma; // y₀ᵀr
    for (let i = 0; i < n; i++) {
      const beta = pairs[i]!.rho * dot;
      [r, dot] = await space.addScaledDot(r, alphas[i]! - beta, pairs[i]!.s, i + 1 < n ? pairs[i + 1]!.y : g);
    }
    return { d: r, slope: dot };
  }

  /** `v`'s values in a spare vector, or a new one. */
  #copy(v: V): V {
    const spare = this.#spare.pop();
    return spare === undefined ? this.#space.clone(v) : this.#space.assign(spare, v);
  }

  /** Keeps `v` to overwrite later (up to the three a step allocates), else frees it. */
  #recycle(v: V): void {
    if (this.#spare.length < 3) this.#spare.push(v);
    else this.#space.dispose(v);
  }

  #clearPairs(): void {
    for (const { s, y } of this.#pairs) [s, y].forEach((v) => this.#recycle(v));
    this.#pairs.length = 0;
  }

  #disposeTrial(): void {
    if (this.#trial !== undefined) [this.#trial.x, this.#trial.g, this.#trial.d].forEach((v) => this.#recycle(v));
    this.#trial = undefined;
  }

  dispose(): void {
    this.#clearPairs();
    this.#disposeTrial();
    this.#spare.splice(0).forEach((v) => this.#space.dispose(v));
  }
}

/**
 * L-BFGS on tensors: a backtracking (Armijo) line search spread over calls (one trial point a call),
 * directions from the two-loop recursion over the last `historySize` (s, y) pairs, steepest descent
 * when there are none. Ref: Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 3.1 and 7.4.
 */
export class Lbfgs implements Optimizer {
  readonly #core: LimitedMemoryBfgs<tf.Tensor>;

  constructor(options: LbfgsOptions = {}) {
    this.#core = new LimitedMemoryBfgs(tensorSpace, options);
  }

  step<T extends tf.Tensor>(x: T, loss: number, g: tf.Tensor): Promise<T> {
    return this.#core.step(tf.clone(x), loss, g) as Promise<T>;
  }

  dispose(): void {
    this.#core.dispose();
  }
}
