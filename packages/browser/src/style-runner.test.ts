import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CancelledError, tf, type BackendReport, type InitBackendOptions, type RgbaImage, type StylizeOptions } from '@nst/core';
import { StyleRunner, runsOn } from './style-runner.js';
import { stylizeProgress } from '@nst/testing/stylize-progress';

const image = (width: number, height: number, seed: number): RgbaImage => ({
  width,
  height,
  data: Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * seed * 37) % 251)),
});

const abortable = (signal: AbortSignal | undefined) =>
  new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new CancelledError())));

describe('StyleRunner', () => {
  test('styles an image on the backend asked for (wasm here), at the content size', async () => {
    const runner = new StyleRunner();
    const report = await runner.backend('wasm');
    assert.equal(report.backend, 'wasm');
    assert.equal(runsOn(report), 'Runs on WebAssembly');
    const content = image(24, 16, 3);
    const out = await runner.stylize({ content, styles: [{ image: image(20, 20, 7) }], iterations: 3, maxSize: 24 }, 'wasm');
    assert.deepEqual([out.width, out.height], [24, 16]);
    assert.notDeepEqual(out.data, content.data);
    assert.equal(tf.getBackend(), 'wasm');
  });

  test('many runs leave no tensor behind', async () => {
    const runner = new StyleRunner();
    const options = { content: image(20, 12, 5), styles: [{ image: image(16, 16, 9) }], iterations: 2, maxSize: 20 };
    await runner.stylize(options, 'wasm');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await runner.stylize(options, 'wasm');
    assert.equal(tf.memory().numTensors, before);
  });

  test('when the GPU device is lost mid-run, chooses the backend again and starts over once, saying so', async () => {
    const inits: InitBackendOptions[] = [];
    const notices: string[] = [];
    let calls = 0;
    const report: BackendReport = { backend: 'wasm', skipped: [] };
    const runner = new StyleRunner({
      onNotice: (m) => notices.push(m),
      initBackend: async (options = {}) => {
        inits.push(options);
        return inits.length === 1 ? { backend: 'webgpu', skipped: [] } : report;
      },
      stylize: async (options: StylizeOptions) => {
        calls += 1;
        if (calls === 1) {
          setTimeout(() => inits[0]?.onDeviceLost?.({ reason: 'unknown', message: 'GPU reset' }), 1);
          return abortable(options.signal);
        }
        return options.content;
      },
    });
    const content = image(4, 4, 1);
    assert.equal(await runner.stylize({ content, styles: [{ image: content }] }, 'webgpu'), content);
    assert.equal(calls, 2);
    assert.deepEqual(
      inits.map((o) => o.backend),
      ['webgpu', 'auto'],
    );
    assert.deepEqual(notices, ['The GPU device was lost (GPU reset); starting over on WebAssembly.']);
  });

  test('a device lost between runs makes the next run choose the backend again', async () => {
    const inits: InitBackendOptions[] = [];
    const runner = new StyleRunner({
      initBackend: async (options = {}) => {
        inits.push(options);
        return { backend: 'webgpu', skipped: [] };
      },
      stylize: async (options: StylizeOptions) => options.content,
    });
    const content = image(4, 4, 1);
    await runner.stylize({ content, styles: [{ image: content }] }, 'webgpu');
    await runner.stylize({ content, styles: [{ image: content }] }, 'webgpu');
    assert.equal(inits.length, 1, 'one start while the device lives');
    inits[0]?.onDeviceLost?.({ reason: 'unknown', message: 'driver reset' });
    await runner.stylize({ content, styles: [{ image: content }] }, 'webgpu');
    assert.equal(inits.length, 2);
  });

  test('yields to the event loop after each progress report, so a Cancel click gets through', async () => {
    const order: string[] = [];
    const runner = new StyleRunner({
      initBackend: async () => ({ backend: 'wasm', skipped: [] }),
      stylize: async (options: StylizeOptions) => {
        setTimeout(() => order.push('click'), 0);
        await options.onProgress?.(stylizeProgress());
        order.push('next iteration');
        return options.content;
      },
    });
    const content = image(4, 4, 1);
    await runner.stylize({ content, styles: [{ image: content }], onProgress: () => void order.push('progress') });
    assert.deepEqual(order, ['progress', 'click', 'next iteration']);
  });

  test('a cancel by the user is passed on, not retried', async () => {
    let calls = 0;
    const runner = new StyleRunner({
      initBackend: async () => ({ backend: 'wasm', skipped: [] }),
      stylize: async (options: StylizeOptions) => {
        calls += 1;
        return abortable(options.signal);
      },
    });
    const controller = new AbortController();
    const content = image(4, 4, 1);
    const running = runner.stylize({ content, styles: [{ image: content }], signal: controller.signal });
    setTimeout(() => controller.abort(), 1);
    await assert.rejects(running, CancelledError);
    assert.equal(calls, 1);
  });

  test('a backend that fails to start is tried again on the next call', async () => {
    let attempts = 0;
    const runner = new StyleRunner({
      initBackend: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('The webgpu backend cannot run here');
        return { backend: 'webgpu', skipped: [] };
      },
    });
    await assert.rejects(runner.backend('webgpu'), /cannot run here/);
    assert.equal((await runner.backend('webgpu')).backend, 'webgpu');
  });

  test('measures the speed on the backend asked for, started first', async () => {
    const order: string[] = [];
    const runner = new StyleRunner({
      initBackend: async (options = {}) => {
        order.push(`init ${options.backend ?? ''}`);
        return { backend: 'wasm', skipped: [] };
      },
      measureSpeed: async () => {
        order.push('measure');
        return { secondsPerPixelIteration: 1e-6 };
      },
    });
    assert.deepEqual(await runner.measureSpeed('wasm'), { secondsPerPixelIteration: 1e-6 });
    await runner.measureSpeed('wasm');
    assert.deepEqual(order, ['init wasm', 'measure', 'measure']);
  });
});
