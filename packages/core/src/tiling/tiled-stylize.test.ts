/**
 * Tiling along the path a user takes: stylize above the tile size gives the picture of the untiled
 * run, and neither the tiled objective nor a tiled stylize leaves tensors behind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { initBackend, InvalidOptionError, rgbTensor, stylize, type StylizeProgress, tf } from '../index.js';
import { resolveStylizeOptions } from '../optimize/stylize-options.js';
import { painting, photo } from '../testing/images.js';
import { testNetwork, twoConvs } from '../testing/test-network.js';
import { InThreadExecutor } from './tile-executor.js';
import { createTiledObjective } from './tiled-objective.js';
import { pixelsOf } from '../image/pixels.js';

const shallow = testNetwork(twoConvs(6, 8), { seed: 2, contentLayer: 'c2', styleLayers: { c1: 1, c2: 1 } });

describe('tiled stylize', () => {
  for (const backend of ['cpu', 'wasm', 'webgpu'] as const) {
    test(`${backend}: tiled evaluations leave numTensors unchanged; dispose frees the cached content targets`, async () => {
      await initBackend({ backend });
      const content = photo(40, 30);
      const o = resolveStylizeOptions({ content, styles: [{ image: painting(24, 24) }] }, shallow);
      const [contentRgb, styleRgb] = [rgbTensor(content), rgbTensor(painting(24, 24))];
      shallow.extract(contentRgb, ['c2']).c2!.dispose(); // uploads the weights first
      const before = tf.memory().numTensors;
      const objective = await createTiledObjective(shallow, o, await pixelsOf(contentRgb), [styleRgb], {
        tileSize: 8,
        executor: new InThreadExecutor(shallow),
      });
      (await objective.evaluate(contentRgb)).gradient.dispose(); // warm-up: caches the tiles' content targets
      const warm = tf.memory().numTensors;
      assert.ok(warm > before, 'the content targets are cached');
      for (let i = 0; i < 5; i++) (await objective.evaluate(contentRgb)).gradient.dispose();
      assert.equal(tf.memory().numTensors, warm);
      objective.dispose();
      assert.equal(tf.memory().numTensors, before);
      tf.dispose([contentRgb, styleRgb]);
    });
  }

  const cases = [
    {
      name: 'recoloured, the last stage tiled',
      options: { stages: 2 } as { stages: number; preserveColors?: boolean; init?: number; optimizer?: 'lbfgs' | 'adam' },
    },
    { name: 'luminance only, from noise, the first stage tiled', options: { stages: 1, preserveColors: true, init: 0.3 } },
    { name: 'L-BFGS, the last stage tiled', options: { stages: 2, optimizer: 'lbfgs' as const } },
  ];
  for (const c of cases) {
    test(`wasm: stylize in tiles makes the picture of the untiled run (${c.name}), tiled from the size up, and leaks nothing`, async () => {
      await initBackend({ backend: 'wasm' });
      const options = {
        content: photo(56, 40),
        styles: [{ image: painting(32, 32) }],
        iterations: 4,
        optimizer: 'adam' as const,
        ...c.options,
      };
      const untiled = await stylize(options);
      const before = tf.memory().numTensors;
      const progress: StylizeProgress[] = [];
      const tiled = await stylize({ ...options, tileSize: 32, onProgress: (p) => void progress.push(p) });
      assert.equal(tf.memory().numTensors, before);
      const worst = Array.from(untiled.data).reduce((m, v, i) => Math.max(m, Math.abs(v - tiled.data[i]!)), 0);
      // Tiles sum in another order, and the arrays' colour maths runs in float64: a level or two.
      assert.ok(worst <= 2, `pixels differ by up to ${worst}`);
      assert.ok(
        tiled.data.some((v, i) => i % 4 !== 3 && v !== options.content.data[i]),
        'the pixels changed',
      );
      assert.equal(progress.length, 4);
      if (options.preserveColors !== true) assert.deepEqual(progress.at(-1)?.preview, tiled, 'the last preview is the result');
    });
  }

  test('wasm: a run whose last stage has 16 tiles or more, every stage in tiles (the smallest as one), makes the untiled picture', async () => {
    await initBackend({ backend: 'wasm' });
    const options = { content: photo(72, 64), styles: [{ image: painting(32, 32) }], iterations: 6, stages: 3 };
    const untiled = await stylize(options);
    const tiled = await stylize({ ...options, tileSize: 16 });
    const worst = Array.from(untiled.data).reduce((m, v, i) => Math.max(m, Math.abs(v - tiled.data[i]!)), 0);
    assert.ok(worst <= 2, `pixels differ by up to ${worst}`);
  });

  test('a tile size under 16 px is refused with the option named', async () => {
    await assert.rejects(
      stylize({ content: photo(20, 20), styles: [{ image: painting(8, 8) }], tileSize: 4 }),
      (e: Error) => e instanceof InvalidOptionError && /tileSize/.test(e.message),
    );
  });
});
