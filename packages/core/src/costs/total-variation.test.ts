import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ActivationShapeError, initBackend, tf, totalVariation } from '../index.js';
import { randomActivation, scalarValue } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

describe('totalVariation', () => {
  test('sums squared vertical and horizontal differences, by hand', () => {
    // [[1, 2], [4, 8]]: down (4−1)² + (8−2)² = 45, right (2−1)² + (8−4)² = 17.
    const x = tf.tensor4d([1, 2, 4, 8], [1, 2, 2, 1]);
    assert.equal(scalarValue(totalVariation(x)), 62);
    // Channels are independent: two channels of the same image double it.
    const x2 = tf.tensor4d([1, 1, 2, 2, 4, 4, 8, 8], [1, 2, 2, 2]);
    assert.equal(scalarValue(totalVariation(x2)), 124);
    tf.dispose([x, x2]);
  });

  test('is 0 on a constant image, on a single pixel, and ≥ 0 on noise', () => {
    const flat = tf.fill([1, 4, 6, 3], 0.7) as tf.Tensor4D;
    const pixel = tf.ones([1, 1, 1, 3]) as tf.Tensor4D;
    const noise = randomActivation(5, 3, 3, 9);
    assert.equal(scalarValue(totalVariation(flat)), 0);
    assert.equal(scalarValue(totalVariation(pixel)), 0);
    assert.ok(scalarValue(totalVariation(noise)) > 0);
    tf.dispose([flat, pixel, noise]);
  });

  test('rejects images that are not [1, H, W, C]', () => {
    const t = tf.zeros([4, 4, 3]);
    assert.throws(() => totalVariation(t as tf.Tensor4D), ActivationShapeError);
    t.dispose();
  });
});
