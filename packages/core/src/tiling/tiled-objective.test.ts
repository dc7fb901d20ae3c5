/**
 * Tiled J and ∂J/∂x against the untiled objective, on images small enough to run both: the
 * embedded network, a VGG-19-shaped narrow random net (4 pools, 2×2 average) and a shallow net
 * with mirrored borders, each on images whose tiles have interior halos, odd sizes included. The
 * webgpu backend is forced: where no adapter is found this suite fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConvNet, createDefaultNetwork, type FeatureNetwork, initBackend } from '../index.js';
import { painting } from '../testing/images.js';
import { convStack, narrowVgg19, testNetwork } from '../testing/test-network.js';
import { assertTiledMatchesUntiled, type ParityCase } from '../testing/objective-parity.js';
import { InThreadExecutor } from './tile-executor.js';
import { networkGeometry, planTiles } from './tile-plan.js';

function convNet(network: FeatureNetwork): ConvNet {
  assert.ok(network instanceof ConvNet);
  return network;
}

const shallow = testNetwork(convStack([8, 12, 6], ['blur', 'avg']), {
  seed: 4,
  contentLayer: 'c2',
  styleLayers: { c1: 1, c2: 0.5, c3: 2 },
  padding: 'reflect',
});

/**
 * Crops with halos inside the image need images wider than 2 halos + a core: too slow for tfjs's
 * cpu backend and for WebGPU on a software rasteriser (each crop shape compiles its shaders).
 */
const large: readonly ParityCase[] = [
  { name: 'default network, 152×41, interior halos', network: () => convNet(createDefaultNetwork()), width: 152, height: 41, tileSize: 24 },
  { name: 'VGG-19 shape (width 4), 288×40, interior halos', network: () => narrowVgg19(4), width: 288, height: 40, tileSize: 32 },
];

/** Halos reach the border, but cores and pooled grids are tiled as above. */
const cases: readonly ParityCase[] = [
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

describe('tiled objective equals the untiled one', () => {
  for (const backend of ['cpu', 'wasm', 'webgpu'] as const) {
    for (const c of backend === 'wasm' ? [...large, ...cases] : cases) {
      test(`${backend}: ${c.name}`, async () => {
        await initBackend({ backend });
        await assertTiledMatchesUntiled(c, async (network) => new InThreadExecutor(network), backend);
      });
    }
  }
});
