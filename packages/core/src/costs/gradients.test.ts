import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { contentCost, gramMatrix, initBackend, layerStyleCost, styleCost, tf, totalVariation } from '../index.js';
import { assertClose, directionalDerivatives, randomActivation, randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

/** f at random points x along random directions v: ⟨∇f(x), v⟩ against central differences. */
function checkAgainstFiniteDifferences(name: string, f: (x: tf.Tensor4D) => tf.Scalar, [nH, nW, nC]: number[], h = 1e-2): void {
  for (let seed = 1; seed <= 3; seed++) {
    const x = randomActivation(nH!, nW!, nC!, seed);
    const v = tf.tensor4d(randomValues(nH! * nW! * nC!, seed + 1000), [1, nH!, nW!, nC!]);
    const { numeric, analytic } = directionalDerivatives(f, x, v, h);
    assertClose(analytic, numeric, { rtol: 2e-3, atol: 1e-4 }, `${name} directional derivative (seed ${seed})`);
    tf.dispose([x, v]);
  }
}

describe('gradients agree with finite differences', () => {
  const target = randomActivation(3, 4, 5, 77);
  const targetGram = gramMatrix(target);
  const style1 = randomActivation(3, 4, 3, 78);
  const style2 = randomActivation(2, 3, 6, 79);

  test('gramMatrix (through Σ G ⊙ W for a fixed random W)', () => {
    const w = tf.tensor2d(randomValues(25, 5), [5, 5]);
    checkAgainstFiniteDifferences('gramMatrix', (x) => tf.sum(tf.mul(gramMatrix(x), w)), [3, 4, 5]);
    w.dispose();
  });
  test('contentCost', () => checkAgainstFiniteDifferences('contentCost', (x) => contentCost(target, x), [3, 4, 5]));
  test('layerStyleCost', () => checkAgainstFiniteDifferences('layerStyleCost', (x) => layerStyleCost(target, x), [3, 4, 5]));
  test('layerStyleCost from a Gram matrix', () =>
    checkAgainstFiniteDifferences('layerStyleCost(G_S)', (x) => layerStyleCost(targetGram, x), [3, 4, 5]));
  test('styleCost', () =>
    checkAgainstFiniteDifferences(
      'styleCost',
      (x) =>
        styleCost(
          { a: style1, b: style2 },
          { a: x, b: tf.slice(x, [0, 0, 0, 0], [1, 2, 3, -1]).tile([1, 1, 1, 2]) as tf.Tensor4D },
          { a: 1, b: 0.5 },
        ),
      [3, 4, 3],
    ));
  test('totalVariation', () => checkAgainstFiniteDifferences('totalVariation', totalVariation, [4, 3, 3]));
});

describe('gradients in closed form', () => {
  test('∂J_content/∂a_G = (a_G − a_C) / (2·nH·nW·nC)', () => {
    const aC = randomActivation(2, 3, 4, 1);
    const aG = randomActivation(2, 3, 4, 2);
    const grad = tf.grad((x: tf.Tensor) => contentCost(aC, x as tf.Tensor4D))(aG);
    const expected = tf.div(tf.sub(aG, aC), 2 * 2 * 3 * 4);
    assertClose(grad.dataSync(), expected.dataSync(), { rtol: 1e-5, atol: 1e-7 });
    tf.dispose([aC, aG, grad, expected]);
  });

  test("gramMatrix's hand-written gradient equals autodiff of Fᵀ·F", () => {
    const a = randomActivation(4, 3, 6, 3);
    const dG = tf.tensor2d(randomValues(36, 4), [6, 6]); // not symmetric, on purpose
    const ours = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gramMatrix(x as tf.Tensor4D), dG)))(a);
    const plain = tf.grad((x: tf.Tensor) => {
      const f = tf.reshape(x, [12, 6]);
      return tf.sum(tf.mul(tf.matMul(f, f, true, false), dG));
    })(a);
    assert.deepEqual(ours.shape, a.shape);
    assertClose(ours.dataSync(), plain.dataSync(), { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([a, dG, ours, plain]);
  });
});
