import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError, UnknownLayerError } from '../errors.js';
import { gramMatrix } from './gram-matrix.js';
import { layerStyleCost } from './layer-style-cost.js';
import { styleDistance } from './style-distance.js';

describe('styleDistance', () => {
  test('a hand-computed case: λ · Σ(Ĝa − Ĝb)² / (4·nC²)', () => {
    const a = {
      l: tf.tensor2d([
        [1, 0],
        [0, 1],
      ]),
    };
    const b = {
      l: tf.tensor2d([
        [0, 0],
        [0, 0],
      ]),
    };
    assert.ok(Math.abs(styleDistance(a, b, { l: 2 }).dataSync()[0]! - 0.25) < 1e-7); // 2 · 2 / 16
    assert.equal(styleDistance(a, a, { l: 2 }).dataSync()[0], 0);
  });

  test('equals J_style of the layer for activations of the same size, and is symmetric', () => {
    const aS = tf.randomNormal([1, 5, 4, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const aG = tf.randomNormal([1, 5, 4, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const normalised = (x: tf.Tensor4D) => ({ l: tf.div(gramMatrix(x), 20) as tf.Tensor2D });
    const d = styleDistance(normalised(aS), normalised(aG), { l: 1 }).dataSync()[0]!;
    const j = layerStyleCost(aS, aG).dataSync()[0]!;
    assert.ok(Math.abs(d - j) / j < 1e-5, `${d} vs ${j}`);
    assert.ok(Math.abs(styleDistance(normalised(aG), normalised(aS), { l: 1 }).dataSync()[0]! - d) < 1e-9);
  });

  test('names a missing layer or mismatched shapes', () => {
    const g = { l: tf.eye(2) as tf.Tensor2D };
    assert.throws(() => styleDistance(g, g, { m: 1 }), UnknownLayerError);
    assert.throws(() => styleDistance(g, { l: tf.eye(3) as tf.Tensor2D }, { l: 1 }), ShapeMismatchError);
  });
});
