import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, BackendUnavailableError, initBackend, tf } from '../index.js';
import { nativeEngine } from './native-engine.js';
import { nativeLoadError } from '../native/onnx-runtime.js';

const noAdapterGpu = { requestAdapter: async () => null } as never;

describe('initBackend', () => {
  // First, before any webgpu backend is registered in this process.
  test('a forced webgpu without an adapter throws, saying why', async () => {
    await assert.rejects(
      initBackend({ backend: 'webgpu', gpu: noAdapterGpu }),
      (e: unknown) => e instanceof BackendUnavailableError && /webgpu.*no adapter/.test(e.message),
    );
  });

  test('auto falls through to the native engine (with wasm beside it) and reports why each better one was skipped', async () => {
    const report = await initBackend({ gpu: noAdapterGpu });
    assert.equal(report.backend, 'native');
    assert.deepEqual(report.native, { runtime: 'onnxruntime-node', version: '1.30.0' });
    assert.equal(tf.getBackend(), 'wasm');
    assert.ok(nativeEngine(), 'the native engine is on');
    assert.deepEqual(
      report.skipped.map((s) => s.backend),
      ['webgpu', 'webgl'],
    );
    assert.match(report.skipped[1]!.reason, /WebGL needs a browser/);
  });

  test('auto in Node finds Dawn: webgpu on a hardware adapter, else a reason that names the software one', async () => {
    const report = await initBackend();
    const webgpuSkip = report.skipped.find((s) => s.backend === 'webgpu');
    if (report.backend === 'webgpu') {
      assert.equal(report.adapter?.isSoftware, false);
    } else {
      assert.match(webgpuSkip?.reason ?? '', /software GPU/);
    }
  });

  test('a forced webgpu takes a software adapter and describes it', async () => {
    const report = await initBackend({ backend: 'webgpu' });
    assert.equal(tf.getBackend(), 'webgpu');
    assert.ok(report.adapter, 'the report names the adapter');
    assert.ok(report.adapter.description.length + report.adapter.device.length > 0);
    assert.deepEqual(report.skipped, []);
  });

  test('switches between every backend Node has, and says which is active', async () => {
    for (const backend of ['cpu', 'native', 'wasm', 'webgpu', 'cpu'] as const) {
      const report = await initBackend({ backend });
      assert.equal(report.backend, backend);
      assert.equal(tf.getBackend(), backend === 'native' ? 'wasm' : backend);
      assert.equal(nativeEngine() !== undefined, backend === 'native', 'the native engine is on with native alone');
    }
  });

  test('rejects webgl in Node and unknown names, keeping the active backend', async () => {
    await initBackend({ backend: 'cpu' });
    await assert.rejects(initBackend({ backend: 'webgl' }), /webgl backend cannot run here: webgl: WebGL needs a browser/);
    await assert.rejects(
      initBackend({ backend: 'tpu' as never }),
      (e: unknown) => e instanceof BackendUnavailableError && /auto, webgpu, webgl, native, wasm, cpu/.test(e.message),
    );
    assert.equal(tf.getBackend(), 'cpu');
    assert.deepEqual(BACKENDS, ['webgpu', 'webgl', 'native', 'wasm', 'cpu']);
  });

  test('an app hands over its own onnxruntime-node (a global install keeps @nst/core apart); something else is refused', async () => {
    const report = await initBackend({ backend: 'native', onnxRuntime: () => import('onnxruntime-node') });
    assert.equal(report.backend, 'native');
    await assert.rejects(
      initBackend({ backend: 'native', onnxRuntime: async () => ({ default: {} }) }),
      /native.*has no InferenceSession, Tensor and env: pass \(\) => import\('onnxruntime-node'\)/,
    );
    await initBackend({ backend: 'cpu' });
  });

  test('without onnxruntime-node the native attempt gives the reason and how to add it', () => {
    const missing = Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: 'ERR_MODULE_NOT_FOUND' });
    assert.match(
      nativeLoadError(missing).message,
      /optional 'onnxruntime-node' package is not installed; `npm install onnxruntime-node` adds it/,
    );
    assert.match(nativeLoadError(new Error('libonnxruntime.so.1: cannot open')).message, /did not load: libonnxruntime/);
  });
});
