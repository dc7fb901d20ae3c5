import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourDistance, labFromRgb, sliceDirections } from './index.js';
import { makeImage, randomImage } from './testing/images.js';

const AXES = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
] as const;

describe('colourDistance', () => {
  const black = makeImage(5, 4, () => [0, 0, 0]);
  const white = makeImage(3, 3, () => [255, 255, 255]);

  test('of two flat images is the mean over directions of |θ·Δc| in L*a*b*', () => {
    // black is L*a*b* (0, 0, 0), white (100, 0, 0): on the axes, (100 + 0 + 0) / 3
    assert.ok(Math.abs(colourDistance(black, white, { directions: AXES }) - 100 / 3) < 1e-3);
    const red = makeImage(2, 2, () => [200, 30, 10]);
    const blue = makeImage(6, 1, () => [20, 40, 180]);
    const [r, b] = [red, blue].map((image) => labFromRgb(image).slice(0, 3));
    const directions = sliceDirections(16, 3);
    const expected = directions.reduce((s, d) => s + Math.abs(d.reduce((t, v, i) => t + v * ((r?.[i] ?? 0) - (b?.[i] ?? 0)), 0)), 0) / 16;
    assert.ok(Math.abs(colourDistance(red, blue, { projections: 16, seed: 3 }) - expected) < 1e-9);
  });

  test('is 0 for equal distributions, wherever the pixels are', () => {
    const image = randomImage(16, 16, 1);
    const flipped = { ...image, data: Uint8Array.from(image.data).reverse() };
    const reordered = makeImage(16, 16, (x, y) => [0, 1, 2].map((c) => flipped.data[4 * (y * 16 + x) + 3 - c] ?? 0));
    assert.ok(colourDistance(image, reordered) < 1e-9);
  });

  test('is deterministic, symmetric and grows with a colour shift', () => {
    const a = randomImage(20, 10, 2);
    const b = randomImage(12, 12, 3);
    assert.equal(colourDistance(a, b), colourDistance(a, b));
    assert.ok(Math.abs(colourDistance(a, b) - colourDistance(b, a)) < 1e-9);
    const shift = (d: number) =>
      makeImage(20, 10, (x, y) => [0, 1, 2].map((c) => (a.data[4 * (y * 20 + x) + c] ?? 0) * (1 - d) + 255 * d * (c === 0 ? 1 : 0)));
    assert.ok(colourDistance(a, shift(0.1)) < colourDistance(a, shift(0.3)));
    assert.ok(colourDistance(a, shift(0.3)) < colourDistance(a, shift(0.6)));
  });
});

describe('sliceDirections', () => {
  test('are unit vectors, repeatable from the seed', () => {
    const directions = sliceDirections(32, 7);
    for (const d of directions) assert.ok(Math.abs(Math.hypot(...d) - 1) < 1e-12);
    assert.deepEqual(sliceDirections(32, 7), directions);
    assert.notDeepEqual(sliceDirections(32, 8), directions);
  });
});
