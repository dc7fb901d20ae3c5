import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { styleWeightFor } from './style-weight.js';

describe('styleWeightFor', () => {
  test('0.5 keeps the network β; the ends divide and multiply it by 100', () => {
    assert.equal(styleWeightFor(0.5, 1e4), 1e4);
    assert.ok(Math.abs(styleWeightFor(0, 1e4) - 100) < 1e-9);
    assert.ok(Math.abs(styleWeightFor(1, 1e4) - 1e6) < 1e-6);
  });

  test('grows with the strength', () => {
    for (let s = 0; s < 1; s += 0.1) assert.ok(styleWeightFor(s + 0.1, 1) > styleWeightFor(s, 1));
  });
});
