import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paintingScale } from './painting-scale.js';

const size = (width: number, height: number) => ({ width, height });

test('paintingScale: a painting larger than the result is brought down to it', () => {
  assert.deepEqual(paintingScale(size(256, 171), size(640, 505)), { result: 256, style: 256 });
});

test('paintingScale: an enlarged painting is compared at its own pixels, the result brought down', () => {
  assert.deepEqual(paintingScale(size(2048, 1152), size(640, 505)), { result: 640, style: 640 });
  assert.deepEqual(paintingScale(size(1152, 2048), size(505, 640)), { result: 640, style: 640 });
});

test('paintingScale: styleScale sets the painting’s side against the result’s', () => {
  assert.deepEqual(paintingScale(size(1024, 768), size(2100, 1400), 0.5), { result: 1024, style: 512 });
  assert.deepEqual(paintingScale(size(1024, 768), size(640, 480), 2), { result: 320, style: 640 });
  assert.throws(() => paintingScale(size(8, 8), size(8, 8), 0), RangeError);
});
