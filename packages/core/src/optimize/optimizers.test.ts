import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Adam, initBackend, Lbfgs, tf } from '../index.js';
import { AdaptiveMoments, InPlaceAdam } from './adam.js';
import { LimitedMemoryBfgs } from './lbfgs.js';
import { arraySpace } from './vector-space.js';
import type { Optimizer } from './optimizer.js';

before(() => initBackend({ backend: 'cpu' }));

/** f(x) = Σ a_i (x_i − c_i)², condition number 1000, minimum 0 at c. */
const a = tf.tensor1d(Array.from({ length: 20 }, (_, i) => 0.1 * 1000 ** (i / 19)));
const c = tf.tensor1d(Array.from({ length: 20 }, (_, i) => Math.sin(i) * 3));
const quadratic = (x: tf.Tensor) => tf.sum(tf.mul(a, tf.square(tf.sub(x, c)))) as tf.Scalar;

/** Rosenbrock in 2-D: minimum 0 at (1, 1) at the bottom of a curved valley. */
const rosenbrock = (x: tf.Tensor) =>
  tf.tidy(() => {
    const [u, v] = tf.split(x, 2) as [tf.Tensor, tf.Tensor];
    return tf.sum(tf.add(tf.square(tf.sub(1, u)), tf.mul(100, tf.square(tf.sub(v, tf.square(u)))))) as tf.Scalar;
  });

async function minimise(optimizer: Optimizer, f: (x: tf.Tensor) => tf.Scalar, x0: number[], iterations: number) {
  let x = tf.tensor1d(x0);
  let loss = Infinity;
  for (let i = 0; i < iterations; i++) {
    const { value, grad } = tf.valueAndGrad(f)(x);
    loss = (await value.data())[0]!;
    const next = await optimizer.step(x, loss, grad);
    tf.dispose([value, grad, x]);
    x = next;
  }
  optimizer.dispose();
  const values = Array.from(await x.data());
  x.dispose();
  return { loss, values };
}

describe('Lbfgs', () => {
  test('finds the minimum of an ill-conditioned quadratic: in 80 evaluations with a full history, 200 with 10 pairs', async () => {
    const target = Array.from(c.dataSync());
    for (const [historySize, iterations] of [
      [20, 80],
      [10, 200],
    ] as const) {
      const { values } = await minimise(new Lbfgs({ historySize }), quadratic, new Array(20).fill(0), iterations);
      values.forEach((v, i) => assert.ok(Math.abs(v - target[i]!) < 1e-3, `m = ${historySize}: x[${i}] = ${v}, want ${target[i]}`));
    }
  });

  test('follows the Rosenbrock valley to (1, 1)', async () => {
    const { values, loss } = await minimise(new Lbfgs(), rosenbrock, [-1.2, 1], 200);
    assert.ok(loss < 1e-6, `f = ${loss}`);
    assert.ok(Math.abs(values[0]! - 1) < 1e-2 && Math.abs(values[1]! - 1) < 2e-2, String(values));
  });

  test('on plain arrays takes the same steps as on tensors', async () => {
    const onArrays = new LimitedMemoryBfgs(arraySpace, { historySize: 3 });
    const onTensors = new Lbfgs({ historySize: 3 });
    let [x, t]: [Float32Array, tf.Tensor] = [new Float32Array(20), tf.zeros([20])];
    for (let i = 0; i < 30; i++) {
      const { value, grad } = tf.valueAndGrad(quadratic)(t);
      const loss = (await value.data())[0]!;
      const [nextArray, nextTensor] = [
        await onArrays.step(x, loss, (await grad.data()) as Float32Array),
        await onTensors.step(t, loss, grad),
      ];
      tf.dispose([value, grad, t]);
      [x, t] = [nextArray, nextTensor];
      const worst = Array.from(await t.data()).reduce((m, v, k) => Math.max(m, Math.abs(v - x[k]!)), 0);
      assert.ok(worst < 1e-4 * (1 + Math.max(...Array.from(x, Math.abs))), `step ${i + 1}: differs by ${worst}`);
    }
    onTensors.dispose();
    t.dispose();
  });

  test('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await minimise(new Lbfgs({ historySize: 3 }), quadratic, new Array(20).fill(1), 25);
    assert.equal(tf.memory().numTensors, before);
  });
});

describe('Adam', () => {
  test('approaches the minimum of a quadratic and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const { loss } = await minimise(new Adam({ learningRate: 0.1 }), quadratic, new Array(20).fill(0), 400);
    assert.ok(loss < 1e-3, `f = ${loss}`);
    assert.equal(tf.memory().numTensors, before);
  });

  test('the first step moves each element by the learning rate against its gradient’s sign, on tensors and on arrays', async () => {
    // m̂₁ = g, v̂₁ = g²: x₁ = x₀ − lr·g/(|g| + ε), with ε = 1e-8 beside |g| ≥ 0.25.
    const x = [0.5, 0.25, -1, 2];
    const g = [3, -0.25, 1e3, -7];
    const expected = x.map((xi, i) => xi - 0.1 * Math.sign(g[i]!));
    const adam = new Adam({ learningRate: 0.1 });
    const [tx, tg] = [tf.tensor1d(x), tf.tensor1d(g)];
    const next = await adam.step(tx, 0, tg);
    const onTensors = Array.from(await next.data());
    tf.dispose([tx, tg, next]);
    adam.dispose();
    const onArrays = Float32Array.from(x);
    new AdaptiveMoments(arraySpace, { learningRate: 0.1 }).step(onArrays, Float32Array.from(g));
    for (const got of [onTensors, Array.from(onArrays)]) {
      got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-6, `${i}: ${v} vs ${expected[i]}`));
    }
  });

  test('InPlaceAdam is Adam projected onto [0, 1], step for step', async () => {
    const x = Float32Array.from({ length: 12 }, (_, i) => 0.5 + 0.4 * Math.sin(i));
    const adam = new Adam({ learningRate: 0.1 });
    const inPlace = new InPlaceAdam({ learningRate: 0.1 });
    let t = tf.tensor1d(x);
    for (let step = 0; step < 5; step++) {
      const g = Float32Array.from({ length: 12 }, (_, i) => Math.cos(i * (step + 1)));
      const next = await adam.step(t, 0, tf.tensor1d(g));
      t.dispose();
      t = tf.tidy(() => tf.clipByValue(next, 0, 1));
      next.dispose();
      inPlace.step(x, g);
      const worst = Array.from(await t.data()).reduce((m, v, i) => Math.max(m, Math.abs(v - x[i]!)), 0);
      assert.ok(worst < 1e-6, `step ${step + 1}: differs by ${worst}`);
    }
    adam.dispose();
    t.dispose();
  });
});
