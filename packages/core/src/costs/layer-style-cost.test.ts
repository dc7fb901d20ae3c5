import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { gramMatrix, initBackend, layerStyleCost, ShapeMismatchError, tf } from '../index.js';
import { randomActivation, scalarValue } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

describe('layerStyleCost', () => {
  test('is Σ(G_S − G_G)² / (2·nH·nW·nC)² on a 2×2×2 activation by hand', () => {
    // G_S = [[84, 100], [100, 120]], G_G = 0: Σ = 84² + 2·100² + 120² = 41456; (2·2·2·2)² = 256.
    const aS = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const aG = tf.zeros([1, 2, 2, 2]) as tf.Tensor4D;
    assert.equal(scalarValue(layerStyleCost(aS, aG)), 41456 / 256);
    tf.dispose([aS, aG]);
  });

  test('gives the same cost from a precomputed style Gram matrix', () => {
    const aS = randomActivation(5, 3, 7, 1);
    const aG = randomActivation(5, 3, 7, 2);
    const gS = gramMatrix(aS);
    assert.equal(scalarValue(layerStyleCost(gS, aG)), scalarValue(layerStyleCost(aS, aG)));
    tf.dispose([aS, aG, gS]);
  });

  test('is ≥ 0, 0 for equal inputs, and scales by s⁴ with the activations', () => {
    for (let seed = 0; seed < 5; seed++) {
      const [nH, nW, nC] = [2 + seed, 7 - seed, 1 + 2 * seed];
      const aS = randomActivation(nH, nW, nC, seed);
      const aG = randomActivation(nH, nW, nC, seed + 50);
      const j = scalarValue(layerStyleCost(aS, aG));
      assert.ok(j > 0, `J = ${j}`);
      assert.equal(scalarValue(layerStyleCost(aS, aS)), 0);
      const s = 1.7;
      const js = tf.tidy(() => scalarValue(layerStyleCost(tf.mul(aS, s) as tf.Tensor4D, tf.mul(aG, s) as tf.Tensor4D)));
      assert.ok(Math.abs(js - s ** 4 * j) <= 1e-4 * js, `${js} vs s⁴·${j}`);
      tf.dispose([aS, aG]);
    }
  });

  test('names the shapes when activations or the Gram matrix do not match', () => {
    const aG = tf.zeros([1, 3, 3, 4]) as tf.Tensor4D;
    const other = tf.zeros([1, 3, 5, 4]) as tf.Tensor4D;
    const gram = tf.zeros([3, 3]) as tf.Tensor2D;
    assert.throws(
      () => layerStyleCost(other, aG),
      (e: unknown) => e instanceof ShapeMismatchError && /\[1, 3, 5, 4\].*\[1, 3, 3, 4\]/.test(e.message),
    );
    assert.throws(
      () => layerStyleCost(gram, aG),
      (e: unknown) => e instanceof ShapeMismatchError && /\[3, 3\].*expected \[4, 4\]/.test(e.message),
    );
    tf.dispose([aG, other, gram]);
  });
});
