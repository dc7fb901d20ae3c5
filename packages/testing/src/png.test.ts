import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { meanAbsDiff } from './mean-abs-diff.js';
import { decodePng, encodePng, imageSize } from './png.js';
import { rgbaPixels } from './rgba-pixels.js';

describe('PNG and pixel helpers', () => {
  const width = 3;
  const height = 2;
  const data = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);

  test('encodePng writes a PNG that decodePng and sharp read back pixel for pixel', async () => {
    const png = encodePng(width, height, data);
    assert.deepEqual(imageSize(png), { format: 'PNG', width, height });
    assert.deepEqual(decodePng(png), { width, height, data });
    const decoded = await rgbaPixels(png);
    assert.deepEqual([decoded.width, decoded.height], [width, height]);
    assert.equal(meanAbsDiff(decoded.data, data), 0);
  });

  test('imageSize knows GIF and JPEG headers and nothing else', () => {
    assert.deepEqual(imageSize(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 5, 0, 7, 0])), { format: 'GIF', width: 5, height: 7 });
    assert.equal(imageSize(new Uint8Array([1, 2, 3])), undefined);
  });

  test('meanAbsDiff is the mean of |a − b|', () => {
    assert.equal(meanAbsDiff(Uint8Array.from([0, 10, 255]), Uint8Array.from([3, 10, 0])), 86);
  });
});
