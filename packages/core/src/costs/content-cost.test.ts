import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ActivationShapeError, contentCost, initBackend, ShapeMismatchError, tf } from '../index.js';
import { randomActivation, scalarValue } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

describe('contentCost', () => {
  test('is Σ(aC − aG)² / (4·nH·nW·nC) on a 2×2×2 activation by hand', () => {
    // Differences −7, −5, −3, −1, 1, 3, 5, 7: squares sum to 168; 4·2·2·2 = 32.
    const aC = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const aG = tf.tensor4d([8, 7, 6, 5, 4, 3, 2, 1], [1, 2, 2, 2]);
    assert.equal(scalarValue(contentCost(aC, aG)), 168 / 32);
    tf.dispose([aC, aG]);
  });

  test('is ≥ 0, 0 for equal inputs, and symmetric, on random non-square activations', () => {
    for (let seed = 0; seed < 5; seed++) {
      const aC = randomActivation(3, 5 + seed, 3 + 2 * seed, seed);
      const aG = randomActivation(3, 5 + seed, 3 + 2 * seed, seed + 100);
      const j = scalarValue(contentCost(aC, aG));
      assert.ok(j > 0, `J = ${j}`);
      assert.equal(scalarValue(contentCost(aG, aC)), j);
      assert.equal(scalarValue(contentCost(aC, aC)), 0);
      tf.dispose([aC, aG]);
    }
  });

  test('scales by s² when both activations scale by s', () => {
    const aC = randomActivation(4, 3, 5, 1);
    const aG = randomActivation(4, 3, 5, 2);
    const j = scalarValue(contentCost(aC, aG));
    const js = tf.tidy(() => scalarValue(contentCost(tf.mul(aC, 3) as tf.Tensor4D, tf.mul(aG, 3) as tf.Tensor4D)));
    assert.ok(Math.abs(js - 9 * j) <= 1e-5 * js);
    tf.dispose([aC, aG]);
  });

  test('names both shapes when they differ', () => {
    const aC = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    const aG = tf.zeros([1, 4, 4, 8]) as tf.Tensor4D;
    assert.throws(
      () => contentCost(aC, aG),
      (e: unknown) => e instanceof ShapeMismatchError && e.message.includes('[1, 4, 4, 3]') && e.message.includes('[1, 4, 4, 8]'),
    );
    const batch = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
    assert.throws(() => contentCost(batch, batch), ActivationShapeError);
    tf.dispose([aC, aG, batch]);
  });
});
