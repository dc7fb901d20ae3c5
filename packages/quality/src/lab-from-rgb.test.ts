import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labFromRgb, rgbFromLab } from './index.js';
import { makeImage, randomImage } from './testing/images.js';

describe('labFromRgb', () => {
  test('maps black to (0, 0, 0), white to (100, 0, 0) and sRGB red to (53.24, 80.09, 67.20)', () => {
    const image = makeImage(
      3,
      1,
      (x) =>
        [
          [0, 0, 0],
          [255, 255, 255],
          [255, 0, 0],
        ][x] ?? [],
    );
    const lab = Array.from(labFromRgb(image));
    const expected = [0, 0, 0, 100, 0, 0, 53.24, 80.09, 67.2];
    lab.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] ?? 0)) < 0.01, `${i}: ${v}`));
  });

  test('round-trips through rgbFromLab', () => {
    const image = randomImage(16, 16, 1);
    assert.deepEqual(rgbFromLab(labFromRgb(image), 16, 16, image).data, Uint8ClampedArray.from(image.data));
  });
});
