/**
 * A batch along the path the CLI takes: photos styled at once by one stylizer (one pool of
 * workers, one cache of style targets) come out as stylize makes them one by one.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, test } from 'node:test';
import {
  CancelledError,
  createStylizer,
  defaultNetwork,
  imagenetPreprocess,
  initBackend,
  InvalidImageError,
  InvalidOptionError,
  NonFiniteCostError,
  type RgbaImage,
  rgbTensor,
  stylize,
  tf,
  UnknownLayerError,
} from '../index.js';
import { painting, photo } from '../testing/images.js';
import { testNetwork, twoConvs } from '../testing/test-network.js';
import { resolveStylizeOptions } from './stylize-options.js';
import { InThreadExecutor, type TileExecutor } from '../tiling/tile-executor.js';
import { createTiledObjective, StyleTargetCache } from '../tiling/tiled-objective.js';
import { pixelsOf } from '../image/pixels.js';
import { WorkSlots } from './work-slots.js';

// ImageNet's preprocessing, which a worker can rebuild: with another, tiles would run in-thread.
const shallow = testNetwork(twoConvs(6, 8), {
  seed: 2,
  contentLayer: 'c2',
  styleLayers: { c1: 1, c2: 1 },
  preprocess: imagenetPreprocess,
});
const worst = (a: Uint8ClampedArray | Uint8Array, b: Uint8ClampedArray | Uint8Array) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('createStylizer', () => {
  test('wasm, 2 workers: photos styled at once (small ones side by side, a large one alone in tiles) match stylize one by one, and nothing leaks', async () => {
    await initBackend({ backend: 'wasm' });
    const style = painting(32, 32);
    // Tiles of 16: the first two end in 6 and 9 tiles, the last in 20 (≥ 16: it takes both workers).
    const photos = [photo(40, 30), painting(36, 36, 5), photo(80, 64)];
    const common = { styles: [{ image: style }], iterations: 12, stages: 2, network: shallow };
    const alone: RgbaImage[] = [];
    for (const content of photos) alone.push(await stylize({ ...common, content, tileSize: 16 }));
    const before = tf.memory().numTensors;
    const stylizer = createStylizer({ network: shallow, workers: 2, tileSize: 16 });
    const events: number[] = [];
    let batch: RgbaImage[];
    try {
      batch = await Promise.all(
        photos.map((content, i) =>
          stylizer.stylize({ content, styles: common.styles, iterations: 12, stages: 2, onProgress: () => void events.push(i) }),
        ),
      );
    } finally {
      await stylizer.dispose();
    }
    // The two small photos take a worker each and run at once; the large one takes both, after them.
    assert.ok(events.indexOf(1) < events.lastIndexOf(0), `the small photos ran one after the other: ${events.join(' ')}`);
    assert.ok(events.indexOf(2) > Math.max(events.lastIndexOf(0), events.lastIndexOf(1)), `the large photo ran alone: ${events.join(' ')}`);
    assert.equal(tf.memory().numTensors, before);
    batch.forEach((result, i) => {
      assert.deepEqual([result.width, result.height], [alone[i]!.width, alone[i]!.height]);
      // The stylizer runs every stage through the tiled objective (a small one as one tile): float rounding apart, the same.
      assert.ok(worst(result.data, alone[i]!.data) <= 2, `photo ${i + 1}: pixels differ by up to ${worst(result.data, alone[i]!.data)}`);
    });
  });

  test('a photo cancelled while it waits for a worker is refused at once, holding none', async () => {
    await initBackend({ backend: 'cpu' });
    const stylizer = createStylizer({ network: shallow, workers: 1 });
    const controller = new AbortController();
    const options = { content: photo(24, 24), styles: [{ image: painting(16, 16) }], iterations: 2 };
    const first = stylizer.stylize(options);
    const second = stylizer.stylize({ ...options, signal: controller.signal });
    controller.abort();
    await assert.rejects(second, CancelledError);
    await first;
    await stylizer.dispose();
  });

  test('every failed call leaks nothing (a 1×1 photo is refused by name, not by tfjs), on 1 and 2 workers', async () => {
    await initBackend({ backend: 'wasm' });
    const style = painting(16, 16);
    const network = defaultNetwork();
    // Its weights, made on first use, are shared: not the stylizer's to free.
    await stylize({ content: photo(24, 20), styles: [{ image: style }], iterations: 1, network });
    for (const workers of [1, 2]) {
      const before = tf.memory().numTensors;
      const stylizer = createStylizer({ network, workers, tileSize: 32 });
      const controller = new AbortController();
      const failures: [Partial<Parameters<typeof stylizer.stylize>[0]>, new (...args: never[]) => Error, RegExp][] = [
        [{ content: photo(1, 1) }, InvalidImageError, /content image is 1×1 pixels; stylize needs at least 2 /],
        [{ iterations: 0 }, InvalidOptionError, /iterations is 0/],
        [{ contentLayer: 'conv9_9' }, UnknownLayerError, /no layer 'conv9_9'/],
        [{ styleWeight: 1e308 }, NonFiniteCostError, /the cost became/],
        [{ signal: controller.signal, onProgress: (p) => void (p.iteration >= 2 && controller.abort()) }, CancelledError, /cancelled/],
      ];
      try {
        for (const [options, kind, message] of failures) {
          await assert.rejects(
            stylizer.stylize({ content: photo(24, 20), styles: [{ image: style }], iterations: 4, ...options }),
            (e: unknown) => e instanceof kind && message.test(e.message),
            `${workers} workers: ${kind.name}`,
          );
        }
      } finally {
        await stylizer.dispose();
      }
      assert.equal(tf.memory().numTensors, before, `${workers} workers: tensors left`);
    }
  });
});

describe('StyleTargetCache', () => {
  test('a second photo of the size of the first gets the styles’ targets without running the style through the network', async () => {
    await initBackend({ backend: 'cpu' });
    const content = photo(40, 30);
    const styleRgb = rgbTensor(painting(24, 24));
    const o = resolveStylizeOptions({ content, styles: [{ image: painting(24, 24) }] }, shallow);
    const contentPixels = await pixelsOf(rgbTensor(content));
    const styleTargets = new StyleTargetCache();
    const forwards: number[] = [];
    const executor = new InThreadExecutor(shallow);
    const counting: TileExecutor = {
      concurrency: 1,
      forward: (request) => {
        forwards[forwards.length - 1]! += 1;
        return executor.forward(request);
      },
      backward: (request) => executor.backward(request),
      clear: (prefix) => executor.clear(prefix),
      dispose: () => executor.dispose(),
    };
    const values = [];
    for (const cache of [styleTargets, styleTargets, undefined]) {
      forwards.push(0);
      const objective = await createTiledObjective(shallow, o, contentPixels, [styleRgb], {
        tileSize: 16,
        executor: counting,
        ...(cache === undefined ? {} : { styleTargets: cache }),
      });
      values.push((await objective.evaluatePixels(contentPixels)).loss);
      objective.dispose();
    }
    const [first = 0, second = 0, uncached = 0] = forwards;
    assert.equal(first, uncached, 'the first photo computes what an uncached one does');
    assert.ok(second < first, `the second photo ran ${second} forward passes, the first ${first}`);
    assert.equal(values[1], values[0], 'the same cost');
    styleRgb.dispose();
  });
});

describe('WorkSlots', () => {
  test('serves in order: a large request is not overtaken by small ones behind it', async () => {
    const slots = new WorkSlots(2);
    const order: string[] = [];
    const a = (await slots.take(1))!;
    const big = slots.take(2).then((release) => (order.push('big'), release));
    const small = slots.take(1).then((release) => (order.push('small'), release));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'one slot free: the big request waits, and the small one behind it');
    a();
    const releaseBig = (await big)!;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, ['big']);
    releaseBig();
    (await small)!();
    assert.deepEqual(order, ['big', 'small']);
  });

  test('asks for at most all slots; an abort while waiting takes none and lets the next in; no listener is left on the signal', async () => {
    const slots = new WorkSlots(2);
    const batch = new AbortController();
    (await slots.take(1, batch.signal))!();
    assert.equal(getEventListeners(batch.signal, 'abort').length, 0, 'a granted take leaves no listener');
    const all = (await slots.take(5))!;
    const controller = new AbortController();
    const waiting = slots.take(2, controller.signal);
    const next = slots.take(1);
    controller.abort();
    assert.equal(await waiting, undefined);
    all();
    const release = await next;
    assert.ok(release !== undefined);
  });
});
