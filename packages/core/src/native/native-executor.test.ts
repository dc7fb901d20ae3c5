/**
 * The native engine against tfjs: J and ∂J/∂x of the tiled objective on ONNX Runtime equal the
 * untiled objective on tfjs's cpu backend, for every network (the embedded one, VGG-19's shape
 * with average and max pooling, a stack with every pool at odd sizes), tiled and as one tile.
 * `onnxruntime-node` is a dev dependency here: where it does not load this suite fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConvNet, createDefaultNetwork, initBackend, InvalidModelError, tf } from '../index.js';
import { painting } from '../testing/images.js';
import { assertTiledMatchesUntiled, type ParityCase } from '../testing/objective-parity.js';
import { convStack, narrowVgg19, testNetwork } from '../testing/test-network.js';
import { affinePreprocess, NativeExecutor } from './native-executor.js';
import { loadOnnxRuntime } from './onnx-runtime.js';

before(() => initBackend({ backend: 'cpu' }));

const defaultNet = () => {
  const network = createDefaultNetwork();
  assert.ok(network instanceof ConvNet);
  return network;
};
const everyPool = () =>
  testNetwork(convStack([5, 6, 4, 3], ['blur', 'max', 'avg']), { seed: 7, contentLayer: 'c3', styleLayers: { c1: 1, c2: 0.5, c4: 2 } });

const cases: readonly ParityCase[] = [
  { name: 'default network, 40×33, tiled', network: defaultNet, width: 40, height: 33, tileSize: 24 },
  { name: 'default network, 37×29, one tile', network: defaultNet, width: 37, height: 29, tileSize: 64, tiles: 'one' },
  { name: 'VGG-19 shape, average pooling, 48×32', network: () => narrowVgg19(4), width: 48, height: 32, tileSize: 16 },
  { name: 'VGG-19 shape, max pooling, 41×35', network: () => narrowVgg19(4, 'max'), width: 41, height: 35, tileSize: 16 },
  {
    name: 'every pool, odd sizes, two styles',
    network: everyPool,
    width: 45,
    height: 31,
    tileSize: 16,
    options: { styles: [{ image: painting(30, 20, 2) }, { image: painting(16, 24, 3), weight: 2 }] },
  },
  {
    name: 'every pool, plain Grams, colours kept',
    network: everyPool,
    width: 40,
    height: 24,
    tileSize: 16,
    options: { centredGram: false, preserveColors: true },
  },
];

describe('the native engine equals tfjs', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const ort = await loadOnnxRuntime();
      await assertTiledMatchesUntiled(c, (network) => NativeExecutor.create(ort, network, 2), 'native');
    });
  }
});

test('an executor that keeps one session and no content target rebuilds them as it goes, with the same results', async () => {
  const ort = await loadOnnxRuntime();
  const c = cases[0]!;
  const frugal = { sessions: 1, sessionBytes: 0, cacheBytes: 0 };
  await assertTiledMatchesUntiled(c, (network) => NativeExecutor.create(ort, network, 1, frugal), 'native, frugal');
});

describe('what the native engine refuses', () => {
  test('a network with mirrored borders, or a preprocessing that is not affine, with a named error', async () => {
    const ort = await loadOnnxRuntime();
    const mirrored = testNetwork(convStack([4], []), { contentLayer: 'c1', styleLayers: { c1: 1 }, padding: 'reflect' });
    await assert.rejects(
      NativeExecutor.create(ort, mirrored, 1),
      (e: unknown) => e instanceof InvalidModelError && /reflect/.test(e.message),
    );
    const squared = testNetwork(convStack([4], []), { contentLayer: 'c1', styleLayers: { c1: 1 }, preprocess: (rgb) => tf.square(rgb) });
    await assert.rejects(affinePreprocess(squared), (e: unknown) => e instanceof InvalidModelError && /affine/.test(e.message));
  });
});

after(async () => {
  await initBackend({ backend: 'cpu' });
});
