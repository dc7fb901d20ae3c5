/**
 * The worker pool against the same tiles in this thread: equal J and ∂J/∂x, errors that come
 * back as errors, and the in-thread fallback where a network cannot be sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConvNet, createDefaultNetwork, initBackend, randomConvLayers, rgbTensor, stylize, tf } from '../index.js';
import { resolveStylizeOptions } from '../optimize/stylize-options.js';
import { painting, photo } from '../testing/images.js';
import { assertClose } from '../testing/tensors.js';
import { InThreadExecutor, type TileExecutor } from './tile-executor.js';
import { createWorkerPool } from './tile-pool.js';
import { createTiledObjective } from './tiled-objective.js';
import { pixelsOf } from '../image/pixels.js';

const network = createDefaultNetwork();
assert.ok(network instanceof ConvNet);
let pool: TileExecutor | undefined;

before(async () => {
  await initBackend({ backend: 'wasm' });
  pool = await createWorkerPool(network, { workers: 2 });
});
after(() => pool?.dispose());

describe('worker pool', () => {
  test('two wasm workers give the J and ∂J/∂x of the same tiles in this thread', async () => {
    assert.ok(pool !== undefined, 'Node has worker_threads: a pool, not the fallback');
    const content = photo(72, 41);
    const o = resolveStylizeOptions(
      { content, styles: [{ image: painting(40, 32) }, { image: painting(20, 30, 4), weight: 0.5 }] },
      network,
    );
    const contentRgb = rgbTensor(content);
    const styles = o.styles.map((s) => rgbTensor(s.image));
    const x = tf.tidy(
      () => tf.clipByValue(tf.add(contentRgb, tf.randomUniform(contentRgb.shape, -0.2, 0.2, 'float32', 3)), 0, 1) as tf.Tensor4D,
    );
    const inThread = await createTiledObjective(network, o, await pixelsOf(contentRgb), styles, {
      tileSize: 24,
      executor: new InThreadExecutor(network),
    });
    const pooled = await createTiledObjective(network, o, await pixelsOf(contentRgb), styles, { tileSize: 24, executor: pool });
    for (let round = 0; round < 2; round++) {
      // The second round: the workers hold their tiles' content targets.
      const [a, b] = [await inThread.evaluate(x), await pooled.evaluate(x)];
      assertClose(b.loss, a.loss, { rtol: 1e-6 }, `round ${round}: J`);
      assertClose([b.contentLoss, b.styleLoss], [a.contentLoss, a.styleLoss], { rtol: 1e-6 }, `round ${round}: J_content, J_style`);
      assertClose(await b.gradient.data(), await a.gradient.data(), { rtol: 1e-5, atol: 1e-9 }, `round ${round}: ∂J/∂x`);
      tf.dispose([a.gradient, b.gradient]);
    }
    inThread.dispose();
    pooled.dispose();
    tf.dispose([contentRgb, x, ...styles]);
  });

  test("a worker's error comes back as an error under its name, and the pool goes on", async () => {
    assert.ok(pool !== undefined);
    // A request's pixels are transferred to the worker: each request gets its own.
    const request = () => ({ pixels: new Float32Array(8 * 8 * 3), height: 8, width: 8, core: { top: 0, left: 0, bottom: 8, right: 8 } });
    await assert.rejects(pool.forward({ ...request(), sumLayers: ['conv9_9'], gramMeans: [] }, 0), {
      name: 'UnknownLayerError',
      message: /conv9_9/,
    });
    const { sums } = await pool.forward({ ...request(), sumLayers: ['conv1_1'], gramMeans: [] }, 0);
    assert.equal(sums.conv1_1?.length, 32);
  });

  test('stylize with 2 workers makes the picture of 1, tiled', async () => {
    const options = {
      content: photo(60, 44),
      styles: [{ image: painting(32, 32) }],
      iterations: 4,
      stages: 1,
      optimizer: 'adam' as const,
      tileSize: 24,
    };
    const [one, two] = [await stylize({ ...options, workers: 1 }), await stylize({ ...options, workers: 2 })];
    const worst = Array.from(one.data).reduce((m, v, i) => Math.max(m, Math.abs(v - two.data[i]!)), 0);
    assert.ok(worst <= 1, `pixels differ by up to ${worst}`);
  });

  test('a network whose preprocessing cannot be sent runs in-thread (no pool)', async () => {
    const custom = new ConvNet({
      name: 'custom',
      layers: randomConvLayers([{ name: 'c1', channels: 4 }], 1),
      contentLayer: 'c1',
      styleLayers: { c1: 1 },
      costWeights: { alpha: 1, beta: 1 },
      preprocess: (rgb) => rgb,
    });
    assert.equal(await createWorkerPool(custom, { workers: 2 }), undefined);
  });
});
