/**
 * The native engine against tfjs: J and ∂J/∂x of the tiled objective on ONNX Runtime equal the
 * untiled objective on tfjs's cpu backend, for every network (the embedded one, VGG-19's shape
 * with average and max pooling, a stack with every pool at odd sizes), tiled and as one tile.
 * `onnxruntime-node` is a dev dependency here: where it does not load this suite fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConvNet, createDefaultNetwork, initBackend, InvalidModelError, rgbTensor, tf } from '../index.js';
import { createStyleObjective } from '../optimize/style-objective.js';
import { resolveStylizeOptions, type StylizeOptions } from '../optimize/stylize-options.js';
import { painting, photo } from '../testing/images.js';
import { convStack, narrowVgg19, testNetwork } from '../testing/test-network.js';
import { assertClose } from '../testing/tensors.js';
import { networkGeometry, planTiles } from '../tiling/tile-plan.js';
import { createTiledObjective } from '../tiling/tiled-objective.js';
import { pixelsOf } from '../image/pixels.js';
import { affinePreprocess, NativeExecutor } from './native-executor.js';
import { loadOnnxRuntime } from './onnx-runtime.js';

before(() => initBackend({ backend: 'cpu' }));

interface Case {
  readonly name: string;
  readonly network: () => ConvNet;
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly options?: Partial<StylizeOptions>;
}

const defaultNet = () => {
  const network = createDefaultNetwork();
  assert.ok(network instanceof ConvNet);
  return network;
};
const everyPool = () =>
  testNetwork(convStack([5, 6, 4, 3], ['blur', 'max', 'avg']), { seed: 7, contentLayer: 'c3', styleWeights: { c1: 1, c2: 0.5, c4: 2 } });

const cases: readonly Case[] = [
  { name: 'default network, 40×33, tiled', network: defaultNet, width: 40, height: 33, tileSize: 24 },
  { name: 'default network, 37×29, one tile', network: defaultNet, width: 37, height: 29, tileSize: 64 },
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
      const network = c.network();
      const content = photo(c.width, c.height);
      const o = resolveStylizeOptions({ content, styles: [{ image: painting(40, 32) }], tvWeight: 0.1, ...c.options }, network);
      const contentRgb = rgbTensor(content);
      const styleRgbs = o.styles.map((s) => rgbTensor(s.image));
      const x = tf.tidy(
        () => tf.clipByValue(tf.add(contentRgb, tf.randomUniform(contentRgb.shape, -0.2, 0.2, 'float32', 9)), 0, 1) as tf.Tensor4D,
      );
      const tiles = planTiles(
        c.width,
        c.height,
        c.tileSize,
        networkGeometry(network.spec, [o.contentLayer, ...Object.keys(o.styleLayers)]),
      );
      assert.ok(c.name.includes('one tile') ? tiles.length === 1 : tiles.length >= 4, `${tiles.length} tiles`);
      const executor = await NativeExecutor.create(await loadOnnxRuntime(), network, 2);
      const reference = await createStyleObjective(network, o, contentRgb, styleRgbs);
      const before = tf.memory().numTensors;
      const native = await createTiledObjective(network, o, await pixelsOf(contentRgb), styleRgbs, { tileSize: c.tileSize, executor });
      for (const image of [contentRgb, x]) {
        const a = await reference.evaluate(image);
        const b = await native.evaluatePixels(await pixelsOf(image));
        const what = `${c.name} at ${image === x ? 'a noisy image' : 'the photo'}`;
        assertClose(b.loss, a.loss, { rtol: 2e-4 }, `${what}: J`);
        assertClose(b.styleLoss, a.styleLoss, { rtol: 2e-4 }, `${what}: J_style`);
        assertClose(b.contentLoss, a.contentLoss, { rtol: 2e-4, atol: 1e-7 }, `${what}: J_content`);
        const ga = await a.gradient.data();
        const scale = Math.max(...ga.map(Math.abs));
        assert.ok(scale > 0);
        assertClose(b.gradient, ga, { rtol: 1e-3, atol: 2e-4 * scale }, `${what}: ∂J/∂x`);
        a.gradient.dispose();
      }
      native.dispose();
      await executor.dispose();
      assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
      reference.dispose();
      tf.dispose([contentRgb, x, ...styleRgbs]);
    });
  }
});

describe('what the native engine refuses', () => {
  test('a network with mirrored borders, or a preprocessing that is not affine, with a named error', async () => {
    const ort = await loadOnnxRuntime();
    const mirrored = testNetwork(convStack([4], []), { contentLayer: 'c1', styleWeights: { c1: 1 }, padding: 'reflect' });
    await assert.rejects(
      NativeExecutor.create(ort, mirrored, 1),
      (e: unknown) => e instanceof InvalidModelError && /reflect/.test(e.message),
    );
    const squared = testNetwork(convStack([4], []), { contentLayer: 'c1', styleWeights: { c1: 1 }, preprocess: (rgb) => tf.square(rgb) });
    await assert.rejects(affinePreprocess(squared), (e: unknown) => e instanceof InvalidModelError && /affine/.test(e.message));
  });
});

after(async () => {
  await initBackend({ backend: 'cpu' });
});
