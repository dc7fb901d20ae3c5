import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourDistance, colourTransfer, edgePreservation, fitImage } from './index.js';
import { makeImage, randomImage, readTestImage } from './testing/images.js';

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? 0))), 0);

describe('colourTransfer', () => {
  test('of an image onto itself is the identity up to rounding', () => {
    const image = randomImage(24, 16, 1);
    assert.ok(maxDifference(colourTransfer(image, image).data, image.data) <= 1);
  });

  test('onto a flat style paints every pixel the style colour', () => {
    const out = colourTransfer(
      randomImage(8, 8, 2),
      makeImage(3, 2, () => [200, 50, 30]),
    );
    for (let i = 0; i < 64; i++) assert.ok(maxDifference(out.data.slice(4 * i, 4 * i + 3), [200, 50, 30]) <= 1);
  });

  test('takes the painting’s palette and keeps the photo’s edges', async () => {
    const photo = await readTestImage('coffee.png');
    const painting = fitImage(await readTestImage('van-gogh-night-cafe.png'), 128);
    const small = fitImage(photo, 128);
    const recoloured = colourTransfer(small, painting);
    assert.deepEqual([recoloured.width, recoloured.height], [small.width, small.height]);
    assert.ok(colourDistance(recoloured, painting) < 0.4 * colourDistance(small, painting));
    assert.ok(edgePreservation(recoloured, small) > 0.8);
  });
});

describe('colourTransfer with more iterations', () => {
  test('matches the joint distribution better than per-channel matching', async () => {
    const photo = fitImage(await readTestImage('coffee.png'), 96);
    const painting = fitImage(await readTestImage('van-gogh-night-cafe.png'), 96);
    const once = colourDistance(colourTransfer(photo, painting), painting);
    const ten = colourTransfer(photo, painting, { iterations: 10 });
    assert.ok(colourDistance(ten, painting) < 0.6 * once);
    assert.ok(edgePreservation(ten, photo) > 0.6); // it adds grain (Pitié et al. 2007 regrain it)
    assert.ok(maxDifference(colourTransfer(painting, painting, { iterations: 5 }).data, painting.data) <= 1);
  });
});
