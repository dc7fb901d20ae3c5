import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DEFAULT_TOTAL_COST_WEIGHTS, initBackend, InvalidWeightError, ShapeMismatchError, tf, totalCost } from '../index.js';
import { scalarValue } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

describe('totalCost', () => {
  test('is α·J_content + β·J_style, with α = 10 and β = 40 by default', () => {
    const jC = tf.scalar(3);
    const jS = tf.scalar(0.5);
    assert.equal(scalarValue(totalCost(jC, jS, { alpha: 2, beta: 4 })), 2 * 3 + 4 * 0.5);
    assert.equal(scalarValue(totalCost(jC, jS)), 10 * 3 + 40 * 0.5);
    assert.equal(scalarValue(totalCost(jC, jS, { beta: 0 })), 30);
    assert.deepEqual(DEFAULT_TOTAL_COST_WEIGHTS, { alpha: 10, beta: 40 });
    tf.dispose([jC, jS]);
  });

  test('rejects bad weights and non-scalar costs', () => {
    const j = tf.scalar(1);
    const v = tf.ones([2]);
    assert.throws(
      () => totalCost(j, j, { alpha: NaN }),
      (e: unknown) => e instanceof InvalidWeightError && /alpha is NaN/.test(e.message),
    );
    assert.throws(() => totalCost(j, j, { beta: -1 }), InvalidWeightError);
    assert.throws(
      () => totalCost(v as tf.Scalar, j),
      (e: unknown) => e instanceof ShapeMismatchError && /jContent.*\[2\]/.test(e.message),
    );
    tf.dispose([j, v]);
  });
});
