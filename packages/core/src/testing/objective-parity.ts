import assert from 'node:assert/strict';
import { type ConvNet, rgbTensor, tf } from '../index.js';
import { pixelsOf } from '../image/pixels.js';
import { createStyleObjective } from '../optimize/style-objective.js';
import { resolveStylizeOptions, type StylizeOptions } from '../optimize/stylize-options.js';
import type { TileExecutor } from '../tiling/tile-executor.js';
import { networkGeometry, planTiles } from '../tiling/tile-plan.js';
import { createTiledObjective } from '../tiling/tiled-objective.js';
import { painting, photo } from './images.js';
import { assertClose } from './tensors.js';

/** An image, a network and a tile size on which a tiled objective is compared with the untiled one. */
export interface ParityCase {
  readonly name: string;
  readonly network: () => ConvNet;
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  /** How many tiles the case must have: at least 4 (default), or exactly 1. */
  readonly tiles?: 'several' | 'one';
  readonly options?: Partial<StylizeOptions>;
}

/**
 * Asserts that J, J_style, J_content and ∂J/∂x of the tiled objective on `executor(network)`
 * equal the untiled objective's on the active tfjs backend, at the photo and at a noisy image,
 * and that the tiled side leaves no tensor behind.
 */
export async function assertTiledMatchesUntiled(c: ParityCase, executor: (network: ConvNet) => Promise<TileExecutor>, label: string) {
  const network = c.network();
  const content = photo(c.width, c.height);
  const o = resolveStylizeOptions({ content, styles: [{ image: painting(40, 32) }], tvWeight: 0.1, ...c.options }, network);
  const contentRgb = rgbTensor(content);
  const styleRgbs = o.styles.map((s) => rgbTensor(s.image));
  const x = tf.tidy(
    () => tf.clipByValue(tf.add(contentRgb, tf.randomUniform(contentRgb.shape, -0.2, 0.2, 'float32', 9)), 0, 1) as tf.Tensor4D,
  );
  const tiles = planTiles(c.width, c.height, c.tileSize, networkGeometry(network.spec, [o.contentLayer, ...Object.keys(o.styleLayers)]));
  assert.ok(c.tiles === 'one' ? tiles.length === 1 : tiles.length >= 4, `${c.name}: ${tiles.length} tiles`);
  const untiled = await createStyleObjective(network, o, contentRgb, styleRgbs);
  const runner = await executor(network);
  const before = tf.memory().numTensors;
  const tiled = await createTiledObjective(network, o, await pixelsOf(contentRgb), styleRgbs, { tileSize: c.tileSize, executor: runner });
  for (const image of [contentRgb, x]) {
    const a = await untiled.evaluate(image);
    const b = await tiled.evaluatePixels(await pixelsOf(image));
    const what = `${label} ${c.name} at ${image === x ? 'a noisy image' : 'the photo'}`;
    assertClose(b.loss, a.loss, { rtol: 2e-4 }, `${what}: J`);
    assertClose(b.styleLoss, a.styleLoss, { rtol: 2e-4 }, `${what}: J_style`);
    assertClose(b.contentLoss, a.contentLoss, { rtol: 2e-4, atol: 1e-7 }, `${what}: J_content`);
    const ga = await a.gradient.data();
    const scale = Math.max(...ga.map(Math.abs));
    assert.ok(scale > 0);
    assertClose(b.gradient, ga, { rtol: 1e-3, atol: 2e-4 * scale }, `${what}: ∂J/∂x`);
    a.gradient.dispose();
  }
  tiled.dispose();
  await runner.dispose();
  assert.equal(tf.memory().numTensors, before, `${label} ${c.name}: no tensor left behind`);
  untiled.dispose();
  tf.dispose([contentRgb, x, ...styleRgbs]);
}
