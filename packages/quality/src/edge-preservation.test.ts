import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { edgePreservation, ImageSizeMismatchError } from './index.js';
import { makeImage, randomImage } from './testing/images.js';

describe('edgePreservation', () => {
  const disc = makeImage(40, 30, (x, y) => ((x - 20) ** 2 + (y - 15) ** 2 < 100 ? [220, 180, 40] : [20, 60, 90]));

  test('is 1 for the same edges, whatever their polarity or contrast', () => {
    assert.ok(Math.abs(edgePreservation(disc, disc) - 1) < 1e-12);
    const inverted = makeImage(40, 30, (x, y) => [0, 1, 2].map((c) => 255 - (disc.data[4 * (y * 40 + x) + c] ?? 0)));
    assert.ok(Math.abs(edgePreservation(inverted, disc) - 1) < 1e-12);
  });

  test('is about 0 for unrelated images and exactly 0 against a flat one', () => {
    assert.ok(Math.abs(edgePreservation(randomImage(40, 30, 1), disc)) < 0.1);
    assert.equal(
      edgePreservation(
        makeImage(40, 30, () => [9, 9, 9]),
        disc,
      ),
      0,
    );
  });

  test('throws a named error for images of different sizes', () => {
    assert.throws(() => edgePreservation(disc, randomImage(30, 40, 1)), ImageSizeMismatchError);
  });
});
