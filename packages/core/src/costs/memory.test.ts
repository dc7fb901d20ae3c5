import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentCost, gramMatrix, initBackend, layerStyleCost, styleCost, tf, totalCost, totalVariation } from '../index.js';
import { randomActivation } from '../testing/tensors.js';

describe('no tensor leaks', () => {
  for (const backend of ['cpu', 'wasm', 'webgpu'] as const) {
    test(`${backend}: 50 iterations of every cost and its gradient leave numTensors unchanged`, async () => {
      await initBackend({ backend });
      const aS = randomActivation(6, 5, 4, 1);
      const aC = randomActivation(6, 5, 4, 2);
      const gS = gramMatrix(aS);
      let x = randomActivation(6, 5, 4, 3);
      const step = () => {
        const next = tf.tidy(() => {
          const loss = (g: tf.Tensor) => {
            const a = g as tf.Tensor4D;
            const jStyle = tf.add(styleCost({ l: aS }, { l: a }, { l: 1 }), layerStyleCost(gS, a)) as tf.Scalar;
            return tf.add(totalCost(contentCost(aC, a), jStyle), tf.mul(totalVariation(a), 1e-3)) as tf.Scalar;
          };
          return tf.sub(x, tf.mul(tf.grad(loss)(x), 1e-3)) as tf.Tensor4D;
        });
        x.dispose();
        x = next;
      };
      step(); // warm-up: backends may cache tensors on first use
      const before = tf.memory().numTensors;
      for (let i = 0; i < 50; i++) step();
      assert.equal(tf.memory().numTensors, before);
      tf.dispose([aS, aC, gS, x]);
    });
  }
});
