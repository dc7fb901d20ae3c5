import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reflectIndex } from './reflect-index.js';

describe('reflectIndex', () => {
  test('reflects half-sample symmetrically, any distance, any length', () => {
    assert.deepEqual(
      [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((i) => reflectIndex(i, 3)),
      [2, 1, 0, 0, 1, 2, 2, 1, 0, 0],
    );
    assert.deepEqual(
      [-2, -1, 0, 1, 2].map((i) => reflectIndex(i, 1)),
      [0, 0, 0, 0, 0],
    );
  });
});
