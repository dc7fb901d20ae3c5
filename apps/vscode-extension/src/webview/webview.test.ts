import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultNetwork, initBackend, tf, type RgbaImage } from '@nst/core';
import { styleDistances, styleFingerprint } from './fingerprint.js';
import { colormap, gramHeatmap } from './heatmap.js';
import { dominantColors } from './palette.js';

const solid = (width: number, height: number, pick: (x: number, y: number) => [number, number, number, number]): RgbaImage => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pick(x, y), (y * width + x) * 4);
  return { width, height, data };
};

describe('dominantColors', () => {
  test('finds the colours of a two-colour image with their shares, largest first, ignoring transparent pixels', () => {
    const image = solid(20, 10, (x, y) => (y === 0 ? [0, 255, 0, 0] : x < 15 ? [200, 30, 30, 255] : [20, 40, 220, 255]));
    const palette = dominantColors(image, 6);
    assert.deepEqual(
      palette.map((c) => c.rgb),
      [
        [200, 30, 30],
        [20, 40, 220],
      ],
    );
    assert.deepEqual(
      palette.map((c) => c.share),
      [0.75, 0.25],
    );
  });

  test('an image with nothing opaque has no palette', () => {
    assert.deepEqual(dominantColors(solid(4, 4, () => [1, 2, 3, 0])), []);
  });
});

describe('gramHeatmap', () => {
  test('correlations through the colour map: 1 on the diagonal, 0 for unrelated maps', () => {
    const gram = Float32Array.from([4, 0, 2, 0, 9, 0, 2, 0, 1]); // maps 0 and 2 correlate: 2/√(4·1) = 1
    const image = gramHeatmap(gram, 3);
    const at = (k: number, j: number) => [...image.data.slice((k * 3 + j) * 4, (k * 3 + j) * 4 + 3)];
    assert.deepEqual(at(1, 1), colormap(1));
    assert.deepEqual(at(0, 1), colormap(0));
    assert.deepEqual(at(0, 2), colormap(1));
    assert.deepEqual(colormap(0), [68, 1, 84]);
    assert.deepEqual(colormap(0.5), [33, 145, 140]);
  });
});

describe('styleFingerprint and styleDistances', () => {
  test('one symmetric Gram per style layer; alike textures are nearer than unlike ones; no tensor leaks', async () => {
    await initBackend({ backend: 'cpu' });
    const network = createDefaultNetwork();
    const stripes = (period: number, phase: number) =>
      solid(48, 48, (x) => (Math.floor((x + phase) / period) % 2 === 0 ? [230, 200, 40, 255] : [20, 30, 120, 255]));
    await styleFingerprint(stripes(4, 0), network, 16); // uploads the network's weights, kept for later runs
    const before = tf.memory().numTensors;
    const prints = await Promise.all(
      [stripes(4, 0), stripes(4, 2), solid(48, 48, (x, y) => [(x * 5) % 256, (y * 5) % 256, 128, 255])].map((image) =>
        styleFingerprint(image, network, 48),
      ),
    );
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(
      prints[0]!.map((g) => [g.layer, g.channels]),
      [
        ['conv1_1', 32],
        ['conv2_1', 64],
      ],
    );
    const { gram, channels } = prints[0]![1]!;
    for (let k = 0; k < channels; k += 7)
      for (let j = 0; j < channels; j += 5)
        assert.ok(Math.abs(gram[k * channels + j]! - gram[j * channels + k]!) <= 1e-4 * Math.abs(gram[k * channels + j]!) + 1e-6);
    const d = await styleDistances(prints, network.styleLayers);
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual([d[0]![0], d[1]![1], d[2]![2]], [0, 0, 0]);
    assert.equal(d[0]![1], d[1]![0]);
    assert.ok(
      d[0]![1]! < d[0]![2]! && d[0]![1]! < d[1]![2]!,
      `shifted stripes (${d[0]![1]}) are nearer than a gradient (${d[0]![2]}, ${d[1]![2]})`,
    );
  });
});
