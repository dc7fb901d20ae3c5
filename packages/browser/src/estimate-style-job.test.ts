import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateStylizeSeconds, type RgbaImage } from '@nst/core';
import { estimateStyleJobSeconds } from './estimate-style-job.js';
import { stylizeOptionsFor } from './style-job.js';

const image = (width: number, height: number): RgbaImage => ({ width, height, data: new Uint8ClampedArray(width * height * 4) });
const speed = { secondsPerPixelIteration: 1e-6 };

describe('estimateStyleJobSeconds', () => {
  test('is the estimate of the options the job would run with, without making its pixels', () => {
    const settings = {
      content: image(300, 200),
      style: image(8, 8),
      iterations: 80,
      strength: 0.5,
      preserveColors: false,
      backend: 'auto',
    } as const;
    const real = estimateStylizeSeconds(stylizeOptionsFor(settings), speed);
    assert.ok(real > 0);
    assert.equal(estimateStyleJobSeconds({ width: 300, height: 200, iterations: 80 }, speed), real);
    assert.equal(
      estimateStyleJobSeconds({ width: 300, height: 200, maxSize: 150, iterations: 80 }, speed),
      estimateStylizeSeconds(stylizeOptionsFor({ ...settings, maxSize: 150 }), speed),
    );
  });

  test('with workers, the estimate of the options the job would run with on them: less where stages are tiled', () => {
    const job = { width: 600, height: 400, iterations: 80 };
    const options = {
      ...stylizeOptionsFor({
        content: image(600, 400),
        style: image(8, 8),
        iterations: 80,
        strength: 0.5,
        preserveColors: false,
        backend: 'wasm',
      }),
      workers: 4,
    };
    assert.equal(estimateStyleJobSeconds(job, { ...speed, workers: 4 }), estimateStylizeSeconds(options, speed));
    assert.ok(estimateStyleJobSeconds(job, { ...speed, workers: 4 }) < estimateStyleJobSeconds(job, speed));
    assert.equal(estimateStyleJobSeconds(job, { ...speed, workers: 1 }), estimateStyleJobSeconds(job, speed));
  });

  test('grows with the size and the iterations; a 4096 px job makes no pixels to estimate', () => {
    const at = (side: number, iterations: number) => estimateStyleJobSeconds({ width: side, height: side, iterations }, speed);
    assert.ok(at(1024, 150) > 3 * at(512, 150));
    assert.ok(at(512, 150) > at(512, 80));
    const before = process.memoryUsage().arrayBuffers;
    assert.ok(at(4096, 150) > at(1024, 150));
    assert.ok(process.memoryUsage().arrayBuffers - before < 16e6);
  });
});
