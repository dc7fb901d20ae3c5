/**
 * The arrays that tiled stages hold their images in do what the tensor stages do with tfjs ops:
 * resize, recolour, luminance, Adam, bytes, each against its tensor twin on random images.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { transferColour, transferColourPixels } from './colour-transfer.js';
import { initBackend, tf } from '../index.js';
import {
  combineLuminance,
  combineLuminancePixels,
  luminanceImage,
  luminancePixels,
  matchLuminance,
  matchLuminancePixels,
} from './luminance.js';
import { addDifference, type Pixels, pixelsOf, pixelsTensor, resizePixels, rgbaOfPixels } from './pixels.js';
import { toRgbaImage, rgbTensor } from './rgba-image.js';
import { photo } from '../testing/images.js';
import { randomValues } from '../testing/tensors.js';

before(() => initBackend({ backend: 'cpu' }));

const random = (width: number, height: number, seed: number): Pixels => ({
  data: Float32Array.from(randomValues(width * height * 3, seed), (v) => 0.5 + 0.4 * v),
  width,
  height,
});

function assertNear(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const worst = Array.from(actual).reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
  assert.ok(worst <= tolerance, `${what}: differs by up to ${worst}`);
}

const tensorOf = async (make: () => tf.Tensor4D) => {
  const t = make();
  const values = await t.data();
  t.dispose();
  return values;
};

describe('pixels', () => {
  for (const [from, to] of [
    [
      [7, 5],
      [16, 11],
    ],
    [
      [16, 11],
      [7, 5],
    ],
    [
      [9, 9],
      [1, 1],
    ],
    [
      [1, 4],
      [3, 8],
    ],
  ] as const) {
    test(`resizePixels ${from.join('×')} → ${to.join('×')} is tf.image.resizeBilinear with aligned corners`, async () => {
      const p = random(from[0], from[1], from[0] + to[0]);
      const expected = await tensorOf(() => tf.tidy(() => tf.image.resizeBilinear(pixelsTensor(p), [to[1], to[0]], true)));
      assertNear(resizePixels(p, { width: to[0], height: to[1] }).data, expected, 1e-6, 'resize');
    });
  }

  test('resizePixels of bytes at their own size and rgbaOfPixels are rgbTensor and toRgbaImage; pixelsOf reads a tensor back', async () => {
    const image = photo(13, 7);
    const t = rgbTensor(image);
    const p = resizePixels(image, image);
    assertNear(p.data, await t.data(), 1e-7, 'rgb');
    assert.deepEqual((await pixelsOf(t)).data, p.data);
    const noisy = random(13, 7, 3);
    noisy.data[0] = 1.7; // clipped
    noisy.data[1] = -0.2;
    const alpha = Uint8Array.from({ length: 13 * 7 }, (_, i) => i * 2);
    const expected = await toRgbaImage(pixelsTensor(noisy), alpha);
    assert.deepEqual(rgbaOfPixels(noisy, alpha), expected);
    t.dispose();
  });

  test('transferColourPixels is transferColour, in place', async () => {
    const p = random(12, 9, 4);
    const style = tf.tidy(() => tf.mul(pixelsTensor(random(6, 5, 8)), tf.tensor1d([1, 0.6, 0.3])) as tf.Tensor4D);
    const before = p.data.slice();
    const recoloured = await transferColour(pixelsTensor({ ...p, data: before.slice() }), [{ image: style, weight: 1 }]);
    const out = await transferColourPixels(p, [{ image: style, weight: 1 }]);
    assert.equal(out, p);
    assertNear(p.data, await recoloured.data(), 1e-5, 'recolour');
    assert.ok(
      Array.from(p.data).some((v, i) => Math.abs(v - before[i]!) > 0.01),
      'the colours changed',
    );
    tf.dispose([style, recoloured]);
  });

  test('luminancePixels, combineLuminancePixels and matchLuminance to pixels are their tensor twins', async () => {
    const [a, b] = [random(5, 4, 11), random(5, 4, 12)];
    assertNear(
      luminancePixels({ ...a, data: a.data.slice() }).data,
      await tensorOf(() => luminanceImage(pixelsTensor(a))),
      1e-6,
      'luminance',
    );
    const combined = await tensorOf(() => tf.tidy(() => combineLuminance(pixelsTensor(a), pixelsTensor(b))));
    assertNear(combineLuminancePixels({ ...a, data: a.data.slice() }, b).data, combined, 1e-5, 'combine');
    const grey = luminancePixels({ ...b, data: b.data.slice() });
    const source = tf.tidy(() => luminanceImage(pixelsTensor(a)));
    const viaTensor = await tensorOf(() => matchLuminance(source, pixelsTensor(grey)));
    assertNear(matchLuminancePixels(luminancePixels({ ...a, data: a.data.slice() }), grey).data, viaTensor, 1e-5, 'matchLuminance');
    source.dispose();
  });

  test('addDifference adds b − c into a', () => {
    const [a, b, c] = [random(3, 2, 1), random(3, 2, 2), random(3, 2, 3)];
    const expected = Array.from(a.data, (v, i) => v + b.data[i]! - c.data[i]!);
    assertNear(addDifference(a, b, c).data, expected, 1e-6, 'addDifference');
  });
});
