import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampPositive, LEAST_DIVISOR } from './clamp-positive.js';

test('clampPositive keeps a positive value and lifts 0, negatives and -0 to 1e-12', () => {
  assert.equal(LEAST_DIVISOR, 1e-12);
  assert.equal(clampPositive(3.5), 3.5);
  assert.equal(clampPositive(2e-12), 2e-12);
  for (const v of [0, -0, -1, 1e-13]) assert.equal(clampPositive(v), 1e-12);
  assert.equal(1 / clampPositive(0), 1e12);
});
