import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cropImage } from './crop-image.js';
import { makeImage } from './testing/images.js';

test('cropImage: copies the region pixel for pixel', () => {
  const image = makeImage(5, 4, (x, y) => [x, y, 10 * x + y]);
  const crop = cropImage(image, 1, 2, 3, 2);
  assert.deepEqual([crop.width, crop.height], [3, 2]);
  assert.deepEqual([...crop.data.subarray(0, 4)], [1, 2, 12, 255]);
  assert.deepEqual([...crop.data.subarray(20, 24)], [3, 3, 33, 255]);
});

test('cropImage: a region outside the image is refused', () => {
  const image = makeImage(5, 4, () => [0, 0, 0]);
  assert.throws(() => cropImage(image, 3, 0, 3, 1), /not inside the 5×4 image/);
  assert.throws(() => cropImage(image, 0, 0, 0, 1), RangeError);
});
