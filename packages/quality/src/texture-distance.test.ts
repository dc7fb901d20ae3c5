import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fitImage, resizeImage, textureDistance } from './index.js';
import { randomImage, readTestImage } from './testing/images.js';

describe('textureDistance', () => {
  test('is 0 for equal images, positive and symmetric otherwise', () => {
    const a = randomImage(20, 20, 1);
    const b = randomImage(30, 16, 2);
    assert.equal(textureDistance(a, a), 0);
    assert.ok(textureDistance(a, b) > 0);
    assert.equal(textureDistance(a, b), textureDistance(b, a));
  });

  test('tells a photo from a painting, a blurred painting from the painting, but not the painting at 0.7×', async () => {
    const painting = fitImage(await readTestImage('van-gogh-night-cafe.png'), 256);
    const photo = fitImage(await readTestImage('coffee.png'), 256);
    const rescaled = fitImage(painting, 179);
    const blurred = resizeImage(fitImage(painting, 64), painting.width, painting.height);
    const floor = textureDistance(rescaled, painting);
    assert.ok(textureDistance(photo, painting) > 3 * floor);
    assert.ok(textureDistance(blurred, painting) > 3 * floor);
  });
});
