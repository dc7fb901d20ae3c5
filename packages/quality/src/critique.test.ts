import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourDistance, colourTransfer, critique, fitImage, resizeImage, ssim, textureDistance } from './index.js';
import { readTestImage } from './testing/images.js';

describe('critique', async () => {
  const photo = await readTestImage('coffee.png');
  const painting = await readTestImage('van-gogh-night-cafe.png');

  test('the photo itself: perfect structure, no gain', () => {
    const result = fitImage(photo, 128);
    const verdict = critique({ result, content: photo, style: painting });
    assert.equal(verdict.structure, 1);
    assert.ok(Math.abs(verdict.edges - 1) < 1e-12);
    assert.equal(verdict.textureGain, 0);
    assert.equal(verdict.colourGain, 0);
    const style = fitImage(painting, 128);
    assert.equal(verdict.texture, textureDistance(result, style));
    assert.ok(Math.abs(verdict.colour - colourDistance(result, style)) < 1e-9);
  });

  test('the painting at the result’s scale: gains of 1', () => {
    const result = fitImage(painting, 128);
    const verdict = critique({ result, content: photo, style: painting });
    assert.equal(verdict.texture, 0);
    assert.ok(verdict.colour < 1e-9);
    assert.equal(verdict.textureGain, 1);
    assert.ok(Math.abs(verdict.colourGain - 1) < 1e-9);
  });

  test('colour transfer alone: colour moves to the painting, structure stays', () => {
    const content = fitImage(photo, 128);
    const result = colourTransfer(content, fitImage(painting, 128));
    const verdict = critique({ result, content: photo, style: painting });
    assert.ok(verdict.colourGain > 0.5);
    assert.ok(verdict.textureGain < 0.5);
    assert.ok(Math.abs(verdict.structure - ssim(result, resizeImage(photo, result.width, result.height))) < 1e-12);
    assert.ok(verdict.edges > 0.8);
  });
});
