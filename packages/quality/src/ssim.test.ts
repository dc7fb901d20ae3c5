import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImageSizeMismatchError, ssim } from './index.js';
import { makeImage, randomImage } from './testing/images.js';

describe('ssim', () => {
  test('is 1 for equal images', () => {
    const image = randomImage(20, 13, 1);
    assert.ok(Math.abs(ssim(image, image) - 1) < 1e-12);
  });

  test('of two flat images is (2μₐμᵦ + C₁) / (μₐ² + μᵦ² + C₁)', () => {
    const black = makeImage(12, 12, () => [0, 0, 0]);
    const white = makeImage(12, 12, () => [255, 255, 255]);
    assert.ok(Math.abs(ssim(black, white) - 1e-4 / (1 + 1e-4)) < 1e-9);
    const mid = makeImage(12, 12, () => [102, 102, 102]); // grey level 0.4
    assert.ok(Math.abs(ssim(mid, white) - (0.8 + 1e-4) / (1.16 + 1e-4)) < 1e-9);
  });

  test('is symmetric and in [−1, 1] on random images, and drops with added noise', () => {
    for (let seed = 0; seed < 5; seed++) {
      const a = randomImage(16, 16, seed);
      const b = randomImage(16, 16, seed + 100);
      const s = ssim(a, b);
      assert.ok(s >= -1 && s <= 1);
      assert.equal(s, ssim(b, a));
    }
    const smooth = makeImage(32, 32, (x, y) => [4 * x, 4 * y, 128]);
    const noise = randomImage(32, 32, 7);
    const mix = (w: number) =>
      makeImage(32, 32, (x, y) =>
        [0, 1, 2].map((c) => (1 - w) * (smooth.data[4 * (y * 32 + x) + c] ?? 0) + w * (noise.data[4 * (y * 32 + x) + c] ?? 0)),
      );
    assert.ok(ssim(smooth, mix(0.1)) > ssim(smooth, mix(0.3)));
    assert.ok(ssim(smooth, mix(0.3)) > ssim(smooth, mix(0.9)));
  });

  test('throws a named error for images of different sizes', () => {
    assert.throws(() => ssim(randomImage(4, 4, 1), randomImage(4, 5, 1)), ImageSizeMismatchError);
    assert.throws(() => ssim(randomImage(4, 4, 1), randomImage(4, 5, 1)), { name: 'ImageSizeMismatchError' });
  });
});
