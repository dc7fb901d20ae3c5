/**
 * Tiled J and ∂J/∂x against the untiled objective, on images small enough to run both: the
 * embedded network, a VGG-19-shaped narrow random net (4 pools, 2×2 average) and a shallow net
 * with mirrored borders, each on images whose tiles have interior halos, odd sizes included. The
 * webgpu backend is forced: where no adapter is found this suite fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type BackendName, ConvNet, createDefaultNetwork, type FeatureNetwork, initBackend, rgbTensor, tf } from '../index.js';
import { createStyleObjective } from '../optimize/style-objective.js';
import { resolveStylizeOptions, type StylizeOptions } from '../optimize/stylize-options.js';
import { painting, photo } from '../testing/images.js';
import { convStack, narrowVgg19, testNetwork } from '../testing/test-network.js';
import { assertClose } from '../testing/tensors.js';
import { InThreadExecutor } from './tile-executor.js';
import { networkGeometry, planTiles } from './tile-plan.js';
import { createTiledObjective } from './tiled-objective.js';
import { pixelsOf } from '../image/pixels.js';

function convNet(network: FeatureNetwork): ConvNet {
  assert.ok(network instanceof ConvNet);
  return network;
}

const shallow = testNetwork(convStack([8, 12, 6], ['blur', 'avg']), {
  seed: 4,
  contentLayer: 'c2',
  styleWeights: { c1: 1, c2: 0.5, c3: 2 },
  padding: 'reflect',
});

interface Case {
  readonly name: string;
  readonly network: () => ConvNet;
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly options?: Partial<StylizeOptions>;
}

/**
 * Crops with halos inside the image need images wider than 2 halos + a core: too slow for tfjs's
 * cpu backend and for WebGPU on a software rasteriser (each crop shape compiles its shaders).
 */
const large: readonly Case[] = [
  { name: 'default network, 152×41, interior halos', network: () => convNet(createDefaultNetwork()), width: 152, height: 41, tileSize: 24 },
  { name: 'VGG-19 shape (width 4), 288×40, interior halos', network: () => narrowVgg19(4), width: 288, height: 40, tileSize: 32 },
];

/** Halos reach the border, but cores and pooled grids are tiled as above. */
const cases: readonly Case[] = [
  { name: 'default network, 40×33', network: () => convNet(createDefaultNetwork()), width: 40, height: 33, tileSize: 24 },
  { name: 'VGG-19 shape (width 4), 48×32', network: () => narrowVgg19(4), width: 48, height: 32, tileSize: 16 },
  {
    name: 'shallow, mirrored borders, 57×41, two styles',
    network: () => shallow,
    width: 57,
    height: 41,
    tileSize: 12,
    options: { styles: [{ image: painting(30, 20, 2) }, { image: painting(16, 24, 3), weight: 2 }] },
  },
  {
    name: 'shallow, plain Grams, colours kept, 56×40',
    network: () => shallow,
    width: 56,
    height: 40,
    tileSize: 16,
    options: { centredGram: false, preserveColors: true },
  },
];

describe('tile plan', () => {
  test('cores partition the image; crops start on the stride and end ≡ the image end (mod stride), with the halo inside', () => {
    const geometry = networkGeometry(convNet(createDefaultNetwork()).spec, ['conv1_1', 'conv4_1', 'conv2_2']);
    assert.deepEqual([geometry.stride, geometry.halo % geometry.stride], [8, 0]);
    assert.equal(geometry.halo, 32, 'conv4_1 sees 29 px each side: 4 strides of 8');
    const [width, height] = [203, 157];
    const tiles = planTiles(width, height, 48, geometry);
    const covered = new Uint8Array(width * height);
    for (const { crop, core } of tiles) {
      assert.equal(crop.top % 8, 0);
      assert.equal(crop.left % 8, 0);
      assert.equal((height - crop.bottom) % 8, 0);
      assert.equal((width - crop.right) % 8, 0);
      assert.ok(
        core.top >= Math.min(geometry.halo, crop.top + core.top) &&
          crop.bottom - crop.top - core.bottom >= Math.min(geometry.halo, height - crop.top - core.bottom),
      );
      for (let y = crop.top + core.top; y < crop.top + core.bottom; y++) {
        for (let x = crop.left + core.left; x < crop.left + core.right; x++) covered[y * width + x]! += 1;
      }
    }
    assert.ok(
      covered.every((n) => n === 1),
      'every pixel in exactly one core',
    );
    assert.equal(tiles.length, Math.ceil(height / 48) * Math.ceil(width / 48));
    const coreWidths = new Set(tiles.map(({ core }) => core.right - core.left));
    assert.ok(
      Math.max(...coreWidths) <= 48 && Math.max(...coreWidths) - Math.min(...coreWidths) < 8,
      `equal cores: ${[...coreWidths].join(', ')}`,
    );
  });
});

async function compare(backend: BackendName, c: Case) {
  await initBackend({ backend });
  const network = c.network();
  const content = photo(c.width, c.height);
  const o = resolveStylizeOptions({ content, styles: [{ image: painting(40, 32) }], tvWeight: 0.1, ...c.options }, network);
  const contentRgb = rgbTensor(content);
  const styleRgbs = o.styles.map((s) => rgbTensor(s.image));
  const x = tf.tidy(
    () => tf.clipByValue(tf.add(contentRgb, tf.mul(tf.randomUniform(contentRgb.shape, -0.2, 0.2, 'float32', 9), 1)), 0, 1) as tf.Tensor4D,
  );
  const executor = new InThreadExecutor(network);
  const untiled = await createStyleObjective(network, o, contentRgb, styleRgbs);
  const tiled = await createTiledObjective(network, o, await pixelsOf(contentRgb), styleRgbs, { tileSize: c.tileSize, executor });
  assert.ok(
    planTiles(c.width, c.height, c.tileSize, networkGeometry(network.spec, [o.contentLayer, ...Object.keys(o.styleLayers)])).length >= 4,
  );
  for (const image of [contentRgb, x]) {
    const a = await untiled.evaluate(image);
    const b = await tiled.evaluate(image);
    const what = `${backend} ${c.name} at ${image === x ? 'a noisy image' : 'the photo'}`;
    assertClose(b.loss, a.loss, { rtol: 2e-4 }, `${what}: J`);
    assertClose(b.styleLoss, a.styleLoss, { rtol: 2e-4 }, `${what}: J_style`);
    assertClose(b.contentLoss, a.contentLoss, { rtol: 2e-4, atol: 1e-7 }, `${what}: J_content`);
    const [ga, gb] = [await a.gradient.data(), await b.gradient.data()];
    const scale = Math.max(...ga.map(Math.abs));
    assert.ok(scale > 0);
    assertClose(gb, ga, { rtol: 1e-3, atol: 2e-4 * scale }, `${what}: ∂J/∂x`);
    tf.dispose([a.gradient, b.gradient]);
  }
  untiled.dispose();
  tiled.dispose();
  tf.dispose([contentRgb, x, ...styleRgbs]);
}

describe('tiled objective equals the untiled one', () => {
  for (const backend of ['cpu', 'wasm', 'webgpu'] as const) {
    for (const c of backend === 'wasm' ? [...large, ...cases] : cases) test(`${backend}: ${c.name}`, () => compare(backend, c));
  }
});
