import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fitImage, resizeImage } from './index.js';
import { makeImage, randomImage } from './testing/images.js';

const grey = (values: readonly number[], width: number) =>
  makeImage(width, values.length / width, (x, y) => {
    const v = values[y * width + x] ?? 0;
    return [v, v, v];
  });
const reds = (image: { data: ArrayLike<number> }) => Array.from(image.data).filter((_, i) => i % 4 === 0);

describe('resizeImage', () => {
  test('the same size is an exact copy', () => {
    const image = randomImage(7, 5, 1);
    assert.deepEqual(resizeImage(image, 7, 5).data, Uint8ClampedArray.from(image.data));
  });

  test('shrinks by area averaging, fractional pixels included', () => {
    assert.deepEqual(reds(resizeImage(grey([0, 10, 20, 30], 2), 1, 1)), [15]);
    // s = 1.5: (0 + 30/2) / 1.5 = 10, (30/2 + 60) / 1.5 = 50
    assert.deepEqual(reds(resizeImage(grey([0, 30, 60], 3), 2, 1)), [10, 50]);
  });

  test('grows bilinearly with half-pixel centres, clamped at the edges', () => {
    // source positions −0.25→0, 0.25, 0.75, 1.25→1
    assert.deepEqual(reds(resizeImage(grey([0, 100], 2), 4, 1)), [0, 25, 75, 100]);
  });

  test('keeps the mean of each channel when shrinking by an integer factor', () => {
    const image = randomImage(32, 24, 2);
    const small = resizeImage(image, 8, 6);
    for (let c = 0; c < 3; c++) {
      const mean = (d: ArrayLike<number>) =>
        Array.from(d)
          .filter((_, i) => i % 4 === c)
          .reduce((s, v) => s + v, 0) /
        (d.length / 4);
      assert.ok(Math.abs(mean(image.data) - mean(small.data)) < 0.5);
    }
  });

  test('rejects a size that is not a positive integer', () => {
    assert.throws(() => resizeImage(randomImage(2, 2, 3), 0, 2), RangeError);
  });
});

describe('fitImage', () => {
  test('fits the longest side, keeping the aspect ratio', () => {
    const landscape = fitImage(randomImage(40, 30, 4), 20);
    assert.deepEqual([landscape.width, landscape.height], [20, 15]);
    const portrait = fitImage(randomImage(30, 451, 5), 100);
    assert.deepEqual([portrait.width, portrait.height], [7, 100]);
  });
});
