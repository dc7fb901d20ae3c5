/** The shifted objective: its crops and their pooled grids, and J and ∂J/∂x against finite differences through them. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initBackend, InvalidOptionError, stylize, tf } from '../index.js';
import { pixelsOf, type Pixels } from '../image/pixels.js';
import { rgbTensor } from '../image/rgba-image.js';
import { painting, photo } from '../testing/images.js';
import { assertClose, randomValues } from '../testing/tensors.js';
import { assertPixelGradient } from '../testing/assert-pixel-gradient.js';
import { convStack, testNetwork } from '../testing/test-network.js';
import { POOL_KERNEL, samePoolPadding } from '../networks/same-pool.js';
import { createShiftedObjective, cropPixels } from './shifted-objective.js';
import { createStageObjectives } from './stage-objectives.js';
import { resolveStylizeOptions, resultShifts } from './stylize-options.js';

before(() => initBackend({ backend: 'cpu' }));

describe('cropPixels', () => {
  test('drops the first s rows and columns, and the last ones that make the sides multiples of align', () => {
    // 4 × 3 pixels, channel values 0 … 35; s = 1, align 2: rows 1–2, columns 1–2.
    const image = { data: Float32Array.from({ length: 4 * 3 * 3 }, (_, i) => i), width: 4, height: 3 };
    const crop = cropPixels(image, 1, 2);
    assert.deepEqual([crop.width, crop.height], [2, 2]);
    assert.deepEqual(Array.from(crop.data), [15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32]);
    assert.deepEqual(cropPixels({ ...image, height: 2, data: image.data.slice(0, 24) }, 0, 2).data, image.data.slice(0, 24));
  });

  test("each crop's pooled grids start at its own first pixel, s pixels into the image", () => {
    for (const align of [2, 4, 8])
      for (let n = 2 * align; n < 2 * align + 12; n++)
        for (let s = 0; s < align; s++) {
          let side = cropPixels({ data: new Float32Array(n * n * 3), width: n, height: n }, s, align).width;
          for (let level = 1; level < align; level *= 2, side = Math.ceil(side / 2))
            for (const k of [POOL_KERNEL.avg, POOL_KERNEL.blur])
              assert.equal(samePoolPadding(side, k)[0], 0, `side ${n}, shift ${s}, align ${align}, level ${level}, k ${k}`);
        }
  });

  test('every pixel of the image lies in one of the crops', () => {
    for (const n of [4, 8]) {
      for (let width = 2 * n; width < 2 * n + 9; width++) {
        const covered = new Set<number>();
        for (let s = 0; s < n; s++) {
          const w = cropPixels({ data: new Float32Array(width * width * 3), width, height: width }, s, n).width;
          for (let x = s; x < s + w; x++) covered.add(x);
        }
        assert.equal(covered.size, width, `width ${width}, ${n} shifts`);
      }
    }
  });
});

describe('shifts', () => {
  test('every stage of a result of 512 px or more gets the shifts; of a smaller result, one', () => {
    assert.equal(resultShifts(2, { width: 511, height: 300 }), 1);
    assert.equal(resultShifts(2, { width: 300, height: 512 }), 2);
    assert.equal(resultShifts(4, { width: 2048, height: 1365 }), 4);
  });

  test('the option is 1, 2, 4 or 8, two by default, and anything else is refused by name', () => {
    const network = testNetwork(convStack([4], []), { seed: 1, contentLayer: 'c1', styleLayers: { c1: 1 } });
    const resolve = (shifts?: number) =>
      resolveStylizeOptions(
        { content: photo(8, 8), styles: [{ image: painting(8, 8) }], ...(shifts === undefined ? {} : { shifts }) },
        network,
      );
    assert.equal(resolve().shifts, 2);
    for (const shifts of [1, 2, 4, 8]) assert.equal(resolve(shifts).shifts, shifts);
    for (const shifts of [0, 3, 16, 1.5])
      assert.throws(
        () => resolve(shifts),
        (e: Error) => e instanceof InvalidOptionError && /shifts is/.test(e.message),
        `${shifts}`,
      );
  });
});

describe('createShiftedObjective', () => {
  const network = testNetwork(convStack([6, 8], ['blur']), { seed: 3, contentLayer: 'c2', styleLayers: { c1: 1, c2: 1 } });

  test('J is the mean over the shifted crops, and ∂J/∂x matches finite differences', async () => {
    const content = photo(40, 30);
    const settings = resolveStylizeOptions({ content, styles: [{ image: painting(24, 20) }], tvWeight: 0.1 }, network);
    const objectives = createStageObjectives(network, { tileSize: 16 });
    const styles = [rgbTensor(painting(24, 20))];
    const photoPixels = await pixelsOf(rgbTensor(content));
    // The network makes its weights on first use: one evaluation first, then count.
    const plain = await createShiftedObjective(objectives, settings, 1, photoPixels, styles);
    await plain.evaluatePixels(photoPixels);
    const before = tf.memory().numTensors;
    const shifted = await createShiftedObjective(objectives, settings, 4, photoPixels, styles);
    // Inside [0, 1] and a small step: ReLU's kinks make larger steps disagree on this small net.
    const noise = randomValues(photoPixels.data.length, 1);
    const x: Pixels = { ...photoPixels, data: photoPixels.data.map((v, i) => 0.1 + 0.8 * v + 0.05 * noise[i]!) };
    const at = await shifted.evaluatePixels(x);
    const crops = await Promise.all(
      [0, 1, 2, 3].map((s) => createShiftedObjective(objectives, settings, 1, cropPixels(photoPixels, s, 4), styles)),
    );
    let mean = 0;
    for (const [s, crop] of crops.entries()) mean += (await crop.evaluatePixels(cropPixels(x, s, 4))).loss / 4;
    assertClose(at.loss, mean, { rtol: 1e-6 }, 'J');
    await assertPixelGradient(shifted, x, at.gradient);
    for (const o of [shifted, ...crops]) o.dispose();
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    plain.dispose();
    await objectives.dispose();
    tf.dispose(styles);
  });
});

describe('stylize with shifts', () => {
  test('shifts change a 512 px result, and a run leaves no tensor behind', async () => {
    const network = testNetwork(convStack([6, 8], ['blur']), { seed: 5, contentLayer: 'c2', styleLayers: { c1: 1, c2: 1 } });
    const options = { content: photo(512, 24), styles: [{ image: painting(32, 32) }], network, iterations: 4, stages: 1 };
    const without = await stylize({ ...options, shifts: 1 });
    const before = tf.memory().numTensors;
    const shifted = await stylize(options);
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual([shifted.width, shifted.height], [512, 24]);
    const changed = Array.from(shifted.data).filter((v, i) => Math.abs(v - without.data[i]!) > 2).length;
    assert.ok(changed > shifted.data.length / 20, `${changed} of ${shifted.data.length} channel values changed`);
  });
});
