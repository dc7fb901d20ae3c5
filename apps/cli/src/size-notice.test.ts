import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sizeNotice } from './size-notice.js';

test('sizeNotice: a photo smaller than --size is named with its size, which the result keeps', () => {
  assert.equal(
    sizeNotice('beach.png', { width: 1920, height: 1080 }, 2048),
    'beach.png is 1920×1080, smaller than --size 2048; a photo is never enlarged, so the result is 1920×1080.',
  );
});

test('sizeNotice: nothing to say when the photo reaches --size', () => {
  assert.equal(sizeNotice('beach.png', { width: 1920, height: 1080 }, 1920), undefined);
  assert.equal(sizeNotice('tall.png', { width: 300, height: 5000 }, 1024), undefined);
});
