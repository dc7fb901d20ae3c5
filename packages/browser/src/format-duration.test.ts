import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  test('seconds to 5 s, minutes to 1 min, hours to 10 min', () => {
    const said = [0, 9.9, 10, 42, 54, 55, 89, 90, 180, 59 * 60, 3570, 3600, 4800, 2 * 3600 + 100].map(formatDuration);
    assert.deepEqual(said, [
      'a few seconds',
      'a few seconds',
      'about 10 s',
      'about 40 s',
      'about 55 s',
      'about 1 min',
      'about 1 min',
      'about 2 min',
      'about 3 min',
      'about 59 min',
      'about 1 h',
      'about 1 h',
      'about 1 h 20 min',
      'about 2 h',
    ]);
  });

  test('nothing odd for odd input', () => {
    assert.deepEqual([-5, Number.NaN, Number.POSITIVE_INFINITY].map(formatDuration), [
      'a few seconds',
      'a few seconds',
      'a very long time',
    ]);
  });
});
