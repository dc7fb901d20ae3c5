import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourDistance, colourTransfer, critique, fitImage, resizeImage, ssim, textureDistance, type Image } from './index.js';
import { readTestImage } from './testing/images.js';

/** `tile` repeated `n` × `n` times. */
function tiled(tile: Image, n: number): Image {
  const width = tile.width * n;
  const data = new Uint8ClampedArray(width * tile.height * n * 4);
  for (let y = 0; y < tile.height * n; y++) {
    for (let x = 0; x < width; x++) {
      const s = 4 * ((y % tile.height) * tile.width + (x % tile.width));
      data.set(tile.data.subarray(s, s + 4), 4 * (y * width + x));
    }
  }
  return { width, height: tile.height * n, data };
}

describe('critique', async () => {
  const photo = await readTestImage('coffee.png');
  const painting = await readTestImage('van-gogh-night-cafe.png');

  test('the photo itself: perfect structure, no gain at any level', () => {
    const result = fitImage(photo, 128);
    const verdict = critique({ result, content: photo, style: painting });
    assert.equal(verdict.structure, 1);
    assert.ok(Math.abs(verdict.edges - 1) < 1e-12);
    assert.equal(verdict.textureGain, 0);
    assert.deepEqual(verdict.textureGainByLevel, [0]); // 128×85: half of it is under 48 px
    assert.equal(verdict.colourGain, 0);
    assert.equal(verdict.scale, 128);
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

  test('a result larger than the painting is compared at the painting’s own pixels', () => {
    const result = resizeImage(painting, 2 * painting.width, 2 * painting.height);
    const verdict = critique({ result, content: photo, style: painting });
    assert.equal(verdict.scale, Math.max(painting.width, painting.height));
    assert.equal(verdict.textureGainByLevel.length, 3);
    assert.ok(verdict.textureGain > 0.9, `texture gain ${verdict.textureGain}`);
  });

  test('styleScale is honoured: marks at half the size score as such', () => {
    const result = tiled(fitImage(painting, 128), 2);
    const half = critique({ result, content: photo, style: painting, styleScale: 0.5 });
    const whole = critique({ result, content: photo, style: painting });
    assert.ok(half.textureGain > whole.textureGain + 0.2, `${half.textureGain} vs ${whole.textureGain}`);
    assert.equal(half.scale, 256);
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
