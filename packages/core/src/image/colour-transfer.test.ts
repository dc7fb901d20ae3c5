import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initBackend, tf, transferColour } from '../index.js';
import { assertClose, randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

/** Mean (3) and covariance (9) of an image's pixels. */
function moments(image: tf.Tensor4D): number[] {
  return tf.tidy(() => {
    const pixels = tf.reshape(image, [-1, 3]);
    const mean = tf.mean(pixels, 0);
    const centred = tf.sub(pixels, mean);
    return [...mean.dataSync(), ...tf.div(tf.matMul(centred, centred, true), pixels.shape[0]!).dataSync()];
  });
}

/** Random colours around `centre`, mixed so the channels correlate; inside [0, 1]. */
function colours(seed: number, centre: number[], spread: number, size = 12 * 9): tf.Tensor4D {
  return tf.tidy(() => {
    const noise = tf.tensor2d(randomValues(size * 3, seed), [size, 3]);
    const mix = tf.tensor2d(
      randomValues(9, seed + 1).map((v, i) => (i % 4 === 0 ? 1 : 0.4 * v)),
      [3, 3],
    );
    return tf.reshape(tf.add(tf.mul(tf.matMul(noise, mix), spread), centre), [1, 12, 9, 3]) as tf.Tensor4D;
  });
}

describe('transferColour', () => {
  test("gives the source the target's colour mean and covariance", async () => {
    const source = colours(1, [0.3, 0.5, 0.6], 0.08);
    const target = colours(5, [0.6, 0.45, 0.3], 0.1);
    const result = await transferColour(source, [{ image: target, weight: 1 }]);
    assertClose(moments(result), moments(target), { rtol: 1e-3, atol: 1e-5 }, 'moments');
    tf.dispose([source, target, result]);
  });

  test('keeps an image recoloured to itself', async () => {
    const image = colours(9, [0.5, 0.5, 0.5], 0.1);
    const result = await transferColour(image, [{ image, weight: 2 }]);
    assertClose(result.dataSync(), image.dataSync(), { rtol: 1e-3, atol: 1e-4 });
    tf.dispose([image, result]);
  });

  test('blends several targets as a mixture weighted by their shares', async () => {
    const source = colours(2, [0.5, 0.5, 0.5], 0.08);
    const [a, b] = [colours(3, [0.3, 0.4, 0.5], 0.05), colours(4, [0.6, 0.5, 0.4], 0.05)];
    const result = await transferColour(source, [
      { image: a, weight: 3 },
      { image: b, weight: 1 },
    ]);
    // The mixture with shares 3:1 is the image holding a's pixels three times and b's once.
    const mixture = tf.concat([a, a, a, b], 1) as tf.Tensor4D;
    assertClose(moments(result), moments(mixture), { rtol: 1e-3, atol: 1e-5 }, 'moments');
    tf.dispose([source, a, b, result, mixture]);
  });

  test('clips to [0, 1] and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const source = colours(6, [0.5, 0.5, 0.5], 0.02);
    const target = colours(7, [0.5, 0.5, 0.5], 0.5);
    const result = await transferColour(source, [{ image: target, weight: 1 }]);
    const values = result.dataSync();
    assert.ok(values.every((v) => v >= 0 && v <= 1));
    tf.dispose([source, target, result]);
    assert.equal(tf.memory().numTensors, before);
  });
});
