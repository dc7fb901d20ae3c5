import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultNetwork, type RgbaImage, type StylizeOptions } from '@nst/core';
import { PREVIEW_EVERY, runStyleJob } from './style-job.js';
import { StyleRunner } from './style-runner.js';
import { styleWeightFor } from './style-weight.js';
import { stylizeProgress } from '@nst/testing/stylize-progress';

const image = (width: number, height: number): RgbaImage => ({ width, height, data: new Uint8ClampedArray(width * height * 4) });

describe('runStyleJob', () => {
  test('turns the strength into β, previews every few iterations, and passes progress, previews and the signal on', async () => {
    const seen: StylizeOptions[] = [];
    const preview = image(2, 2);
    const runner = new StyleRunner({
      initBackend: async () => ({ backend: 'wasm', skipped: [] }),
      stylize: async (options) => {
        seen.push(options);
        await options.onProgress?.(stylizeProgress({ iteration: 5, iterations: 10, fraction: 0.5, preview }));
        await options.onProgress?.(stylizeProgress({ iteration: 6, iterations: 10, fraction: 0.6 }));
        return options.content;
      },
    });
    const content = image(30, 20);
    const controller = new AbortController();
    const fractions: number[] = [];
    const previews: RgbaImage[] = [];
    const settings = { content, style: image(8, 8), iterations: 10, strength: 0.25, preserveColors: true, backend: 'wasm' } as const;
    const out = await runStyleJob(runner, settings, {
      signal: controller.signal,
      onProgress: (p) => fractions.push(p.fraction),
      onPreview: (p) => previews.push(p),
    });
    assert.equal(out, content);
    assert.deepEqual(fractions, [0.5, 0.6]);
    assert.deepEqual(previews, [preview]);
    const options = seen[0];
    assert.equal(options?.maxSize, 30, 'the content’s own size when no size is given');
    assert.equal(options?.styleWeight, styleWeightFor(0.25, defaultNetwork().costWeights.beta));
    assert.equal(options?.previewEvery, PREVIEW_EVERY);
    assert.equal(options?.preserveColors, true);
    assert.equal(options?.network, undefined);
    assert.equal(options?.signal?.aborted, false);
    controller.abort();
    await runStyleJob(runner, { ...settings, maxSize: 64, network: defaultNetwork() }, { signal: controller.signal });
    assert.equal(seen[1]?.maxSize, 64);
    assert.equal(seen[1]?.network, defaultNetwork());
    assert.equal(seen[1]?.signal?.aborted, true, 'the runner’s signal follows the job’s');
  });
});
