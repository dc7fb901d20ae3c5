import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureNetwork } from '../networks/feature-network.js';
import { UnknownLayerError } from '../errors.js';
import { stageSettings } from './stage-settings.js';
import { stageStyleSize } from './stage-style-size.js';
import { stylize } from './stylize.js';
import { initBackend } from '../backend/init-backend.js';
import { convStack, testNetwork } from '../testing/test-network.js';
import { painting, photo } from '../testing/images.js';
import { resolveStylizeOptions, type StylizeOptions } from './stylize-options.js';

const image = (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4).fill(128) });

const network: FeatureNetwork = {
  name: 'layers only',
  layers: ['a', 'b', 'c', 'd', 'e'],
  contentLayer: 'c',
  styleLayers: { a: 1, b: 1 },
  largeStyleLayers: [
    { fromSide: 300, layers: { b: 1, d: 1 } },
    { fromSide: 600, layers: { d: 1, e: 1 } },
  ],
  costWeights: { alpha: 1, beta: 1 },
  extract: () => {
    throw new Error('not run here');
  },
  dispose: () => {},
};

const settings = (options: Partial<StylizeOptions> = {}) =>
  resolveStylizeOptions({ content: image(8, 8), styles: [{ image: image(8, 8) }], ...options }, network);
const layersAt = (width: number, height: number, options?: Partial<StylizeOptions>) =>
  Object.keys(stageSettings(settings(options), { width, height }).styleLayers);

test('stageSettings: the network’s deeper layers from the sizes it names, by the longest side', () => {
  assert.deepEqual(layersAt(299, 200), ['a', 'b']);
  assert.deepEqual(layersAt(200, 300), ['b', 'd']);
  assert.deepEqual(layersAt(2048, 1152), ['d', 'e']);
});

test('stageSettings: the painting’s scale counts (styleScale), and layers the caller gave hold at every size', () => {
  assert.deepEqual(layersAt(500, 300, { styleScale: 0.5 }), ['a', 'b']);
  assert.deepEqual(layersAt(300, 200, { styleScale: 2 }), ['d', 'e']);
  assert.deepEqual(layersAt(2048, 1152, { styleLayers: { b: 1 } }), ['b']);
});

test('resolveStylizeOptions: a large-stage layer the network lacks is named', () => {
  const broken = { ...network, largeStyleLayers: [{ fromSide: 300, layers: { z: 1 } }] };
  assert.throws(() => resolveStylizeOptions({ content: image(8, 8), styles: [{ image: image(8, 8) }] }, broken), UnknownLayerError);
});

test('stageStyleSize: the stage × styleScale, enlarged past the painting’s pixels only when asked', () => {
  const painting = { width: 634, height: 500 };
  const on = { styleScale: 1, enlargeStyle: true };
  const off = { styleScale: 1, enlargeStyle: false };
  assert.deepEqual(stageStyleSize(painting, { width: 256, height: 144 }, on), { width: 256, height: 202 });
  assert.deepEqual(stageStyleSize(painting, { width: 256, height: 144 }, off), { width: 256, height: 202 });
  assert.deepEqual(stageStyleSize(painting, { width: 1024, height: 576 }, on), { width: 1024, height: 808 });
  assert.deepEqual(stageStyleSize(painting, { width: 1024, height: 576 }, off), painting);
  assert.deepEqual(stageStyleSize(painting, { width: 1024, height: 576 }, { ...off, styleScale: 0.5 }), { width: 512, height: 404 });
});

test('stylize: a stage as large as a largeStyleLayers entry is optimised on its layers', async () => {
  await initBackend({ backend: 'cpu' });
  const net = testNetwork(convStack([4, 4, 4], ['blur', 'blur']), {
    contentLayer: 'c2',
    styleLayers: { c1: 1 },
    largeStyleLayers: [{ fromSide: 24, layers: { c1: 1, c3: 1 } }],
  });
  const seen: string[][] = [];
  const recorder: FeatureNetwork = {
    ...net,
    name: net.name,
    layers: net.layers,
    extract: (image, layers) => {
      seen.push([image.shape[2], ...layers].map(String));
      return net.extract(image, layers);
    },
    dispose: () => net.dispose(),
  };
  try {
    await stylize({ content: photo(24, 20), styles: [{ image: painting(24, 24) }], network: recorder, stages: 2, iterations: 4 });
  } finally {
    net.dispose();
  }
  const layersAtWidth = (width: number) => new Set(seen.filter(([w]) => w === String(width)).flatMap(([, ...layers]) => layers));
  assert.ok(!layersAtWidth(16).has('c3'), 'the 16-px stage stays on c1');
  assert.ok(layersAtWidth(24).has('c3'), 'the 24-px stage adds c3');
});
