import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imagePyramid } from './image-pyramid.js';
import { makeImage } from './testing/images.js';

test('imagePyramid: halves, floors odd sides, stops at the level count or the smallest side', () => {
  const image = makeImage(401, 200, (x, y) => [x % 256, y, 0]);
  assert.deepEqual(
    imagePyramid(image, 3).map((l) => [l.width, l.height]),
    [
      [401, 200],
      [200, 100],
      [100, 50],
    ],
  );
  assert.deepEqual(
    imagePyramid(image, 9).map((l) => [l.width, l.height]),
    [
      [401, 200],
      [200, 100],
      [100, 50],
    ],
  );
  assert.equal(
    imagePyramid(
      makeImage(40, 40, () => [0, 0, 0]),
      3,
    ).length,
    1,
  );
});

test('imagePyramid: a level averages the 2×2 blocks of the one before', () => {
  const image = makeImage(96, 96, (x, y) => [(x + y) % 2 === 0 ? 200 : 100, 0, 0]);
  const [, half] = imagePyramid(image, 2);
  assert.ok(half !== undefined && [...half.data].every((v, i) => (i % 4 === 0 ? v === 150 : true)));
});
