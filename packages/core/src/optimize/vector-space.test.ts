import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { arraySpace, tensorSpace } from './vector-space.js';

describe('addScaledDot', () => {
  test('is a + t·b in place of a, with its dot product with c: on arrays and on tensors', async () => {
    const a = [1, 2, -3];
    const b = [0.5, -1, 2];
    const c = [2, 0, 1];
    // a + 2b = [2, 0, 1]; · c = 4 + 0 + 1
    const onArray = Float32Array.from(a);
    const [x, dot] = await arraySpace.addScaledDot(onArray, 2, Float32Array.from(b), Float32Array.from(c));
    assert.equal(x, onArray);
    assert.deepEqual([...x], [2, 0, 1]);
    assert.equal(dot, 5);

    const before = tf.memory().numTensors;
    const [ta, tb, tc] = [a, b, c].map((v) => tf.tensor1d(v));
    const [tx, tdot] = await tensorSpace.addScaledDot(ta!, 2, tb!, tc!);
    assert.deepEqual([...(await tx.data())], [2, 0, 1]);
    assert.equal(tdot, 5);
    assert.equal(ta!.isDisposed, true);
    [tx, tb!, tc!].forEach((t) => t.dispose());
    assert.equal(tf.memory().numTensors, before);
  });
});
