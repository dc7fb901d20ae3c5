import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type BackendName,
  CancelledError,
  defaultIterations,
  initBackend,
  InvalidImageError,
  InvalidOptionError,
  LARGE_ITERATIONS_SIDE,
  LARGE_RESULT_ITERATIONS,
  NonFiniteCostError,
  type RgbaImage,
  stylize,
  stylizeSchedule,
  type StylizeProgress,
  tf,
  UnknownLayerError,
} from '../index.js';
import { rgbToYiq } from '../image/luminance.js';
import { rgbTensor } from '../image/rgba-image.js';
import { stageIterations } from './stylize.js';
import { painting, photo } from '../testing/images.js';

const content = photo(24, 20);
const style = painting(24, 24);

async function run(options: Partial<Parameters<typeof stylize>[0]> = {}) {
  const progress: StylizeProgress[] = [];
  const image = await stylize({
    content,
    styles: [{ image: style }],
    iterations: 30,
    ...options,
    onProgress: (p) => void progress.push(p),
  });
  return { image, progress };
}

/** Mean and standard deviation of the I and Q (chroma) channels. */
function chroma(image: RgbaImage): number[] {
  return tf.tidy(() => {
    const iq = tf.slice(rgbToYiq(rgbTensor(image)), [0, 0, 0, 1], [-1, -1, -1, 2]);
    const { mean, variance } = tf.moments(iq, [0, 1, 2]);
    return [...mean.dataSync(), ...tf.sqrt(variance).dataSync()];
  });
}

describe('stylize', () => {
  for (const backend of ['cpu', 'wasm', 'webgpu'] as const satisfies readonly BackendName[]) {
    for (const optimizer of ['lbfgs', 'adam'] as const) {
      test(`${backend}, ${optimizer}: the style cost falls by a large factor within 30 iterations`, async () => {
        await initBackend({ backend });
        // Style alone (α = 0): with the content term the optimum's own J_style is unknown.
        const { progress } = await run({ optimizer, contentWeight: 0 });
        const first = progress[0]!.styleLoss;
        const lowest = Math.min(...progress.map((p) => p.styleLoss));
        assert.ok(lowest < first / 10, `${backend} ${optimizer}: J_style ${first} → ${lowest}`);
      });
    }
  }

  test('returns an image of the content size with its alpha, and reports every iteration', async () => {
    await initBackend({ backend: 'wasm' });
    const translucent = { ...content, data: content.data.map((v, i) => (i % 4 === 3 ? (i >> 2) % 256 : v)) };
    const { image, progress } = await run({ content: translucent, iterations: 6 });
    assert.deepEqual([image.width, image.height], [24, 20]);
    for (let i = 3; i < image.data.length; i += 4) assert.equal(image.data[i], translucent.data[i]);
    assert.deepEqual(
      progress.map((p) => p.iteration),
      [1, 2, 3, 4, 5, 6],
    );
    assert.ok(progress.every((p) => p.iterations === 6 && p.stages === 1 && p.elapsedMs >= 0));
    assert.ok(progress.at(-1)!.preview, 'the last report of a stage carries a preview');
    assert.ok(
      image.data.some((v, i) => i % 4 !== 3 && v !== content.data[i]),
      'the pixels changed',
    );
  });

  test('scales down to maxSize, keeps the aspect ratio, and runs coarse to fine', async () => {
    await initBackend({ backend: 'wasm' });
    const { image, progress } = await run({ content: photo(64, 40), maxSize: 32, stages: 2, iterations: 4 });
    assert.deepEqual([image.width, image.height], [32, 20]);
    assert.deepEqual(
      progress.map((p) => p.stage),
      [1, 1, 2, 2],
    );
    assert.deepEqual([progress[1]!.preview?.width, progress[3]!.preview?.width], [16, 32]);
    // Work is iterations weighted by pixels: stage 1 (16×10) is a fifth of 16×10 + 32×20 per iteration.
    const fractions = progress.map((p) => p.fraction);
    assert.ok(Math.abs(fractions[1]! - 0.2) < 1e-9 && fractions[3] === 1, `${fractions}`);
    assert.ok(
      fractions.every((f, i) => i === 0 || f > fractions[i - 1]!),
      'the fraction grows',
    );
  });

  test('the costs are relative: every pair and size starts at J_content = 0 and J_style = Σλ', async () => {
    await initBackend({ backend: 'wasm' });
    for (const [c, s] of [
      [content, style],
      [photo(40, 28), painting(30, 30, 5)],
    ] as const) {
      const [first] = (await run({ content: c, styles: [{ image: s }], iterations: 1, stages: 1, styleWeight: 2 })).progress;
      assert.ok(Math.abs(first!.contentLoss) < 1e-9, `J_content ${first!.contentLoss}`);
      assert.ok(Math.abs(first!.styleLoss - 4) < 1e-3, `J_style ${first!.styleLoss}: the default network has 2 style layers of λ = 2`);
      assert.ok(Math.abs(first!.loss - (2 * 4 + 0.003)) < 1e-3, `J ${first!.loss} = β·Σλ + tv·1`);
    }
  });

  test("recolour starts from the photo in the painting's palette; without it, from the photo", async () => {
    await initBackend({ backend: 'wasm' });
    const target = chroma(style);
    const distance = (a: number[]) => Math.max(...a.slice(0, 2).map((v, i) => Math.abs(v - target[i]!)));
    const recoloured = chroma((await run({ iterations: 1 })).image);
    const own = chroma((await run({ iterations: 1, recolour: false })).image);
    assert.ok(distance(recoloured) < 0.02, `mean chroma off the painting's by ${distance(recoloured)}`);
    assert.ok(distance(own) > 3 * distance(recoloured), `without recolour it is off by ${distance(own)}`);
  });

  test('the same seed gives the same pixels; another seed, others', async () => {
    await initBackend({ backend: 'wasm' });
    const a = await run({ init: 'noise', seed: 7, iterations: 5 });
    const b = await run({ init: 'noise', seed: 7, iterations: 5 });
    const c = await run({ init: 'noise', seed: 8, iterations: 5 });
    assert.deepEqual(a.image.data, b.image.data);
    assert.notDeepEqual(a.image.data, c.image.data);
  });

  test("preserveColors keeps the content's chroma statistics", async () => {
    await initBackend({ backend: 'wasm' });
    const target = chroma(content);
    const kept = chroma((await run({ preserveColors: true })).image);
    const free = chroma((await run()).image);
    const distance = (a: number[]) => Math.max(...a.map((v, i) => Math.abs(v - target[i]!)));
    assert.ok(distance(kept) < 0.015, `chroma moved by ${distance(kept)}`);
    assert.ok(distance(free) > 3 * distance(kept), `without it, chroma moves by ${distance(free)}`);
  });

  test('blends several styles by weight', async () => {
    await initBackend({ backend: 'wasm' });
    const other = painting(24, 24, 9);
    const { progress } = await run({
      styles: [
        { image: style, weight: 3 },
        { image: other, weight: 1 },
      ],
      iterations: 10,
    });
    assert.ok(progress.at(-1)!.styleLoss < progress[0]!.styleLoss);
  });

  test('cancel stops within one iteration, with a CancelledError, and leaks no tensor', async () => {
    await initBackend({ backend: 'wasm' });
    await run({ iterations: 1 }); // the network's weights reach this backend on first use
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let reports = 0;
    await assert.rejects(
      stylize({
        content,
        styles: [{ image: style }],
        iterations: 50,
        signal: controller.signal,
        onProgress: ({ iteration }) => {
          reports += 1;
          if (iteration === 3) controller.abort();
        },
      }),
      CancelledError,
    );
    assert.equal(reports, 3);
    assert.equal(tf.memory().numTensors, before);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(stylize({ content, styles: [{ image: style }], signal: aborted.signal }), CancelledError);
  });

  test('an abort from outside (a timer, a signal handler) is heard even when onProgress never yields', async () => {
    await initBackend({ backend: 'wasm' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    let reports = 0;
    const running = stylize({
      content,
      styles: [{ image: style }],
      iterations: 200,
      signal: controller.signal,
      onProgress: () => void (reports += 1),
    });
    await assert.rejects(running, CancelledError);
    // On wasm tfjs's promises settle as microtasks: without stylize's own turn of the event loop
    // the timer would fire only after all 200 iterations.
    assert.ok(reports < 20, `stopped after ${reports} iterations`);
  });

  for (const optimizer of ['lbfgs', 'adam'] as const) {
    test(`${optimizer}: a whole run, two stages, leaves numTensors unchanged`, async () => {
      await initBackend({ backend: 'wasm' });
      await run({ iterations: 1 });
      const before = tf.memory().numTensors;
      await run({ optimizer, iterations: 12, stages: 2, preserveColors: true, tvWeight: 1, previewEvery: 2 });
      assert.equal(tf.memory().numTensors, before);
      await run({ optimizer, iterations: 4, stages: 2, init: 0.5 });
      assert.equal(tf.memory().numTensors, before, 'a start mixed with noise');
    });
  }

  test('bad input gets a named error that says what is wrong, and leaks nothing', async () => {
    await initBackend({ backend: 'cpu' });
    await run({ iterations: 1 });
    const before = tf.memory().numTensors;
    const cases: [Partial<Parameters<typeof stylize>[0]>, new (...args: never[]) => Error, RegExp][] = [
      [{ content: { width: 0, height: 0, data: new Uint8Array() } }, InvalidImageError, /content image is 0×0/],
      [{ content: { width: 2, height: 2, data: new Uint8Array(3) } }, InvalidImageError, /hold 3 bytes; a 2×2 RGBA image has 16/],
      [{ content: { width: 5000, height: 10, data: new Uint8Array(200000) } }, InvalidImageError, /largest side may be 4096/],
      [{ styles: [] }, InvalidOptionError, /styles is empty/],
      [{ iterations: 0 }, InvalidOptionError, /iterations is 0; expected a whole number from 1/],
      [{ maxSize: NaN }, InvalidOptionError, /maxSize/],
      [{ init: 2 }, InvalidOptionError, /init is 2/],
      [{ optimizer: 'sgd' as never }, InvalidOptionError, /optimizer is "sgd"/],
      [{ styleWeight: -1 }, InvalidOptionError, /styleWeight is -1/],
      [{ styles: [{ image: style, weight: 0 }] }, InvalidOptionError, /weight of style 1 is 0/],
      [{ styleLayers: { conv9_1: 1 } }, UnknownLayerError, /no layer 'conv9_1'; it has conv1_1/],
      [{ contentLayer: 'conv9_2', workers: 2, tileSize: 16 }, UnknownLayerError, /no layer 'conv9_2'; it has conv1_1/],
    ];
    for (const [options, kind, message] of cases) {
      await assert.rejects(
        run(options),
        (e: unknown) => e instanceof kind && message.test(e.message),
        JSON.stringify(options).slice(0, 80),
      );
    }
    assert.equal(tf.memory().numTensors, before);
  });
});

describe("stylize: errors in the caller's words", () => {
  test('an option error names the option and the value as given: NaN as NaN, not null', async () => {
    await initBackend({ backend: 'cpu' });
    const cases: [Partial<Parameters<typeof stylize>[0]>, string, RegExp][] = [
      [{ maxSize: NaN }, 'maxSize', /maxSize is NaN; expected a whole number from 16 to 4096/],
      [{ iterations: Infinity }, 'iterations', /iterations is Infinity;/],
      [{ styles: [{ image: style, weight: NaN }] }, 'styles[0].weight', /weight of style 1 is NaN/],
    ];
    for (const [options, option, message] of cases) {
      await assert.rejects(run(options), (e: unknown) => e instanceof InvalidOptionError && e.option === option && message.test(e.message));
    }
  });

  test('a cost that overflows is a NonFiniteCostError naming the weights, not only a learningRate', async () => {
    await initBackend({ backend: 'cpu' });
    await assert.rejects(
      run({ styleWeight: 1e308, iterations: 2 }),
      (e: unknown) =>
        e instanceof NonFiniteCostError &&
        e.iteration === 1 &&
        !Number.isFinite(e.loss) &&
        /lower the weights \(.*styleWeight 1e\+308/.test(e.message),
    );
  });
});

describe('stylize: the default iterations', () => {
  test('100, and LARGE_RESULT_ITERATIONS for a result of LARGE_ITERATIONS_SIDE px or more; a given number is kept', () => {
    const total = (options: Omit<Parameters<typeof stylizeSchedule>[0], 'content'>, width: number, height: number) =>
      stylizeSchedule({ content: { width, height }, ...options }).reduce((sum, s) => sum + s.iterations, 0);
    assert.deepEqual([LARGE_RESULT_ITERATIONS, LARGE_ITERATIONS_SIDE], [150, 1024]);
    assert.equal(total({ maxSize: 2048 }, 1920, 1080), LARGE_RESULT_ITERATIONS);
    assert.equal(total({ maxSize: 1024 }, 1920, 1080), LARGE_RESULT_ITERATIONS, 'from 1024 px');
    assert.equal(total({ maxSize: 1023 }, 1920, 1080), 100);
    assert.equal(total({ maxSize: 512 }, 1920, 1080), 100);
    assert.equal(total({ maxSize: 2048 }, 1000, 600), 100, 'a photo never enlarged: its own size decides');
    assert.equal(total({ maxSize: 2048, iterations: 40 }, 1920, 1080), 40);
    assert.equal(defaultIterations(LARGE_ITERATIONS_SIDE - 1), 100);
  });
});

describe('stylize: few iterations', () => {
  test('with L-BFGS, 3 iterations over what would be 3 stages still apply the weights (each stage gets 2 or more)', async () => {
    await initBackend({ backend: 'cpu' });
    const content = photo(64, 48);
    assert.deepEqual(
      stylizeSchedule({ content, iterations: 3 }).map((s) => s.iterations),
      [3],
      'one stage of 3, not three of 1',
    );
    assert.deepEqual(
      stylizeSchedule({ content, iterations: 3, optimizer: 'adam' }).map((s) => s.iterations),
      [1, 1, 1],
      "Adam's first iteration moves",
    );
    const results = [];
    for (const styleWeight of [0, 1000]) results.push(await stylize({ content, styles: [{ image: style }], iterations: 3, styleWeight }));
    const [none, much] = results;
    assert.ok(
      none!.data.some((v, i) => v !== much!.data[i]),
      'the style weight changes the picture',
    );
  });
});

describe('stageIterations', () => {
  test('splits the budget evenly at ratio 1, and weights the small stages at ratio 2', () => {
    assert.deepEqual(stageIterations(100, 2, 1), [50, 50]);
    assert.deepEqual(stageIterations(100, 2, 2), [67, 33]);
    assert.deepEqual(stageIterations(100, 3, 2), [58, 28, 14]);
    assert.deepEqual(stageIterations(7, 1, 2), [7]);
  });

  test('gives every stage at least `least` when the budget allows', () => {
    assert.deepEqual(stageIterations(6, 3, 2, 2), [2, 2, 2]);
    assert.deepEqual(stageIterations(9, 3, 2, 2), [5, 2, 2]);
    assert.deepEqual(stageIterations(5, 3, 1, 2), [2, 2, 1], 'one short: the last stage gets what is left');
  });

  test('always sums to the budget and gives every stage at least one iteration', () => {
    for (let total = 1; total <= 60; total++) {
      for (let stages = 1; stages <= Math.min(total, 6); stages++) {
        for (const ratio of [1, 1.5, 2, 4]) {
          const counts = stageIterations(total, stages, ratio);
          assert.equal(counts.length, stages);
          assert.equal(
            counts.reduce((a, b) => a + b, 0),
            total,
            `${total} ${stages} ${ratio}`,
          );
          assert.ok(
            counts.every((c) => c >= 1),
            `${counts}`,
          );
        }
      }
    }
  });
});
