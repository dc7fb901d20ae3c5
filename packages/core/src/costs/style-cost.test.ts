import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { gramMatrix, initBackend, InvalidWeightError, layerStyleCost, styleCost, tf, UnknownLayerError } from '../index.js';
import { randomActivation, scalarValue } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

const layers = () => ({
  style: { conv1_1: randomActivation(6, 5, 3, 1), conv2_1: randomActivation(3, 2, 8, 2) },
  gen: { conv1_1: randomActivation(6, 5, 3, 3), conv2_1: randomActivation(3, 2, 8, 4) },
});

describe('styleCost', () => {
  test('is Σ_l λ_l · J_style^l over the layers named in the weights', () => {
    const { style, gen } = layers();
    const j1 = scalarValue(layerStyleCost(style.conv1_1, gen.conv1_1));
    const j2 = scalarValue(layerStyleCost(style.conv2_1, gen.conv2_1));
    const total = scalarValue(styleCost(style, gen, { conv1_1: 0.3, conv2_1: 2 }));
    assert.ok(Math.abs(total - (0.3 * j1 + 2 * j2)) <= 1e-6 * total);
    assert.equal(scalarValue(styleCost(style, gen, { conv2_1: 1 })), j2, 'a layer left out of the weights is left out');
    assert.equal(scalarValue(styleCost(style, gen, { conv1_1: 0, conv2_1: 1 })), j2, 'λ = 0 drops a layer');
    tf.dispose([...Object.values(style), ...Object.values(gen)]);
  });

  test('accepts precomputed style Gram matrices', () => {
    const { style, gen } = layers();
    const grams = { conv1_1: gramMatrix(style.conv1_1), conv2_1: gramMatrix(style.conv2_1) };
    const weights = { conv1_1: 1, conv2_1: 0.5 };
    assert.equal(scalarValue(styleCost(grams, gen, weights)), scalarValue(styleCost(style, gen, weights)));
    tf.dispose([...Object.values(style), ...Object.values(gen), ...Object.values(grams)]);
  });

  test('names an unknown layer and the layers there are', () => {
    const { style, gen } = layers();
    assert.throws(
      () => styleCost(style, gen, { conv1_1: 1, conv9_1: 1 }),
      (e: unknown) => e instanceof UnknownLayerError && /'conv9_1'.*styleActs.*'conv1_1', 'conv2_1'/.test(e.message),
    );
    assert.throws(
      () => styleCost(style, { conv1_1: gen.conv1_1 }, { conv2_1: 1 }),
      (e: unknown) => e instanceof UnknownLayerError && /'conv2_1'.*genActs/.test(e.message),
    );
    assert.throws(() => styleCost(style, gen, { toString: 1 }), UnknownLayerError, 'inherited keys are not layers');
    tf.dispose([...Object.values(style), ...Object.values(gen)]);
  });

  test('rejects non-finite, negative and missing weights', () => {
    const { style, gen } = layers();
    for (const bad of [NaN, Infinity, -Infinity, -0.5]) {
      assert.throws(
        () => styleCost(style, gen, { conv1_1: 1, conv2_1: bad }),
        (e: unknown) => e instanceof InvalidWeightError && e.message.includes("'conv2_1'") && e.message.includes(String(bad)),
      );
    }
    assert.throws(() => styleCost(style, gen, {}), InvalidWeightError);
    tf.dispose([...Object.values(style), ...Object.values(gen)]);
  });
});
