import assert from 'node:assert/strict';
import { tf } from '../index.js';
import { seededRandom } from '../networks/seeded-random.js';

/** Values uniform in [-1, 1), repeatable from `seed`. */
export function randomValues(size: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: size }, () => next() * 2 - 1);
}

/** A `[1, nH, nW, nC]` activation of seeded values in [0, 1) · scale, like a ReLU output. */
export function randomActivation(nH: number, nW: number, nC: number, seed: number): tf.Tensor4D {
  const values = randomValues(nH * nW * nC, seed).map((v) => (v + 1) / 2);
  return tf.tensor4d(values, [1, nH, nW, nC]);
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise. */
export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  { rtol = 1e-5, atol = 1e-6 }: { rtol?: number; atol?: number } = {},
  what = 'value',
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${what}: length ${a.length} ≠ ${e.length}`);
  a.forEach((x, i) => {
    const y = e[i] ?? NaN;
    assert.ok(
      Math.abs(x - y) <= atol + rtol * Math.abs(y),
      `${what}[${i}]: ${x} differs from ${y} by more than atol ${atol} + rtol ${rtol}`,
    );
  });
}

/** Reads a scalar tensor and disposes it. */
export function scalarValue(t: tf.Tensor): number {
  const [v] = t.dataSync();
  t.dispose();
  return v ?? NaN;
}

/**
 * Central finite difference of `f` at `x` along `direction`: (f(x + h·v) − f(x − h·v)) / 2h,
 * against the analytic directional derivative ⟨∇f(x), v⟩.
 */
export function directionalDerivatives(
  f: (x: tf.Tensor4D) => tf.Scalar,
  x: tf.Tensor4D,
  direction: tf.Tensor4D,
  h: number,
): { numeric: number; analytic: number } {
  return tf.tidy(() => {
    const plus = scalarValue(f(tf.add(x, tf.mul(direction, h))));
    const minus = scalarValue(f(tf.sub(x, tf.mul(direction, h))));
    const gradient = tf.grad((t: tf.Tensor) => f(t as tf.Tensor4D))(x);
    return { numeric: (plus - minus) / (2 * h), analytic: scalarValue(tf.sum(tf.mul(gradient, direction))) };
  });
}
