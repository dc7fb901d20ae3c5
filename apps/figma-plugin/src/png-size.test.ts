import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodePng } from '@nst/testing/png';
import { pngSize } from './png-size.js';

describe('pngSize', () => {
  test('pngSize reads a PNG’s header; anything else is not a PNG', () => {
    assert.deepEqual(pngSize(encodePng(7, 3, new Uint8Array(7 * 3 * 4))), { width: 7, height: 3 });
    assert.equal(pngSize(new Uint8Array([1, 2, 3])), undefined);
  });
});
