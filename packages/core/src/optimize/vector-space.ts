/**
 * Where an optimiser's vectors live. L-BFGS and Adam are each written once, over a
 * {@link VectorSpace}: tensors on the active backend for stages held in the tfjs heap, plain
 * arrays for tiled stages (whose image, gradient and optimiser state stay off the heap, see
 * `pixel-stage.ts`).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * What the optimisers do with their vectors. `scale`, `assign`, `addScaled`, `addScaledSquare`
 * and `addScaledRatio` consume their first argument (arrays are updated in place, tensors
 * replaced); `clone` and `zerosLike` are new, and nothing else is disposed.
 */
export interface VectorSpace<V> {
  /** `t·a`, in place of `a`. */
  scale(a: V, t: number): V;
  /** `b`'s values, in place of `a`. */
  assign(a: V, b: V): V;
  /** `a + t·b`, in place of `a`. */
  addScaled(a: V, t: number, b: V): V;
  /** `a + t·b⊙b` (element-wise square), in place of `a`. */
  addScaledSquare(a: V, t: number, b: V): V;
  /** `a + t·m ⊘ (√v + ε)` (element-wise), in place of `a`. */
  addScaledRatio(a: V, t: number, m: V, v: V, epsilon: number): V;
  dot(a: V, b: V): Promise<number>;
  /** `a + t·b`, in place of `a`, with its dot product with `c`: an update and the next dot product in one pass. */
  addScaledDot(a: V, t: number, b: V, c: V): Promise<readonly [V, number]>;
  maxAbs(a: V): Promise<number>;
  clone(a: V): V;
  /** Zeros, as many as `a` has. */
  zerosLike(a: V): V;
  dispose(a: V): void;
}

async function read(scalar: tf.Tensor): Promise<number> {
  const [value = NaN] = await scalar.data();
  scalar.dispose();
  return value;
}

/** Replaces `a` by `next(a)`: the tensor ops' way of working in place. */
function replace(a: tf.Tensor, next: () => tf.Tensor): tf.Tensor {
  const result = tf.tidy(next);
  a.dispose();
  return result;
}

/** Tensors on the active backend. */
export const tensorSpace: VectorSpace<tf.Tensor> = {
  scale: (a, t) => replace(a, () => tf.mul(a, t)),
  assign: (a, b) => replace(a, () => tf.clone(b)),
  addScaled: (a, t, b) => replace(a, () => tf.add(a, tf.mul(b, t))),
  addScaledSquare: (a, t, b) => replace(a, () => tf.add(a, tf.mul(tf.square(b), t))),
  addScaledRatio: (a, t, m, v, epsilon) => replace(a, () => tf.add(a, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon)), t))),
  dot: (a, b) => read(tf.tidy(() => tf.sum(tf.mul(a, b)))),
  addScaledDot: async (a, t, b, c) => {
    const next = replace(a, () => tf.add(a, tf.mul(b, t)));
    return [next, await read(tf.tidy(() => tf.sum(tf.mul(next, c))))];
  },
  maxAbs: (a) => read(tf.tidy(() => tf.max(tf.abs(a)))),
  clone: (a) => tf.clone(a),
  zerosLike: (a) => tf.zerosLike(a),
  dispose: (a) => a.dispose(),
};

/** Plain arrays, updated in place; sums in float64. */
export const arraySpace: VectorSpace<Float32Array> = {
  scale: (a, t) => {
    for (let i = 0; i < a.length; i++) a[i]! *= t;
    return a;
  },
  assign: (a, b) => {
    a.set(b);
    return a;
  },
  addScaled: (a, t, b) => {
    for (let i = 0; i < a.length; i++) a[i]! += t * b[i]!;
    return a;
  },
  addScaledSquare: (a, t, b) => {
    for (let i = 0; i < a.length; i++) a[i]! += t * (b[i]! * b[i]!);
    return a;
  },
  addScaledRatio: (a, t, m, v, epsilon) => {
    for (let i = 0; i < a.length; i++) a[i]! += t * (m[i]! / (Math.sqrt(v[i]!) + epsilon));
    return a;
  },
  dot: (a, b) => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
    return Promise.resolve(sum);
  },
  addScaledDot: (a, t, b, c) => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) {
      const v = Math.fround(a[i]! + t * b[i]!);
      a[i] = v;
      sum += v * c[i]!;
    }
    return Promise.resolve([a, sum]);
  },
  maxAbs: (a) => Promise.resolve(a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
  clone: (a) => a.slice(),
  zerosLike: (a) => new Float32Array(a.length),
  dispose: () => undefined,
};
