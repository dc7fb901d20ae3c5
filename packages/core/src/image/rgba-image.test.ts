import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fitWithin, initBackend, InvalidImageError, tf } from '../index.js';
import { alphaChannel, assertRgbaImage, resizeAlpha, rgbTensor, toRgbaImage } from './rgba-image.js';

before(() => initBackend({ backend: 'cpu' }));

describe('RgbaImage', () => {
  test('round-trips through a [1, H, W, 3] tensor in [0, 1], alpha kept aside', async () => {
    const data = Uint8ClampedArray.from([0, 128, 255, 10, 1, 2, 3, 255]);
    const rgb = rgbTensor({ width: 2, height: 1, data });
    assert.deepEqual(rgb.shape, [1, 1, 2, 3]);
    const alpha = alphaChannel({ width: 2, height: 1, data });
    assert.deepEqual(alpha, Uint8Array.from([10, 255]));
    const back = await toRgbaImage(rgb, alpha);
    assert.deepEqual(back.data, data);
    rgb.dispose();
    assert.equal(alphaChannel({ width: 1, height: 1, data: Uint8ClampedArray.from([1, 2, 3, 255]) }), undefined);
  });

  test('clips out-of-range values when turning tensors into pixels', async () => {
    const t = tf.tensor4d([-0.5, 0.5, 1.5], [1, 1, 1, 3]);
    assert.deepEqual(Array.from((await toRgbaImage(t)).data), [0, 128, 255, 255]);
    t.dispose();
  });

  test('fitWithin keeps the aspect ratio; resizeAlpha samples the nearest pixel', () => {
    assert.deepEqual(fitWithin(1000, 500, 256), { width: 256, height: 128 });
    assert.deepEqual(fitWithin(300, 451, 100), { width: 67, height: 100 });
    assert.deepEqual(
      resizeAlpha(Uint8Array.from([0, 255, 100, 50]), { width: 2, height: 2 }, { width: 4, height: 2 }),
      Uint8Array.from([0, 0, 255, 255, 100, 100, 50, 50]),
    );
  });

  test('rejects empty, huge and short images, naming the problem', () => {
    assert.throws(
      () => assertRgbaImage({ width: 3, height: 0, data: new Uint8Array() }, 'style image'),
      (e: unknown) => e instanceof InvalidImageError && /style image is 3×0/.test(e.message),
    );
    assert.throws(() => assertRgbaImage({ width: 4097, height: 1, data: new Uint8Array(4097 * 4) }), /4096/);
    assert.throws(() => assertRgbaImage({ width: 2, height: 2, data: new Uint8Array(15) }), /hold 15 bytes/);
    assert.throws(() => assertRgbaImage({ width: 1, height: 1, data: [1, 2, 3, 4] as never }), InvalidImageError);
  });
});
