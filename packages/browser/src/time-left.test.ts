import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timeLeftSeconds } from './time-left.js';

describe('timeLeftSeconds', () => {
  test('elapsed · (1 − f) / f once 3 % is done and 2 s have passed', () => {
    assert.equal(timeLeftSeconds({ fraction: 0.25, elapsedMs: 10_000 }), 30);
    assert.equal(timeLeftSeconds({ fraction: 0.03, elapsedMs: 3000 }, 5), 97);
    assert.equal(timeLeftSeconds({ fraction: 1, elapsedMs: 3000 }), 0);
  });

  test('before that, the estimate less the time elapsed, or nothing', () => {
    assert.equal(timeLeftSeconds({ fraction: 0.02, elapsedMs: 5000 }, 60), 55, 'under 3 % done');
    assert.equal(timeLeftSeconds({ fraction: 0.5, elapsedMs: 1000 }, 60), 59, 'under 2 s');
    assert.equal(timeLeftSeconds({ fraction: 0.01, elapsedMs: 90_000 }, 60), 0, 'never below zero');
    assert.equal(timeLeftSeconds({ fraction: 0.02, elapsedMs: 5000 }), undefined);
  });
});
